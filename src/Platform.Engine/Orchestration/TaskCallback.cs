using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Engine.Orchestration;

/// <summary>What SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat raises, given a task token: the external event's
/// instance, name and payload (wire text), or why the token is refused.</summary>
/// <remarks>The event names are the engine's: the wait id for an answer, the wait id + <see cref="TaskTokens.HeartbeatEventSuffix"/>
/// for a heartbeat; the payload is a <see cref="TaskOutcome"/> on <see cref="OrchestrationWire"/>. A client port raises it
/// with one call (Durable's <c>RaiseEventAsync</c>).</remarks>
/// <param name="Check">The token's verdict.</param>
/// <param name="InstanceId">The orchestration instance to raise the event to (valid tokens).</param>
/// <param name="EventName">The event's name (valid tokens).</param>
/// <param name="Payload">The event's payload as wire text (valid tokens).</param>
public sealed record TaskCallback(TaskTokenCheck Check, string? InstanceId, string? EventName, string? Payload)
{
    /// <summary>Gets a value indicating whether the callback may be raised.</summary>
    public bool IsValid => Check.IsValid;

    /// <summary>SendTaskSuccess: the waiting task succeeds with <paramref name="output"/>.</summary>
    public static TaskCallback Success(TaskTokens tokens, string? token, JNode output, DateTime nowUtc) =>
        Create(tokens, token, heartbeat: false, TaskOutcome.Success(output), nowUtc);

    /// <summary>SendTaskFailure: the waiting task fails with <paramref name="error"/> and <paramref name="cause"/>.</summary>
    public static TaskCallback Failure(TaskTokens tokens, string? token, string? error, string? cause, DateTime nowUtc) =>
        Create(tokens, token, heartbeat: false, TaskOutcome.Failure(error ?? string.Empty, cause), nowUtc);

    /// <summary>SendTaskHeartbeat: the waiting task's HeartbeatSeconds timer starts again.</summary>
    public static TaskCallback Heartbeat(TaskTokens tokens, string? token, DateTime nowUtc) =>
        Create(tokens, token, heartbeat: true, TaskOutcome.Success(JNode.Null), nowUtc);

    private static TaskCallback Create(TaskTokens tokens, string? token, bool heartbeat, TaskOutcome outcome, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var check = tokens.Verify(token, nowUtc);
        return check.IsValid
            ? new TaskCallback(check, check.ExecutionId, heartbeat ? check.WaitId + TaskTokens.HeartbeatEventSuffix : check.WaitId, OrchestrationWire.Write(outcome))
            : new TaskCallback(check, null, null, null);
    }
}
