using Platform.Asl.Json;

namespace Platform.Engine.Execution;

/// <summary>Where a continued execution picks up: the state to enter next and everything the execution carries across
/// a continue-as-new (the orchestration starts over with an empty journal; the ASL execution goes on unchanged).</summary>
/// <remarks>
/// A long execution on a durable host would otherwise replay one ever-growing journal. Between two top-level states the
/// orchestrator can end its orchestration and start a new one with this as its input (Durable Task's ContinueAsNew): the
/// journal starts empty, the history event ids go on from <see cref="LastEventId"/>, the top-level variables and the
/// execution's start time carry over, and <c>$$.Execution.Input</c> stays the execution's original input.
/// </remarks>
public sealed record ExecutionContinuation
{
    /// <summary>Gets the name of the top-level state to enter next.</summary>
    public required string State { get; init; }

    /// <summary>Gets that state's input.</summary>
    public required JNode StateInput { get; init; }

    /// <summary>Gets the top-level variables (name to value).</summary>
    public JObject Variables { get; init; } = JObject.Empty;

    /// <summary>Gets the id of the last history event recorded before the continuation.</summary>
    public long LastEventId { get; init; }

    /// <summary>Gets the execution's start time (UTC), which <c>$$.Execution.StartTime</c> and the machine's
    /// <c>TimeoutSeconds</c> keep counting from.</summary>
    public DateTime StartTime { get; init; }

    /// <summary>Gets how many times the execution has continued as new (1 for the first continuation).</summary>
    public int Generation { get; init; }

    /// <summary>Gets the time of the last redrive before the continuation, if any (<c>$$.Execution.RedriveTime</c>, and
    /// where the machine's <c>TimeoutSeconds</c> counts from).</summary>
    public DateTime? RedriveTime { get; init; }
}
