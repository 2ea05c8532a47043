using System.Collections.Concurrent;
using Platform.Asl.Json;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Engine.History;
using Platform.Engine.Tasks;
using Platform.Runtime.InMemory;
using Platform.Server.Hosting;

namespace Platform.Server.Executions;

/// <summary>Express executions: run on the in-memory host, on real time, and kept in memory (the newest ones, up to a
/// bound, once ended) so they can be described, listed and their history read; lost when the server stops, as Express
/// executions keep no durable state.</summary>
internal sealed class ExpressExecutions(ITaskDispatcher tasks, TimeProvider time, int kept) : IDisposable
{
    private readonly InMemoryHost _host = new(tasks, new InMemoryHostOptions { TimeProvider = time });
    private readonly ConcurrentDictionary<string, ExpressExecution> _executions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ExpressExecution> _order = new();

    /// <summary>The number of executions in <see cref="_executions"/> (ConcurrentDictionary.Count takes every lock).</summary>
    private int _count;

    /// <summary>Starts an execution: in the background, or, when <paramref name="inline"/> (StartSyncExecution, whose caller
    /// waits for the end anyway), on the caller's thread up to its first wait, which saves a thread-pool hop.</summary>
    public ExpressExecution Start(StoredRevision revision, StateMachineOrchestrator orchestrator, ExecutionInput input, string? versionArn, string? aliasArn, bool inline = false)
    {
        var recorder = new HistoryRecorder(enabled: true);
        string arn = $"arn:aws:states:{input.Region}:{input.Account}:express:{input.StateMachineName}:{input.Name}:{RandomIds.NewGuid()}";
        var execution = new ExpressExecution(arn, revision, versionArn, aliasArn, input, time.GetUtcNow(), recorder);
        if (_executions.TryAdd(arn, execution))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _executions[arn] = execution;
        }

        _order.Enqueue(execution);
        Trim();
        execution.Run = inline ? RunAsync(execution, orchestrator, input, recorder) : Task.Run(() => RunAsync(execution, orchestrator, input, recorder));
        return execution;
    }

    private async Task<ExecutionResult> RunAsync(ExpressExecution execution, StateMachineOrchestrator orchestrator, ExecutionInput input, HistoryRecorder recorder)
    {
        ExecutionResult result;
        try
        {
            result = await _host.RunAsync(orchestrator, input with { HistoryRecorder = recorder }, execution.Stopping.Token);
        }
        catch (Exception ex)
        {
            // The engine turns every state's failure into a value; this is the host itself failing.
            result = new ExecutionResult(ExecutionStatus.Failed, null, "States.Runtime", ex.Message, recorder.Snapshot());
        }

        execution.End(result, time.GetUtcNow());
        return result;
    }

    /// <summary>Gets an execution kept in memory, or null.</summary>
    public ExpressExecution? Get(string arn) => _executions.GetValueOrDefault(arn);

    /// <summary>The executions of a state machine kept in memory, newest first.</summary>
    public IEnumerable<ExpressExecution> Of(string stateMachineArn) =>
        _executions.Values.Where(e => e.Revision.StateMachineArn == stateMachineArn).OrderByDescending(e => e.StartDate).ThenByDescending(e => e.Arn, StringComparer.Ordinal);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var execution in _executions.Values)
        {
            execution.Stop(null, null);
        }
    }

    /// <summary>Forgets the oldest ended executions beyond the bound (running ones are always kept).</summary>
    private void Trim()
    {
        if (Volatile.Read(ref _count) <= kept)
        {
            return;
        }

        int checkedCount = _order.Count;
        while (Volatile.Read(ref _count) > kept && checkedCount-- > 0 && _order.TryDequeue(out var oldest))
        {
            if (oldest.Result is null)
            {
                _order.Enqueue(oldest);
                continue;
            }

            if (_executions.TryRemove(new KeyValuePair<string, ExpressExecution>(oldest.Arn, oldest)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }
}

/// <summary>One Express execution in memory.</summary>
internal sealed class ExpressExecution(
    string arn, StoredRevision revision, string? versionArn, string? aliasArn, ExecutionInput input, DateTimeOffset startDate, HistoryRecorder history)
{
    private readonly Lock _lock = new();

    /// <summary>Gets the execution ARN (<c>…:express:&lt;machine&gt;:&lt;name&gt;:&lt;id&gt;</c>).</summary>
    public string Arn { get; } = arn;

    /// <summary>Gets the revision it runs.</summary>
    public StoredRevision Revision { get; } = revision;

    /// <summary>Gets the version it runs, when started through a version or alias.</summary>
    public string? VersionArn { get; } = versionArn;

    /// <summary>Gets the alias it was started through, if any.</summary>
    public string? AliasArn { get; } = aliasArn;

    /// <summary>Gets the execution input.</summary>
    public ExecutionInput Input { get; } = input;

    /// <summary>Gets when it started.</summary>
    public DateTimeOffset StartDate { get; } = startDate;

    /// <summary>Gets its history so far.</summary>
    public HistoryRecorder History { get; } = history;

    /// <summary>Gets the source that stops it.</summary>
    public CancellationTokenSource Stopping { get; } = new();

    /// <summary>Gets the run (completes with the result).</summary>
    public Task<ExecutionResult> Run { get; set; } = Task.FromResult(new ExecutionResult(ExecutionStatus.Running, null, null, null, []));

    /// <summary>Gets the result once ended.</summary>
    public ExecutionResult? Result { get; private set; }

    /// <summary>Gets when it ended.</summary>
    public DateTimeOffset? StopDate { get; private set; }

    /// <summary>Gets the error and cause given to StopExecution, if it was stopped.</summary>
    public (string? Error, string? Cause)? StopRequest { get; private set; }

    /// <summary>Asks the run to stop (ExecutionAborted); false when it has already ended.</summary>
    public bool Stop(string? error, string? cause)
    {
        lock (_lock)
        {
            if (Result is not null)
            {
                return false;
            }

            StopRequest = (error, cause);
        }

        Stopping.Cancel();
        return true;
    }

    /// <summary>Records the end.</summary>
    public void End(ExecutionResult result, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (result.Status == ExecutionStatus.Aborted && StopRequest is { } stop)
            {
                result = result with { Error = stop.Error, Cause = stop.Cause };
            }

            StopDate = at;
            Result = result;
        }
    }

    /// <summary>Gets the input as JSON.</summary>
    public JNode InputJson => Input.Input;
}
