using Platform.Asl.Errors;

namespace Platform.Engine.Plan;

/// <summary>ErrorEquals matching with AWS's wildcards and its terminal errors.</summary>
public static class ErrorMatcher
{
    /// <summary>Tells whether an error can never be retried or caught (States.Runtime, States.DataLimitExceeded).</summary>
    public static bool IsTerminal(string? error) => error is StatesErrors.Runtime or StatesErrors.DataLimitExceeded;

    /// <summary>Tells whether <paramref name="error"/> matches an ErrorEquals list.</summary>
    public static bool Matches(IReadOnlyList<string> errorEquals, string? error)
    {
        ArgumentNullException.ThrowIfNull(errorEquals);
        if (IsTerminal(error))
        {
            return false;
        }

        foreach (string name in errorEquals)
        {
            if (name == StatesErrors.All)
            {
                return true;
            }

            if (name == StatesErrors.TaskFailed && error != StatesErrors.Timeout)
            {
                return true;
            }

            if (string.Equals(name, error, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
