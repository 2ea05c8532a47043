using Platform.Asl.Json;
using Platform.Engine.Plan;

namespace Platform.Engine.Execution;

/// <summary>What one state did: go to a next state, end its machine, or fail. A value, not an exception.</summary>
internal readonly struct StepResult
{
    private StepResult(StateNode? next, JNode? output, string? error, string? cause, bool failed, JObject? assigned = null)
    {
        Assigned = assigned;
        Next = next;
        Output = output;
        Error = error;
        Cause = cause;
        Failed = failed;
    }

    public StateNode? Next { get; }

    public JNode? Output { get; }

    public string? Error { get; }

    public string? Cause { get; }

    public bool Failed { get; }

    /// <summary>Gets the variables the state assigned (for the StateExited event's assignedVariables).</summary>
    public JObject? Assigned { get; }

    public static StepResult Continue(StateNode? next, JNode output, JObject? assigned = null) => new(next, output, null, null, false, assigned);

    public static StepResult Fail(string? error, string? cause) => new(null, null, error, cause, true);
}
