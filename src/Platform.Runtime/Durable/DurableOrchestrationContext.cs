using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;

namespace Platform.Runtime.Durable;

/// <summary>The orchestration port on the durable journal, in Durable Task's replay model, together with the replay state
/// of one instance (kept between episodes by the live cache).</summary>
/// <remarks>
/// Every task and timer the orchestration starts takes the next sequence number. While the journal's history is replayed,
/// each such action must match the action recorded under its number (kind, name and input), or the episode stops with a
/// nondeterminism error; actions beyond the history are new and are committed by the episode. Delivered events (task
/// results, fired timers, raised events) are fed in their recorded order, each followed by pumping the orchestration's
/// scheduler until nothing is left to run, which is what makes concurrent branches replay identically.
/// </remarks>
internal sealed class DurableOrchestrationContext : OrchestrationContext
{
    private static readonly Guid GuidNamespace = new("0d7f3c1e-6a53-4b9b-9f7e-2b8f1d7c4a10");

    private readonly Func<OrchestrationContext, ValueTask<InstanceCompletion>> _body;
    private readonly DeterministicScheduler _scheduler = new();
    private readonly Dictionary<int, Action<string>> _pending = [];
    private readonly Dictionary<int, JournalEvent> _recorded = [];
    private readonly List<NewAction> _newActions = [];
    private readonly Dictionary<string, Queue<EventWaiter>> _waiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<string>> _buffered = new(StringComparer.Ordinal);
    private readonly List<RedriveMarker> _redrives = [];
    private readonly List<CancellationTokenSource> _redriveSources = [];
    private readonly Dictionary<int, DateTime> _recordedTimers = [];
    private List<NewAction> _pendingRecordedTimers = [];
    private List<string>? _stopRequests;
    private int _redriveCount;
    private DateTime? _redriveTime;
    private int _nextSequence;
    private int _maxRecorded = -1;
    private int _matched;
    private long _guidCounter;
    private DateTime _now;
    private bool _replaying;
    private Task<InstanceCompletion>? _result;

    public DurableOrchestrationContext(string instanceId, Func<OrchestrationContext, ValueTask<InstanceCompletion>> body, int generation = 0, string name = "")
    {
        InstanceId = instanceId;
        Name = name;
        _body = body;
        Generation = generation;
    }

    /// <summary>Gets how many times the instance continued as new before this run (its journal started over each time).</summary>
    public int Generation { get; }

    /// <summary>Gets the input the orchestration asked to continue with, once it called <see cref="ContinueAsNew"/>.</summary>
    public object? ContinuedWith { get; private set; }

    public override string InstanceId { get; }

    public override string Name { get; }

    /// <summary>Gets a value indicating whether this run (of the current generation) started any sub-orchestration, so the
    /// host looks for children to stop at its end only when there can be some.</summary>
    public bool CalledSubOrchestrations { get; private set; }

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => _replaying;

    /// <summary>Gets the last history position this context has seen.</summary>
    public long Delivered { get; private set; }

    /// <summary>Moves <see cref="Delivered"/> to <paramref name="position"/>, past events it need not read: its own recorded
    /// actions, and a result it was given directly and that was then committed at that position.</summary>
    public void AdvanceTo(long position) => Delivered = Math.Max(Delivered, position);

    /// <summary>Gets the position of the history event whose processing ended the orchestration, or 0 while it runs.</summary>
    /// <remarks>Stored with the end: a redrive supersedes that event (when it is a failure) and what followed it.</remarks>
    public long EndedAt { get; private set; }

    /// <inheritdoc />
    public override int RedriveCount => _redriveCount;

    /// <inheritdoc />
    public override DateTime? RedriveTime => _redriveTime;

    /// <inheritdoc />
    public override CancellationToken RedriveToken
    {
        get
        {
            while (_redriveSources.Count <= _redriveCount)
            {
                _redriveSources.Add(new CancellationTokenSource());
            }

            return _redriveSources[_redriveCount].Token;
        }
    }

    /// <summary>Gets the nondeterminism found, if any; the instance cannot go on.</summary>
    public string? Nondeterminism { get; private set; }

    /// <summary>Gets the orchestration's result once it ended.</summary>
    public Task<InstanceCompletion>? Result => _result;

    /// <summary>Returns the external events the orchestration waits for now, one name a line, in order.</summary>
    /// <remarks>Every episode commits it; most runs wait for one event (the stop request), so that case makes no list.</remarks>
    public string OpenWaits()
    {
        string? first = null;
        List<string>? open = null;
        foreach (var (name, queue) in _waiters)
        {
            foreach (var waiter in queue)
            {
                if (!waiter.Cancelled)
                {
                    if (first is null)
                    {
                        first = name;
                    }
                    else
                    {
                        (open ??= [first]).Add(name);
                    }

                    break;
                }
            }
        }

        if (open is null)
        {
            return first ?? string.Empty;
        }

        open.Sort(StringComparer.Ordinal);
        return string.Join('\n', open);
    }

    /// <summary>Gets or sets the ASL history recorder of the state machine run this context drives, if any: it holds the
    /// history of a running execution (up to the last event this context processed).</summary>
    public Platform.Engine.History.HistoryRecorder? AslHistory { get; set; }

    /// <summary>Gets the custom status as JSON text.</summary>
    public string? CustomStatus { get; private set; }

    /// <summary>Feeds history events (those after <see cref="Delivered"/>) to the orchestration.</summary>
    /// <param name="events">Events in position order.</param>
    /// <param name="replayedUpTo">The position the last committed episode processed: events up to it are replays.</param>
    /// <param name="fullReplay">The events start at the beginning of the history (a fresh context).</param>
    public void Process(IReadOnlyList<JournalEvent> events, long replayedUpTo, bool fullReplay)
    {
        if (fullReplay)
        {
            foreach (var e in events)
            {
                if (HistoryKinds.IsAction(e.Kind))
                {
                    _recorded[e.Sequence] = e;
                    _maxRecorded = Math.Max(_maxRecorded, e.Sequence);
                    if (e.Kind == HistoryKinds.TimerCreated)
                    {
                        _recordedTimers[e.Sequence] = new DateTime(long.Parse(e.Payload!, CultureInfo.InvariantCulture), DateTimeKind.Utc);
                    }
                }
            }
        }

        // Redrive markers are known before the events they govern: the count changes where the redriven attempt resumed,
        // which may be before the marker itself (results that arrived after the failure are the redriven attempt's).
        foreach (var e in events)
        {
            if (e.Kind == HistoryKinds.ExecutionRedriven && e.Position > Delivered)
            {
                var marker = RedriveMarker.Read(e);
                int at = _redrives.FindIndex(m => m.From > marker.From);
                _redrives.Insert(at < 0 ? _redrives.Count : at, marker);
            }
        }

        foreach (var e in events)
        {
            if (e.Position <= Delivered)
            {
                continue;
            }

            Delivered = e.Position;
            foreach (var marker in _redrives)
            {
                if (marker.From <= e.Position && marker.Count > _redriveCount)
                {
                    _redriveCount = marker.Count;
                    _redriveTime = marker.Time;
                }
            }

            if (HistoryKinds.IsAction(e.Kind) || Nondeterminism is not null || (_result is not null && _result.IsCompleted))
            {
                continue;
            }

            _replaying = e.Position <= replayedUpTo;
            _now = e.Timestamp;
            switch (e.Kind)
            {
                case HistoryKinds.ExecutionStarted:
                    if (_result is not null)
                    {
                        Nondeterminism = "The history starts the execution twice.";
                        break;
                    }

                    _scheduler.Pump(() => _result = _body(this).AsTask());
                    break;
                case HistoryKinds.TaskCompleted:
                case HistoryKinds.TimerFired:
                case HistoryKinds.SubOrchestrationCompleted:
                    if (_pending.Remove(e.Sequence, out var complete))
                    {
                        _scheduler.Pump(() => complete(e.Payload ?? "null"));
                    }
                    else if (e.Sequence >= _nextSequence)
                    {
                        Nondeterminism = $"The history has {e.Kind} for action {e.Sequence.ToString(CultureInfo.InvariantCulture)}, which the orchestration has not started.";
                    }

                    // Otherwise the action was cancelled (a timer whose race was lost): its late result is ignored.
                    break;
                case HistoryKinds.EventRaised:
                    _scheduler.Pump(() => Raise(e.Name ?? string.Empty, e.Payload ?? "null"));
                    break;
                case HistoryKinds.ExecutionRedriven:
                    // Work started before this redrive and still unfinished starts again (on the scheduler, in order).
                    int count = RedriveMarker.Read(e).Count;
                    _scheduler.Pump(() =>
                    {
                        for (int i = 0; i < count && i < _redriveSources.Count; i++)
                        {
                            _redriveSources[i].Cancel();
                        }
                    });
                    break;
                default:
                    // Superseded (rewound) events and the ends of earlier attempts are not delivered.
                    break;
            }

            if (EndedAt == 0 && _result is not null && _result.IsCompleted)
            {
                EndedAt = e.Position;
            }
        }

        _replaying = false;
        if (fullReplay && Nondeterminism is null && _matched != _recorded.Count && (_result is null || !_result.IsCompleted))
        {
            var missing = _recorded.Values.First(r => r.Sequence >= _nextSequence);
            Nondeterminism = $"The history has {missing.Kind} {missing.Sequence.ToString(CultureInfo.InvariantCulture)} ({missing.Name}) that the orchestration no longer starts.";
        }

        if (fullReplay)
        {
            _recorded.Clear();
            _pendingRecordedTimers = _redrives.Count == 0 ? [] : [.. _recordedTimers
                .Where(timer => _pending.ContainsKey(timer.Key))
                .OrderBy(timer => timer.Key)
                .Select(timer => new NewAction(HistoryKinds.TimerCreated, timer.Key, null, DurableJson.Ticks(timer.Value), timer.Value))];

            // So are the work items of tasks still running when the earlier attempt ended (say a callback failed before its
            // message was sent): they run again (at least once), or the redriven attempt would wait for them for ever.
            _pendingRecordedTimers.AddRange(_redrives.Count == 0 ? [] : _recorded.Values
                .Where(e => e.Kind == HistoryKinds.TaskScheduled && _pending.ContainsKey(e.Sequence))
                .OrderBy(e => e.Sequence)
                .Select(e => new NewAction(HistoryKinds.TaskScheduled, e.Sequence, e.Name, e.Payload ?? "null", default)));
            _recordedTimers.Clear();
        }
    }

    /// <summary>Returns the timers and tasks recorded in the history that the orchestration still waited for after its last
    /// full replay (after a redrive their rows are gone with the end of the earlier attempt, and are made again).</summary>
    public List<NewAction> PendingRecordedTimers() => _pendingRecordedTimers;

    /// <summary>Returns (and forgets) the actions started since the last call, to commit.</summary>
    public List<NewAction> TakeNewActions()
    {
        var taken = new List<NewAction>(_newActions);
        _newActions.Clear();
        return taken;
    }

    /// <summary>Gets the time the last processed event was recorded.</summary>
    public DateTime Now => _now;

    public override Guid NewGuid()
    {
        // Name-based (RFC 9562 version 5 layout over SHA-256, truncated): the same instance and counter give the same GUID.
        // A continued instance's counter starts over, so its generation is part of the name (generation 0 keeps the old names).
        string name = Generation == 0
            ? InstanceId + ":" + (_guidCounter++).ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{InstanceId}:g{Generation}:{_guidCounter++}");
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetByteCount(name)];
        GuidNamespace.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    public override ValueTask<TResult> CallActivityAsync<TResult>(string name, object? input = null)
    {
        if (name != ActivityNames.ExecuteTask || input is not TaskInvocation invocation || typeof(TResult) != typeof(TaskOutcome))
        {
            throw new NotSupportedException($"The durable host runs only the '{ActivityNames.ExecuteTask}' activity.");
        }

        string payload = DurableJson.Write(invocation);
        int sequence = _nextSequence++;
        var completion = new TaskCompletionSource<TaskOutcome>();
        if (Record(sequence, HistoryKinds.TaskScheduled, name, payload, default))
        {
            _pending[sequence] = json => completion.TrySetResult(DurableJson.ReadOutcome(json));
        }

        var pending = new ValueTask<TaskOutcome>(completion.Task);
        return Unsafe.As<ValueTask<TaskOutcome>, ValueTask<TResult>>(ref pending);
    }

    public override ValueTask CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        fireAt = DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        if (fireAt <= _now)
        {
            return ValueTask.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        int sequence = _nextSequence++;
        var completion = new TaskCompletionSource();
        if (!Record(sequence, HistoryKinds.TimerCreated, null, DurableJson.Ticks(fireAt), fireAt))
        {
            return new ValueTask(completion.Task);
        }

        CancellationTokenRegistration registration = default;
        _pending[sequence] = _ =>
        {
            registration.Dispose();
            completion.TrySetResult();
        };
        if (cancellationToken.CanBeCanceled)
        {
            // Cancellation comes from the orchestration's own code, on its scheduler; the timer row stays and its firing is ignored.
            registration = cancellationToken.Register(() =>
            {
                _pending.Remove(sequence);
                completion.TrySetCanceled(cancellationToken);
            });
        }

        return new ValueTask(completion.Task);
    }

    public override ValueTask<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        if (_buffered.TryGetValue(eventName, out var buffered) && buffered.Count > 0)
        {
            return ValueTask.FromResult(Convert<T>(buffered.Dequeue()));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        var completion = new TaskCompletionSource<T>();
        var waiter = new EventWaiter(json => completion.TrySetResult(Convert<T>(json)));
        if (!_waiters.TryGetValue(eventName, out var queue))
        {
            _waiters[eventName] = queue = new Queue<EventWaiter>();
        }

        queue.Enqueue(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(() =>
            {
                waiter.Cancelled = true;
                completion.TrySetCanceled(cancellationToken);
            });
        }

        return new ValueTask<T>(completion.Task);
    }

    /// <summary>Starts a child instance of a registered orchestration and completes with its end, as JSON
    /// (<c>{"status","output","error","cause","startedAt","endedAt"}</c>). For a state machine the input is the child's
    /// <see cref="Platform.Engine.Execution.ExecutionInput"/>; <typeparamref name="TResult"/> is a JNode (or its JSON text).</summary>
    public override ValueTask<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, string? instanceId = null, object? input = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        CalledSubOrchestrations = true;
        int sequence = _nextSequence++;
        string childId = instanceId ?? InstanceId + ":" + sequence.ToString(CultureInfo.InvariantCulture);
        string storedInput = input switch
        {
            Platform.Engine.Execution.ExecutionInput execution => DurableJson.Write(execution),
            JNode node => node.ToString(),
            string text => text,
            null => "null",
            _ => throw new NotSupportedException($"A sub-orchestration's input is an ExecutionInput, a JNode or JSON text, not {input.GetType().Name}."),
        };
        string payload = new JObject(["instanceId", "input"], [JNode.From(childId), JNode.From(storedInput)]).ToString();
        var completion = new TaskCompletionSource<TResult>();
        if (Record(sequence, HistoryKinds.SubOrchestrationScheduled, orchestratorName, payload, default))
        {
            _pending[sequence] = json => completion.TrySetResult(Convert<TResult>(json));
        }

        return new ValueTask<TResult>(completion.Task);
    }

    /// <summary>Asks the host to stop these children (a failed Map Run's, still running) once this episode has committed; see
    /// <see cref="TakeStopRequests"/>. Nothing is recorded: a replay asks again, and the host skips children that ended.</summary>
    public override ValueTask StopSubOrchestrationsAsync(IReadOnlyList<string> instanceIds)
    {
        (_stopRequests ??= []).AddRange(instanceIds);
        return ValueTask.CompletedTask;
    }

    /// <summary>Gets a value indicating whether the orchestration asked to stop children the host has not yet taken.</summary>
    public bool HasStopRequests => _stopRequests is not null;

    /// <summary>Takes the children the orchestration asked to stop since the last call, or null when none.</summary>
    public List<string>? TakeStopRequests()
    {
        var requests = _stopRequests;
        _stopRequests = null;
        return requests;
    }

    /// <summary>Records the input to continue with; the orchestration then returns, and its episode's commit starts the
    /// journal over (see <c>SqliteJournal.ApplyContinueAsNew</c>).</summary>
    public override void ContinueAsNew(object? newInput = null) => ContinuedWith = newInput ?? JNode.Null;

    public override void SetCustomStatus(object? customStatus) => CustomStatus = customStatus switch
    {
        null => null,
        JNode node => node.ToString(),
        string text => JNode.From(text).ToString(),
        _ => JNode.From(customStatus.ToString() ?? string.Empty).ToString(),
    };

    private static T Convert<T>(string json)
    {
        if (typeof(T) == typeof(string))
        {
            return (T)(object)json;
        }

        if (typeof(T) == typeof(TaskOutcome))
        {
            return (T)(object)DurableJson.ReadOutcome(json);
        }

        if (typeof(JNode).IsAssignableFrom(typeof(T)))
        {
            return (T)(object)JNode.Parse(json);
        }

        throw new NotSupportedException($"External events are read as JNode, string (JSON text) or TaskOutcome, not {typeof(T).Name}.");
    }

    private void Raise(string name, string payload)
    {
        if (_waiters.TryGetValue(name, out var queue))
        {
            while (queue.TryDequeue(out var waiter))
            {
                if (!waiter.Cancelled)
                {
                    waiter.Registration.Dispose();
                    waiter.Deliver(payload);
                    return;
                }
            }
        }

        if (!_buffered.TryGetValue(name, out var buffered))
        {
            _buffered[name] = buffered = new Queue<string>();
        }

        buffered.Enqueue(payload);
    }

    /// <summary>Checks a started action against the history (replay) or keeps it to commit (new); false on nondeterminism.</summary>
    private bool Record(int sequence, string kind, string? name, string payload, DateTime fireAt)
    {
        if (Nondeterminism is not null)
        {
            return false;
        }

        if (_recorded.TryGetValue(sequence, out var recorded))
        {
            _matched++;
            if (recorded.Kind != kind || recorded.Name != name || recorded.Payload != payload)
            {
                Nondeterminism = $"Action {sequence.ToString(CultureInfo.InvariantCulture)} is {kind} {name} {payload} on replay, but the history recorded {recorded.Kind} {recorded.Name} {recorded.Payload}.";
                return false;
            }

            return true;
        }

        if (sequence <= _maxRecorded)
        {
            Nondeterminism = $"Action {sequence.ToString(CultureInfo.InvariantCulture)} ({kind} {name}) is started on replay, but the history has no such action.";
            return false;
        }

        _newActions.Add(new NewAction(kind, sequence, name, payload, fireAt));
        return true;
    }

    /// <summary>A redrive marker: the redrive count it brings, when, and the history position from which it applies.</summary>
    private sealed record RedriveMarker(int Count, long From, DateTime Time)
    {
        public static RedriveMarker Read(JournalEvent e)
        {
            var payload = (JObject)JNode.Parse(e.Payload!);
            return new RedriveMarker(
                (int)((JNumber)payload["redriveCount"]!).Value,
                (long)((JNumber)payload["from"]!).Value,
                e.Timestamp);
        }
    }

    private sealed class EventWaiter(Action<string> deliver)
    {
        public Action<string> Deliver { get; } = deliver;

        public bool Cancelled { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
