namespace Platform.Engine.Orchestration;

/// <summary>The orchestration port: every effect of a running state machine goes through it.</summary>
/// <remarks>
/// Mirrors Durable Task's <c>TaskOrchestrationContext</c> member for member, so the Azure adapter is one line per member;
/// the embedded runtime implements it in memory (real or virtual time). Methods return <see cref="ValueTask"/> so a host
/// whose work completes synchronously (the in-memory host with synchronous handlers) allocates nothing per call.
/// </remarks>
public abstract class OrchestrationContext
{
    /// <summary>Gets the name the orchestration is registered under (Durable Task's <c>Name</c>): what a sub-orchestration
    /// of the same state machine (a distributed Map's child execution) is called by.</summary>
    /// <value>Empty: the host has no names (the in-memory host).</value>
    public virtual string Name => string.Empty;

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

    /// <summary>Stops sub-orchestrations this orchestration started and no longer waits for: the child executions of a
    /// distributed Map's Map Run still running when the Map Run fails, which AWS aborts with it.</summary>
    /// <remarks>
    /// Durable Task's context has no such member, so this is the one not mirrored: the Azure adapter calls an activity that
    /// terminates them through <c>DurableTaskClient</c>, and the embedded durable host stops them once the episode that
    /// asked has committed. Children that already ended (or were never created) are left as they are. Replay-safe: a
    /// replay asks again for the same children, and stopping one that has ended changes nothing.
    /// </remarks>
    /// <param name="instanceIds">The children's instance ids (the ids given to <see cref="CallSubOrchestratorAsync{TResult}"/>).</param>
    /// <exception cref="NotSupportedException">The host runs no sub-orchestrations (the in-memory host).</exception>
    public virtual ValueTask StopSubOrchestrationsAsync(IReadOnlyList<string> instanceIds) =>
        throw new NotSupportedException("This host runs no sub-orchestrations, so it has none to stop.");

    /// <summary>Restarts the orchestration with new input, truncating its history.</summary>
    public abstract void ContinueAsNew(object? newInput = null);

    /// <summary>Sets the status visible to clients.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Gets how many times the execution has been redriven (AWS RedriveExecution), as of the history being processed.</summary>
    /// <remarks>
    /// Replay-safe like <see cref="CurrentUtcDateTime"/>: while a host replays what happened before a redrive it reports the
    /// count of that time, after it the new one, so code that branches on it replays the same way. Hosts that never redrive
    /// keep the default, 0. An adapter onto Durable Functions (rewind, then raise an event carrying the count) can read it
    /// from that event, or from a field of the orchestration's input. See docs/durable-runtime.md, "Redrive".
    /// </remarks>
    /// <value>0.</value>
    public virtual int RedriveCount => 0;

    /// <summary>Gets when the execution was last redriven (UTC), as of the history being processed, or null before any redrive.</summary>
    /// <value>null.</value>
    public virtual DateTime? RedriveTime => null;

    /// <summary>Gets a token that is cancelled when the execution is redriven after the history processed so far: work that
    /// was unfinished when the execution failed, and is still waiting when the redrive arrives, starts again.</summary>
    /// <remarks>Each redrive count has its own token; work started after a redrive listens to the next one. Hosts that never
    /// redrive return <see cref="CancellationToken.None"/> (which cannot be cancelled, so listening costs nothing).</remarks>
    /// <value><see cref="CancellationToken.None"/>.</value>
    public virtual CancellationToken RedriveToken => CancellationToken.None;
}
