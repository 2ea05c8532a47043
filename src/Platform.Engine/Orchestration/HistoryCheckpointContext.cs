using Platform.Asl.Json;
using Platform.Engine.History;

namespace Platform.Engine.Orchestration;

/// <summary>Publishes an execution's ASL history while it runs (<see cref="ExecutionHistory"/>): before each call that may
/// wait (an activity, a timer, an external event, a child), the events recorded since the last call ride in the custom
/// status, or, when they no longer fit, are stored by the history activity first.</summary>
/// <remarks>
/// Replay-safe: the recorder is rebuilt from the same events on every replay, so the same calls see the same tails and
/// schedule the same history activities. A failed history write is not the execution's failure: its events stay
/// unstored and are tried again at the next checkpoint (the status then carries only the last event id while they do
/// not fit).
/// </remarks>
/// <param name="inner">The host's context.</param>
/// <param name="recorder">The execution's recorder (enabled).</param>
internal sealed class HistoryCheckpointContext(OrchestrationContext inner, HistoryRecorder recorder) : OrchestrationContext
{
    private long _storedId = recorder.LastId;
    private long _publishedId = -1;

    /// <inheritdoc />
    public override string Name => inner.Name;

    /// <inheritdoc />
    public override string InstanceId => inner.InstanceId;

    /// <inheritdoc />
    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    /// <inheritdoc />
    public override bool IsReplaying => inner.IsReplaying;

    /// <inheritdoc />
    public override int RedriveCount => inner.RedriveCount;

    /// <inheritdoc />
    public override DateTime? RedriveTime => inner.RedriveTime;

    /// <inheritdoc />
    public override CancellationToken RedriveToken => inner.RedriveToken;

    /// <inheritdoc />
    public override Guid NewGuid() => inner.NewGuid();

    /// <inheritdoc />
    public override async ValueTask<TResult> CallActivityAsync<TResult>(string name, object? input = null)
    {
        await CheckpointAsync(store: false);
        return await inner.CallActivityAsync<TResult>(name, input);
    }

    /// <inheritdoc />
    public override async ValueTask CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        await CheckpointAsync(store: false);
        await inner.CreateTimer(fireAt, cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        await CheckpointAsync(store: false);
        return await inner.WaitForExternalEvent<T>(eventName, cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, string? instanceId = null, object? input = null)
    {
        await CheckpointAsync(store: false);
        return await inner.CallSubOrchestratorAsync<TResult>(orchestratorName, instanceId, input);
    }

    /// <inheritdoc />
    public override async ValueTask StopSubOrchestrationsAsync(IReadOnlyList<string> instanceIds)
    {
        await CheckpointAsync(store: false);
        await inner.StopSubOrchestrationsAsync(instanceIds);
    }

    /// <summary>Gets a value indicating whether the execution asked to continue as new (passed on by <see cref="CompleteAsync"/>).</summary>
    public bool ContinuesAsNew { get; private set; }

    private object? ContinueInput { get; set; }

    /// <inheritdoc />
    /// <remarks>Held until <see cref="CompleteAsync"/> has stored the episode's history, so nothing is scheduled after it.</remarks>
    public override void ContinueAsNew(object? newInput = null)
    {
        ContinuesAsNew = true;
        ContinueInput = newInput;
    }

    /// <summary>Ends the episode: stores the events not stored yet, then continues as new if the execution asked to.</summary>
    public async ValueTask CompleteAsync()
    {
        await CheckpointAsync(store: true);
        if (ContinuesAsNew)
        {
            inner.ContinueAsNew(ContinueInput);
        }
    }

    /// <inheritdoc />
    public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    /// <summary>Publishes the events recorded since the last checkpoint: in the custom status while they fit, else (or
    /// when <paramref name="store"/> is set: the execution ended or continues as new) through the history activity.</summary>
    public async ValueTask CheckpointAsync(bool store)
    {
        var tail = recorder.Since(_storedId);
        if (tail.Count == 0 || (!store && tail[^1].Id == _publishedId))
        {
            return;
        }

        var events = tail.Select(e => e.ToAwsJson()).ToList();
        bool fits = events.Sum(e => e.ToString().Length) <= ExecutionHistory.TailBudgetChars;
        if (store || !fits)
        {
            // Marked stored before the await, so a parallel branch reaching a checkpoint meanwhile does not store them again.
            long previous = _storedId;
            _storedId = tail[^1].Id;
            try
            {
                await inner.CallActivityAsync<JNode>(ActivityNames.WriteHistory, ExecutionHistory.Chunk(InstanceId, tail));
                events.Clear();
                fits = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Kept for the next checkpoint; the execution goes on (see remarks).
                _storedId = Math.Min(_storedId, previous);
            }
        }

        _publishedId = tail[^1].Id;
        inner.SetCustomStatus(ExecutionHistory.Status(tail[^1].Id, fits ? events : []));
    }
}
