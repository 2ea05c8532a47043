using System.Collections.Concurrent;

namespace Platform.Runtime.InMemory;

/// <summary>Runs one orchestration on a single logical thread with a virtual clock that jumps to the next timer whenever
/// nothing else can make progress, so Waits and retry back-offs finish at once while their order and times stay exact.</summary>
/// <remarks>Time only moves when no activity is in flight, so a slow task is never overtaken by a timeout it would have met.</remarks>
public sealed class VirtualTimeScheduler : SynchronizationContext, IDisposable
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _work = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly PriorityQueue<TimerEntry, (DateTime FireAt, long Sequence)> _timers = new();
    private readonly Lock _timerLock = new();
    private long _sequence;
    private int _activities;
    private long _nowTicks;

    /// <summary>Creates a scheduler whose clock starts at <paramref name="start"/> (UTC).</summary>
    public VirtualTimeScheduler(DateTime start) => _nowTicks = DateTime.SpecifyKind(start, DateTimeKind.Utc).Ticks;

    /// <summary>Gets the virtual time (UTC).</summary>
    public DateTime Now => new(Interlocked.Read(ref _nowTicks), DateTimeKind.Utc);

    /// <inheritdoc />
    public void Dispose() => _signal.Dispose();

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        _work.Enqueue((d, state));
        _signal.Release();
    }

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Synchronous sends would deadlock the orchestration thread.");

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Returns a task that completes when the virtual clock reaches <paramref name="fireAt"/>, or is cancelled.</summary>
    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        if (fireAt <= Now)
        {
            return Task.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var entry = new TimerEntry();
        lock (_timerLock)
        {
            _timers.Enqueue(entry, (fireAt, _sequence++));
        }

        if (cancellationToken.CanBeCanceled)
        {
            entry.Registration = cancellationToken.Register(() =>
            {
                if (entry.Completion.TrySetCanceled(cancellationToken))
                {
                    _signal.Release();
                }
            });
        }

        return entry.Completion.Task;
    }

    /// <summary>Tracks an activity in flight; time stands still until it completes.</summary>
    public async ValueTask<T> TrackActivity<T>(ValueTask<T> activity)
    {
        if (activity.IsCompleted)
        {
            return await activity;
        }

        Interlocked.Increment(ref _activities);
        try
        {
            return await activity;
        }
        finally
        {
            Interlocked.Decrement(ref _activities);
            _signal.Release();
        }
    }

    /// <summary>Runs <paramref name="body"/> to completion on this scheduler (blocking the calling thread) and returns its result.</summary>
    /// <exception cref="InvalidOperationException">The orchestration waits for something that can never happen (no timer, no activity).</exception>
    public T Run<T>(Func<ValueTask<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            var task = body();
            if (task.IsCompleted)
            {
                return task.GetAwaiter().GetResult();
            }

            var running = task.AsTask();
            while (!running.IsCompleted)
            {
                if (_work.TryDequeue(out var item))
                {
                    item.Callback(item.State);
                    continue;
                }

                if (running.IsCompleted)
                {
                    break;
                }

                if (Volatile.Read(ref _activities) == 0 && FireNextTimer())
                {
                    continue;
                }

                if (Volatile.Read(ref _activities) == 0 && _work.IsEmpty && !HasTimers())
                {
                    // Allow continuations already on their way to arrive before declaring the run stuck.
                    if (!_signal.Wait(TimeSpan.FromMilliseconds(200)) && _work.IsEmpty && Volatile.Read(ref _activities) == 0 && !HasTimers() && !running.IsCompleted)
                    {
                        throw new InvalidOperationException("The execution is waiting for an event that nothing can raise (no timer is pending and no task is running).");
                    }

                    continue;
                }

                _signal.Wait();
            }

            return running.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private bool HasTimers()
    {
        lock (_timerLock)
        {
            while (_timers.TryPeek(out var entry, out _) && entry.Completion.Task.IsCompleted)
            {
                _timers.Dequeue();
            }

            return _timers.Count > 0;
        }
    }

    private bool FireNextTimer()
    {
        TimerEntry? entry;
        DateTime fireAt;
        lock (_timerLock)
        {
            while (true)
            {
                if (!_timers.TryDequeue(out entry, out var key))
                {
                    return false;
                }

                if (!entry.Completion.Task.IsCompleted)
                {
                    fireAt = key.FireAt;
                    break;
                }
            }
        }

        if (fireAt.Ticks > Interlocked.Read(ref _nowTicks))
        {
            Interlocked.Exchange(ref _nowTicks, fireAt.Ticks);
        }

        entry.Registration.Dispose();
        entry.Completion.TrySetResult();
        return true;
    }

    private sealed class TimerEntry
    {
        // Completed on the scheduler thread, so continuations run (or are posted) before the loop looks for more work.
        public TaskCompletionSource Completion { get; } = new();

        public CancellationTokenRegistration Registration { get; set; }
    }
}
