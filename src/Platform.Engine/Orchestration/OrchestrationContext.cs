namespace Platform.Engine.Orchestration;

/// <summary>The orchestration port: every effect of a running state machine goes through it.</summary>
/// <remarks>
/// Mirrors Durable Task's <c>TaskOrchestrationContext</c> member for member, so the Azure adapter is one line per member;
/// the embedded runtime implements it in memory (real or virtual time). Methods return <see cref="ValueTask"/> so a host
/// whose work completes synchronously (the in-memory host with synchronous handlers) allocates nothing per call.
/// </remarks>
public abstract class OrchestrationContext
{
    /// <summary>Gets the id of this orchestration instance.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Gets the replay-safe current time (UTC).</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>Gets a value indicating whether the orchestration is replaying history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Returns a replay-safe new GUID.</summary>
    public abstract Guid NewGuid();

    /// <summary>Calls an activity and returns its result.</summary>
    public abstract ValueTask<TResult> CallActivityAsync<TResult>(string name, object? input = null);

    /// <summary>Returns a timer that fires at <paramref name="fireAt"/> (UTC), or is cancelled.</summary>
    public abstract ValueTask CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Waits for an external event raised to this instance.</summary>
    public abstract ValueTask<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Runs a sub-orchestration and returns its result.</summary>
    public abstract ValueTask<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, string? instanceId = null, object? input = null);

    /// <summary>Restarts the orchestration with new input, truncating its history.</summary>
    public abstract void ContinueAsNew(object? newInput = null);

    /// <summary>Sets the status visible to clients.</summary>
    public abstract void SetCustomStatus(object? customStatus);
}
