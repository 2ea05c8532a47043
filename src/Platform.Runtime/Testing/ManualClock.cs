namespace Platform.Runtime.Testing;

/// <summary>A fake clock: time moves only when the test sets it, and timers due by then fire at once.</summary>
internal sealed class ManualClock(DateTime start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(DateTime.SpecifyKind(start, DateTimeKind.Utc));

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void SetUtcNow(DateTime time)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            var target = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
            if (target > _now)
            {
                _now = target;
            }

            due = _timers.Where(t => t.DueAt <= _now).ToList();
            foreach (var timer in due)
            {
                _timers.Remove(timer);
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private void Schedule(ManualTimer timer, DateTimeOffset? dueAt)
    {
        bool fireNow = false;
        lock (_lock)
        {
            _timers.Remove(timer);
            timer.DueAt = dueAt ?? DateTimeOffset.MaxValue;
            if (dueAt is { } at)
            {
                if (at <= _now)
                {
                    fireNow = true;
                }
                else
                {
                    _timers.Add(timer);
                }
            }
        }

        if (fireNow)
        {
            timer.Fire();
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Schedule(this, dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Schedule(this, null);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
