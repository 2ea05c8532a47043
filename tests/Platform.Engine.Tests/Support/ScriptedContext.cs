using System.Threading.Channels;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;

namespace Platform.Engine.Tests.Support;

/// <summary>An orchestration context the test drives by hand: activities run the handlers at once, timers fire when the
/// test moves the clock, external events arrive when the test raises them. Each timer and wait it creates is announced
/// on <see cref="Created"/>, so a test can wait for the orchestrator to get there without sleeping.</summary>
internal sealed class ScriptedContext(TaskHandlerRegistry handlers, DateTime start) : OrchestrationContext
{
    private readonly object _gate = new();
    private readonly List<(DateTime FireAt, TaskCompletionSource Done)> _timers = [];
    private readonly Dictionary<string, Queue<TaskCompletionSource<object?>>> _waits = new(StringComparer.Ordinal);
    private int _guids;

    public Channel<string> Created { get; } = Channel.CreateUnbounded<string>();

    public override string InstanceId => "arn:aws:states:us-east-1:123456789012:execution:M:e1";

    public override DateTime CurrentUtcDateTime => Now;

    public DateTime Now { get; private set; } = start;

    public override bool IsReplaying => false;

    public override Guid NewGuid() => new(Interlocked.Increment(ref _guids), 0, 0, new byte[8]);

    public override ValueTask<TResult> CallActivityAsync<TResult>(string name, object? input = null) =>
        new((TResult)(object)handlers.DispatchAsync((TaskInvocation)input!, CancellationToken.None).AsTask().GetAwaiter().GetResult());

    public override ValueTask CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cancellationToken.Register(() => done.TrySetCanceled());
        lock (_gate)
        {
            _timers.Add((fireAt, done));
        }

        Created.Writer.TryWrite("timer " + (fireAt - Start).TotalSeconds);
        return new ValueTask(done.Task);
    }

    public override ValueTask<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var arrived = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        cancellationToken.Register(() => arrived.TrySetCanceled());
        lock (_gate)
        {
            if (!_waits.TryGetValue(eventName, out var queue))
            {
                _waits[eventName] = queue = new Queue<TaskCompletionSource<object?>>();
            }

            queue.Enqueue(arrived);
        }

        Created.Writer.TryWrite("wait " + eventName);
        return new ValueTask<T>(arrived.Task.ContinueWith(t => (T)t.Result!, TaskScheduler.Default));
    }

    public override ValueTask<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, string? instanceId = null, object? input = null) =>
        throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null) => throw new NotSupportedException();

    public override void SetCustomStatus(object? customStatus)
    {
    }

    private DateTime Start { get; } = start;

    /// <summary>Moves the clock and fires every live timer due by then.</summary>
    public void AdvanceTo(double seconds)
    {
        List<TaskCompletionSource> due;
        lock (_gate)
        {
            Now = Start.AddSeconds(seconds);
            due = _timers.Where(t => t.FireAt <= Now).Select(t => t.Done).ToList();
            _timers.RemoveAll(t => t.FireAt <= Now);
        }

        due.ForEach(d => d.TrySetResult());
    }

    /// <summary>Raises an event to the oldest live wait of that name; true when one was waiting.</summary>
    public bool Raise(string name, object? payload)
    {
        lock (_gate)
        {
            if (_waits.TryGetValue(name, out var queue))
            {
                while (queue.TryDequeue(out var wait))
                {
                    if (wait.TrySetResult(payload))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Waits (without sleeping) until the orchestrator announces something that starts with <paramref name="prefix"/>.</summary>
    public async Task<string> NextAsync(string prefix)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            string item = await Created.Reader.ReadAsync(guard.Token);
            if (item.StartsWith(prefix, StringComparison.Ordinal))
            {
                return item;
            }
        }
    }
}
