namespace Platform.Runtime.Durable;

/// <summary>A single-threaded synchronization context for one orchestration: continuations queue here and run, in order,
/// only when the replay driver pumps. Nothing of the orchestration ever runs on another thread, so a replay that delivers
/// the same events in the same order runs the same code in the same order.</summary>
internal sealed class DeterministicScheduler : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_lock)
        {
            _work.Enqueue((d, state));
        }
    }

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Synchronous sends would deadlock the orchestration.");

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="first"/> (if any) on this context, then every queued continuation until none is left.</summary>
    public void Pump(Action? first = null)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            first?.Invoke();
            while (TryTake(out var item))
            {
                item.Callback(item.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private bool TryTake(out (SendOrPostCallback Callback, object? State) item)
    {
        lock (_lock)
        {
            return _work.TryDequeue(out item);
        }
    }
}
