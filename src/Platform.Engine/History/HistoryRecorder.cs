using Platform.Asl.Json;

namespace Platform.Engine.History;

/// <summary>Numbers and (when enabled) keeps the history events of one execution. Thread-safe.</summary>
/// <remarks>Event ids are always counted, because AWS's causes cite them ("entered at the event id #2"); the events
/// themselves are only built when history is on, so Express runs without history pay nothing for it.</remarks>
public sealed class HistoryRecorder
{
    private readonly List<HistoryEvent>? _events;
    private readonly Lock _lock = new();
    private readonly long _firstId;
    private long _lastId;

    /// <summary>Creates a recorder.</summary>
    public HistoryRecorder(bool enabled)
        : this(enabled, 0)
    {
    }

    /// <summary>Creates a recorder whose first event gets id <paramref name="lastId"/> + 1 (a continued execution's ids go on).</summary>
    public HistoryRecorder(bool enabled, long lastId)
    {
        _events = enabled ? new List<HistoryEvent>(32) : null;
        _lastId = lastId;
        _firstId = lastId + 1;
    }

    /// <summary>Gets a value indicating whether events are kept (callers skip building details when not).</summary>
    public bool Enabled => _events is not null;

    /// <summary>Gets the id of the last event.</summary>
    public long LastId => Interlocked.Read(ref _lastId);

    /// <summary>Records an event and returns its id.</summary>
    public long Record(string type, long previousEventId, DateTime timestamp, JObject? details)
    {
        if (_events is null)
        {
            return Interlocked.Increment(ref _lastId);
        }

        lock (_lock)
        {
            long id = ++_lastId;
            _events.Add(new HistoryEvent(id, previousEventId, timestamp, type, details));
            return id;
        }
    }

    /// <summary>Returns the events recorded after the event <paramref name="lastId"/> (ids are consecutive, in recording order).</summary>
    public IReadOnlyList<HistoryEvent> Since(long lastId)
    {
        if (_events is null)
        {
            return [];
        }

        lock (_lock)
        {
            int from = (int)Math.Clamp(lastId - _firstId + 1, 0, _events.Count);
            return _events.GetRange(from, _events.Count - from);
        }
    }

    /// <summary>Returns a snapshot of the events so far.</summary>
    public IReadOnlyList<HistoryEvent> Snapshot()
    {
        if (_events is null)
        {
            return [];
        }

        lock (_lock)
        {
            return [.. _events];
        }
    }
}
