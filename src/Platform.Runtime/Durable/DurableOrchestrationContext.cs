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
    private int _nextSequence;
    private int _maxRecorded = -1;
    private int _matched;
    private long _guidCounter;
    private DateTime _now;
    private bool _replaying;
    private Task<InstanceCompletion>? _result;

    public DurableOrchestrationContext(string instanceId, Func<OrchestrationContext, ValueTask<InstanceCompletion>> body)
    {
        InstanceId = instanceId;
        _body = body;
    }

    public override string InstanceId { get; }

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => _replaying;

    /// <summary>Gets the last history position this context has seen.</summary>
    public long Delivered { get; private set; }

    /// <summary>Gets the nondeterminism found, if any; the instance cannot go on.</summary>
    public string? Nondeterminism { get; private set; }

    /// <summary>Gets the orchestration's result once it ended.</summary>
    public Task<InstanceCompletion>? Result => _result;

    /// <summary>Returns the external events the orchestration waits for now, one name a line, in order.</summary>
    public string OpenWaits() => _waiters.Count == 0 ? string.Empty : string.Join(
        '\n',
        _waiters.Where(pair => pair.Value.Any(waiter => !waiter.Cancelled)).Select(pair => pair.Key).Order(StringComparer.Ordinal));

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
                }
            }
        }

        foreach (var e in events)
        {
            if (e.Position <= Delivered)
            {
                continue;
            }

            Delivered = e.Position;
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
                default:
                    break;
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
        }
    }

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
        string name = InstanceId + ":" + (_guidCounter++).ToString(CultureInfo.InvariantCulture);
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

    public override void ContinueAsNew(object? newInput = null) =>
        throw new NotSupportedException("ContinueAsNew is not supported by the durable host yet.");

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

    private sealed class EventWaiter(Action<string> deliver)
    {
        public Action<string> Deliver { get; } = deliver;

        public bool Cancelled { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
