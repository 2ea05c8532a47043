using Platform.Engine.Execution;

namespace Platform.Runtime.Testing;

/// <summary>AWS's names of execution statuses (<c>SUCCEEDED</c>, <c>FAILED</c>, <c>TIMED_OUT</c>, …), as test cases write them.</summary>
public static class ExecutionStatusNames
{
    /// <summary>Returns AWS's name of <paramref name="status"/>.</summary>
    public static string Of(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        _ => status.ToString().ToUpperInvariant(),
    };

    /// <summary>Parses AWS's name of a status (exact spelling).</summary>
    public static bool TryParse(string name, out ExecutionStatus status)
    {
        foreach (var candidate in Enum.GetValues<ExecutionStatus>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
