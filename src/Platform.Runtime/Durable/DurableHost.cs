using System.Collections.Concurrent;
using System.Threading.Channels;
using Platform.Asl.Json;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;

namespace Platform.Runtime.Durable;

/// <summary>Runs Standard (durable) executions on a SQLite journal in Durable Task's replay model: the same
/// <see cref="StateMachineOrchestrator"/> as the in-memory host, resumable after a crash or restart.</summary>
/// <remarks>
/// Register the orchestrations (state machines) first, then <see cref="Start"/>: it resumes every unfinished execution in
/// the file. Activities run at least once (a task whose result was not committed runs again after a restart; completed
/// ones never do); state transitions happen exactly once, because an orchestration's progress is only what its journal
/// says. See docs/durable-runtime.md.
/// </remarks>
public sealed class DurableHost : IAsyncDisposable, IDisposable
{
    private readonly ITaskDispatcher _tasks;
    private readonly DurableHostOptions _options;
    private readonly TimeProvider _time;
    private readonly SqliteJournal _journal;
    private readonly JournalWriter _writer;
    private readonly OrchestrationCache _cache;
    private readonly TaskTokens _tokens;
    private readonly Func<string, bool> _isRegistered;
    private readonly ConcurrentDictionary<string, Registration> _registrations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DurableExecution>> _completions = new(StringComparer.Ordinal);
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly Channel<WorkItem> _work = Channel.CreateUnbounded<WorkItem>();
    private readonly Lock _scheduleLock = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _writeFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string InstanceId, string ActivityId), CancellationTokenSource> _activities = new();
    private readonly SemaphoreSlim _timerGate = new(1, 1);
    private readonly Lock _idleLock = new();
    private readonly List<Task> _loops = [];
    private TaskCompletionSource _timerSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _busy;
    private int _state; // 0 created, 1 started, 2 disposed

    /// <summary>Opens (or creates) the journal. Register orchestrations, then call <see cref="Start"/>.</summary>
    public DurableHost(ITaskDispatcher tasks, DurableHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(options);
        _tasks = tasks;
        _options = options;
        _time = options.TimeProvider;
        _journal = new SqliteJournal(options.DatabasePath, options.FullSync);
        _writer = new JournalWriter(_journal, options.MaxWritesPerCommit);
        _cache = new OrchestrationCache(options.MaxCachedOrchestrations);
        _isRegistered = _registrations.ContainsKey;
        _tokens = new TaskTokens(options.TaskTokenKey ?? Convert.FromBase64String(
            _journal.GetOrAddSetting("task-token-key", () => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)))));
    }

    /// <summary>Gets the codec of this host's task tokens.</summary>
    public TaskTokens TaskTokens => _tokens;

    /// <summary>Gets the options.</summary>
    public DurableHostOptions Options => _options;

    /// <summary>Gets the group-commit writer (for its counters).</summary>
    internal JournalWriter Writer => _writer;

    /// <summary>Gets the journal.</summary>
    internal SqliteJournal Journal => _journal;

    /// <summary>Gets how many orchestrations are cached in memory.</summary>
    internal int CachedOrchestrations => _cache.Count;

    /// <summary>Registers a state machine under a name; executions store the name and find it again after a restart.</summary>
    public DurableHost RegisterStateMachine(string name, StateMachineOrchestrator orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return RegisterStateMachine(name, _ => orchestrator);
    }

    /// <summary>Registers a state machine under a name whose definition is chosen per execution: <paramref name="resolve"/>
    /// gets the execution's input (name, state machine name, ...) whenever the host builds the execution's orchestration
    /// (its start, and every replay after an eviction or a restart), and must give the same definition each time.</summary>
    /// <remarks>Lets a server keep each execution on the definition it started with while the state machine is updated. An
    /// exception from <paramref name="resolve"/> fails the execution with <c>States.Runtime</c> and the exception's message.</remarks>
    public DurableHost RegisterStateMachine(string name, Func<ExecutionInput, StateMachineOrchestrator> resolve)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(resolve);
        _registrations[name] = new Registration(
            stored =>
            {
                // A durable execution is a Standard one: it may wait for callbacks, with tokens signed by this host.
                var input = DurableJson.ReadExecutionInput(stored) with { Type = WorkflowType.Standard, TaskTokens = _tokens };
                StateMachineOrchestrator orchestrator;
                try
                {
                    orchestrator = resolve(input);
                }
                catch (Exception ex)
                {
                    var failed = new InstanceCompletion(DurableStatus.Failed, null, "States.Runtime", $"The definition of this execution cannot be loaded: {ex.Message}");
                    return _ => ValueTask.FromResult(failed);
                }

                return context =>
                {
                    // Each build of the run records into its own recorder, which the context exposes for live history.
                    var recorder = new Engine.History.HistoryRecorder(input.RecordHistory, input.Continuation?.LastEventId ?? 0);
                    if (context is DurableOrchestrationContext durable)
                    {
                        durable.AslHistory = recorder;
                    }

                    return RunStateMachineAsync(orchestrator, context, input with { HistoryRecorder = recorder });
                };
            },
            stored => DurableJson.ReadExecutionInput(stored).Input,
            IsStateMachine: true);
        return this;
    }

    /// <summary>The external event that <see cref="StopExecutionAsync"/> raises; its payload is <c>{"error", "cause"}</c>.</summary>
    public const string StopEventName = "$stop";

    /// <summary>Runs a state machine, listening for a stop request all along: it cancels the run (ExecutionAborted, with the
    /// request's error and cause), which interrupts waits, timers and tasks in flight.</summary>
    private static async ValueTask<InstanceCompletion> RunStateMachineAsync(StateMachineOrchestrator orchestrator, OrchestrationContext context, ExecutionInput input)
    {
        using var stopping = new CancellationTokenSource();
        using var listening = new CancellationTokenSource();
        var stopRequest = context.WaitForExternalEvent<JNode>(StopEventName, listening.Token).AsTask();
        var run = orchestrator.RunAsync(context, input, stopping.Token).AsTask();
        JObject? request = null;
        if (await Task.WhenAny(run, stopRequest) == stopRequest && !run.IsCompleted)
        {
            request = await stopRequest as JObject;
            stopping.Cancel();
        }

        var result = await run;
        listening.Cancel();
        if (result.Status == ExecutionStatus.ContinuedAsNew && context is DurableOrchestrationContext { ContinuedWith: ExecutionInput next })
        {
            // Not an end: the journal starts over with the continuation, and this part's ASL history is kept.
            return FromResult(result) with { Status = DurableStatus.Running, ContinueInput = DurableJson.Write(next) };
        }

        if (result.Status != ExecutionStatus.Aborted || request is null)
        {
            return FromResult(result);
        }

        // AWS's ExecutionAborted event and DescribeExecution carry the error and cause given to StopExecution.
        string? error = (request["error"] as JString)?.Value;
        string? cause = (request["cause"] as JString)?.Value;
        var history = result.History.ToList();
        if (history.Count > 0 && history[^1].Type == Engine.History.HistoryEventTypes.ExecutionAborted)
        {
            var details = new JObjectBuilder(2);
            if (error is not null)
            {
                details.Set("error", JNode.From(error));
            }

            if (cause is not null)
            {
                details.Set("cause", JNode.From(cause));
            }

            history[^1] = history[^1] with { Details = details.Count == 0 ? null : details.Build() };
        }

        return FromResult(result with { Error = error, Cause = cause, History = history });
    }

    /// <summary>StopExecution: aborts a running execution with an optional error and cause. Returns false when it does not
    /// exist or has already ended.</summary>
    public Task<bool> StopExecutionAsync(string instanceId, string? error = null, string? cause = null)
    {
        var request = new JObjectBuilder(2);
        if (error is not null)
        {
            request.Set("error", JNode.From(error));
        }

        if (cause is not null)
        {
            request.Set("cause", JNode.From(cause));
        }

        return RaiseEventAsync(instanceId, StopEventName, request.Build());
    }

    /// <summary>Lists executions, newest first, optionally of one state machine and one status, a page at a time.</summary>
    /// <param name="orchestration">The registered name to list, or null for all.</param>
    /// <param name="status">The status to list, or null for all.</param>
    /// <param name="maxResults">The page size (1 to 1,000).</param>
    /// <param name="nextToken">The token of the previous page, or null for the first.</param>
    /// <param name="mapRunChildren">Whether to list the child executions of distributed Maps' Map Runs too (AWS lists them
    /// only by Map Run, not with their state machine's executions).</param>
    /// <exception cref="ArgumentException">The page token is not one this host returned.</exception>
    public (IReadOnlyList<DurableExecution> Executions, string? NextToken) ListExecutions(
        string? orchestration = null, DurableStatus? status = null, int maxResults = 100, string? nextToken = null, bool mapRunChildren = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxResults, 1000);
        var after = nextToken is null ? ((long Ticks, string Id)?)null : DecodePageToken(nextToken);
        var rows = _journal.ListInstances(orchestration, status?.ToString(), maxResults + 1, after, mapRunChildren);
        var page = rows.Take(maxResults)
            .Select(row => row.Execution with
            {
                Input = _registrations.TryGetValue(row.Execution.Orchestration, out var registration) ? registration.UserInput(row.StoredInput) : JNode.Parse(row.StoredInput),
            })
            .ToList();
        string? next = rows.Count > maxResults ? EncodePageToken(page[^1].CreatedAt.Ticks, page[^1].InstanceId) : null;
        return (page, next);
    }

    private static string EncodePageToken(long ticks, string id) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + id));

    private static (long Ticks, string Id) DecodePageToken(string token)
    {
        try
        {
            string text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token));
            int bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && long.TryParse(text[..bar], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long ticks))
            {
                return (ticks, text[(bar + 1)..]);
            }
        }
        catch (FormatException)
        {
            // Reported below.
        }

        throw new ArgumentException("Invalid pagination token: it is not one this host returned.", nameof(token));
    }

    /// <summary>Registers a plain orchestration (any code written against the port) under a name.</summary>
    /// <remarks>Its result is the output; an exception fails the execution with the exception's type name as the error.</remarks>
    public DurableHost RegisterOrchestration(string name, Func<OrchestrationContext, JNode, ValueTask<JNode>> orchestration)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(orchestration);
        _registrations[name] = new Registration(
            stored =>
            {
                var input = JNode.Parse(stored);
                return async context =>
                {
                    var output = await orchestration(context, input);
                    return new InstanceCompletion(DurableStatus.Succeeded, output.ToString(), null, null);
                };
            },
            JNode.Parse);
        return this;
    }

    /// <summary>Starts the workers, the timer loop and the episode loops, and resumes every unfinished execution.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The host was already started or disposed.");
        }

        for (int i = 0; i < Math.Max(1, _options.MaxConcurrentEpisodes); i++)
        {
            _loops.Add(Task.Run(EpisodeLoopAsync));
        }

        for (int i = 0; i < Math.Max(1, _options.MaxConcurrentActivities); i++)
        {
            _loops.Add(Task.Run(ActivityLoopAsync));
        }

        _loops.Add(Task.Run(TimerLoopAsync));
        foreach (string instanceId in _journal.InstancesWithNewEvents())
        {
            RequestEpisode(instanceId);
        }

        foreach (var item in _journal.PendingWork())
        {
            Enqueue(item);
        }
    }

    /// <summary>Starts an execution of a registered state machine; returns its instance id (by default the execution ARN).</summary>
    /// <exception cref="InvalidOperationException">The instance id is taken, or the state machine is not registered.</exception>
    public Task<string> StartExecutionAsync(string stateMachine, ExecutionInput input, string? instanceId = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.ContinueAsNewAfterEvents is null && _options.ContinueAsNewAfterEvents > 0)
        {
            input = input with { ContinueAsNewAfterEvents = _options.ContinueAsNewAfterEvents };
        }

        if (_options.DistributedMapChildren && !input.MapRunChildren)
        {
            input = input with { MapRunChildren = true };
        }

        return StartAsync(stateMachine, instanceId ?? input.ExecutionArn, DurableJson.Write(input));
    }

    /// <summary>Starts an execution of a registered plain orchestration.</summary>
    /// <exception cref="InvalidOperationException">The instance id is taken, or the orchestration is not registered.</exception>
    public Task<string> StartOrchestrationAsync(string orchestration, string instanceId, JNode input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return StartAsync(orchestration, instanceId, input.ToString());
    }

    /// <summary>Gets an execution's stored status, or null when there is none.</summary>
    public DurableExecution? GetExecution(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (_journal.GetInstance(instanceId) is not { } found)
        {
            return null;
        }

        bool known = _registrations.TryGetValue(found.Execution.Orchestration, out var registration);
        var input = known ? registration!.UserInput(found.StoredInput) : JNode.Parse(found.StoredInput);
        var execution = found.Execution;
        string? reason = RedriveRefusal(execution, registration);
        return execution with
        {
            Input = input,
            RedriveStatus = reason is null ? DurableExecution.Redrivable : DurableExecution.NotRedrivable,
            RedriveStatusReason = reason,
        };
    }

    /// <summary>RedriveExecution: restarts a failed, aborted or timed-out execution from the work that did not succeed,
    /// keeping its id (ARN), input and the results of everything that succeeded; returns the redrive date (UTC).</summary>
    /// <remarks>
    /// As on AWS: only the steps that failed or were stopped run again (in a Parallel only those branches, in a Map only
    /// those iterations); Task states that run again get their retries and TimeoutSeconds afresh, the machine's
    /// TimeoutSeconds starts again from the redrive; <c>$$.Execution.RedriveCount</c> and <c>RedriveTime</c> change for what
    /// runs after the redrive; the ASL history goes on with an ExecutionRedriven event. See docs/durable-runtime.md, "Redrive".
    /// </remarks>
    /// <param name="instanceId">The execution (its instance id, by default the execution ARN).</param>
    /// <exception cref="ExecutionOperationException">With <see cref="ExecutionOperationException.ExecutionDoesNotExist"/>
    /// when there is no such execution, or <see cref="ExecutionOperationException.ExecutionNotRedrivable"/> when it runs,
    /// succeeded, is past AWS's limits (14 days since it ended, a year since it started, 24,999 history events), failed
    /// nondeterministically, or is not a state machine registered with this host. A refused redrive changes nothing.</exception>
    public async Task<DateTime> RedriveExecutionAsync(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (_journal.GetInstance(instanceId) is not { } found)
        {
            throw new ExecutionOperationException(ExecutionOperationException.ExecutionDoesNotExist, $"Execution Does Not Exist: '{instanceId}'");
        }

        if (!_registrations.TryGetValue(found.Execution.Orchestration, out var registration) || !registration.IsStateMachine)
        {
            throw new ExecutionOperationException(ExecutionOperationException.ExecutionNotRedrivable, $"Execution '{instanceId}' cannot be redriven: {RedriveRefusal(found.Execution, registration)}.");
        }

        var now = Now();
        var outcome = await _writer.WriteAsync((c, t) => SqliteJournal.ApplyRedrive(c, t, instanceId, now));
        switch (outcome.Status)
        {
            case RedriveOutcomeStatus.NoExecution:
                throw new ExecutionOperationException(ExecutionOperationException.ExecutionDoesNotExist, $"Execution Does Not Exist: '{instanceId}'");
            case RedriveOutcomeStatus.NotRedrivable:
                throw new ExecutionOperationException(ExecutionOperationException.ExecutionNotRedrivable, $"Execution '{instanceId}' cannot be redriven: {outcome.Reason}.");
        }

        // An ended instance is never cached, but a waiter that saw its earlier end must not answer for the new one.
        _cache.Take(instanceId);
        if (_completions.TryGetValue(instanceId, out var seen) && seen.Task.IsCompleted)
        {
            _completions.TryRemove(new KeyValuePair<string, TaskCompletionSource<DurableExecution>>(instanceId, seen));
        }

        RequestEpisode(instanceId);
        return now;
    }

    /// <summary>Returns why RedriveExecution would refuse an execution now (AWS's redriveStatusReason), or null.</summary>
    private string? RedriveRefusal(DurableExecution execution, Registration? registration)
    {
        if (registration is null)
        {
            return $"State machine '{execution.Orchestration}' is not registered with this host";
        }

        if (!registration.IsStateMachine)
        {
            return "Only state machine executions can be redriven";
        }

        int events = execution.Status is DurableStatus.Running or DurableStatus.Succeeded ? 0 : _journal.CountAslHistory(execution.InstanceId);
        return RedriveRules.Refusal(execution.Status, execution.Error, execution.CreatedAt, execution.UpdatedAt, events, Now());
    }

    /// <summary>Gets an ended execution's ASL history: AWS's history events (as GetExecutionHistory returns them), or null
    /// while it runs, when it kept no history, or when there is no such execution.</summary>
    public JArray? GetHistory(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return _journal.GetAslHistory(instanceId) is { } json ? (JArray)JNode.Parse(json) : null;
    }

    /// <summary>GetExecutionHistory: one page of an execution's ASL history, oldest first (or newest first with
    /// <paramref name="reverseOrder"/>), and the token of the next page (null on the last). A running execution's history
    /// is the one so far; null when there is no such execution or it keeps no history.</summary>
    /// <param name="instanceId">The execution.</param>
    /// <param name="maxResults">The page size, 1 to 1,000 (AWS's default is 100).</param>
    /// <param name="reverseOrder">Newest events first.</param>
    /// <param name="nextToken">The previous page's token, or null for the first page.</param>
    /// <exception cref="ArgumentException">The token is not one this method returned for this execution.</exception>
    public (IReadOnlyList<JObject> Events, string? NextToken)? GetHistoryPage(string instanceId, int maxResults = 100, bool reverseOrder = false, string? nextToken = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxResults, 1000);
        if ((LiveHistory(instanceId) ?? GetHistory(instanceId)) is not { } history)
        {
            return null;
        }

        int start = 0;
        if (nextToken is not null)
        {
            string text;
            try
            {
                text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(nextToken));
            }
            catch (FormatException)
            {
                text = string.Empty;
            }

            int bar = text.LastIndexOf('|');
            if (bar <= 0 || text[..bar] != instanceId || !int.TryParse(text[(bar + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out start) || start > history.Count)
            {
                throw new ArgumentException("Invalid pagination token: it is not one GetHistoryPage returned for this execution.", nameof(nextToken));
            }
        }

        var ordered = reverseOrder ? history.Reverse() : history;
        var page = ordered.Skip(start).Take(maxResults).Cast<JObject>().ToList();
        int next = start + page.Count;
        string? token = next < history.Count
            ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(instanceId + "|" + next.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : null;
        return (page, token);
    }

    /// <summary>The ASL history of a running state machine execution so far: from its live context when it is cached, or
    /// by replaying its journal into a context that is then dropped (nothing is committed or dispatched).</summary>
    private JArray? LiveHistory(string instanceId)
    {
        // A cached context matches the journal: it is put back only after its episode's commit.
        var context = _cache.Peek(instanceId);
        int redrives = 0;
        if (context?.AslHistory is null)
        {
            var history = _journal.LoadHistory(instanceId, 0);
            if (history is null || history.Status != DurableStatus.Running || !_registrations.TryGetValue(history.Orchestration, out var registration))
            {
                return null;
            }

            // Only what committed episodes processed: a replay of later events (a result not yet processed, or the start
            // itself) would run ahead of the journal and show a task whose token is not yet accepted.
            context = new DurableOrchestrationContext(instanceId, registration.Create(history.Input), history.Generation, history.Orchestration);
            context.Process([.. history.Events.Where(e => e.Position <= history.Processed)], history.Processed, fullReplay: true);
            redrives = history.RedriveCount;
        }

        if (context.AslHistory is not { } recorder)
        {
            return null;
        }

        // The live recorder holds the current run's events; what earlier parts of a continued execution and the runs before
        // a redrive recorded is stored, and goes first (composed as at the end, see RunEpisodeAsync).
        var live = new JArray(recorder.Snapshot().Select(e => (JNode)e.ToAwsJson()).ToArray());
        if ((context.RedriveCount == 0 && context.Generation == 0) || _journal.GetAslHistory(instanceId) is not { } stored)
        {
            return live;
        }

        if (context.RedriveCount > 0)
        {
            redrives = redrives > 0 ? redrives : GetExecution(instanceId)?.RedriveCount ?? context.RedriveCount;
            return (JArray)JNode.Parse(RedriveHistory.Compose(stored, live.ToString(), redrives, context.Now));
        }

        return (JArray)JNode.Parse(RedriveHistory.Append(stored, live.ToString()));
    }

    /// <summary>Waits until an execution ends (however long that takes; pass a token to give up).</summary>
    /// <exception cref="KeyNotFoundException">There is no such execution.</exception>
    public Task<DurableExecution> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var completion = _completions.GetOrAdd(instanceId, _ => new TaskCompletionSource<DurableExecution>(TaskCreationOptions.RunContinuationsAsynchronously));

        // The status alone first: a running execution's full row (and its input, parsed) is read when it ends.
        var status = _journal.GetStatus(instanceId) ?? throw new KeyNotFoundException($"There is no execution '{instanceId}'.");
        if (status != DurableStatus.Running)
        {
            // Read again in full: gone in between (deleted) is the same answer as not there at all, never a wait for ever.
            var current = GetExecution(instanceId) ?? throw new KeyNotFoundException($"There is no execution '{instanceId}'.");
            // Answered now and not kept: a redrive may run the execution again, and a later wait must see that run's end.
            completion.TrySetResult(current);
            _completions.TryRemove(new KeyValuePair<string, TaskCompletionSource<DurableExecution>>(instanceId, completion));
        }

        // Not an async method: the returned task is complete the moment the ending commit is durable.
        return completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Raises an external event to a running execution; false when it does not exist or has ended.</summary>
    public async Task<bool> RaiseEventAsync(string instanceId, string eventName, JNode payload)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentNullException.ThrowIfNull(eventName);
        ArgumentNullException.ThrowIfNull(payload);
        string json = payload.ToString();
        var now = Now();
        bool raised = await _writer.WriteAsync((c, t) => SqliteJournal.ApplyEventRaised(c, t, instanceId, eventName, json, now));
        if (raised)
        {
            RequestEpisode(instanceId);
        }

        return raised;
    }

    /// <summary>SendTaskSuccess: completes the waiting <c>.waitForTaskToken</c> task with <paramref name="output"/>.</summary>
    /// <exception cref="TaskCallbackException">The token is invalid, or its task no longer waits.</exception>
    public Task SendTaskSuccessAsync(string token, JNode output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return SendTaskCallbackAsync(token, heartbeat: false, DurableJson.Write(TaskOutcome.Success(output)));
    }

    /// <summary>SendTaskFailure: fails the waiting task with <paramref name="error"/> and <paramref name="cause"/>.</summary>
    /// <exception cref="TaskCallbackException">The token is invalid, or its task no longer waits.</exception>
    public Task SendTaskFailureAsync(string token, string? error, string? cause) =>
        SendTaskCallbackAsync(token, heartbeat: false, DurableJson.Write(TaskOutcome.Failure(error ?? string.Empty, cause)));

    /// <summary>SendTaskHeartbeat: tells the waiting task its worker is alive, re-arming its HeartbeatSeconds timer.</summary>
    /// <exception cref="TaskCallbackException">The token is invalid, or its task no longer waits.</exception>
    public Task SendTaskHeartbeatAsync(string token) => SendTaskCallbackAsync(token, heartbeat: true, DurableJson.Write(TaskOutcome.Success(JNode.Null)));

    private async Task SendTaskCallbackAsync(string token, bool heartbeat, string payload)
    {
        var now = Now();
        var check = _tokens.Verify(token, now);
        if (check.Status == TaskTokenStatus.Invalid)
        {
            throw new TaskCallbackException(TaskCallbackException.InvalidToken, $"Invalid token: {check.Reason}.");
        }

        if (check.Status == TaskTokenStatus.Expired)
        {
            throw new TaskCallbackException(TaskCallbackException.TaskTimedOut, $"Task Timed Out: {check.Reason}.");
        }

        string instanceId = check.ExecutionId!;
        string waitId = check.WaitId!;
        string eventName = heartbeat ? waitId + TaskTokens.HeartbeatEventSuffix : waitId;
        var result = await _writer.WriteAsync((c, t) => SqliteJournal.ApplyTaskCallback(c, t, instanceId, waitId, eventName, payload, now));
        switch (result)
        {
            case CallbackResult.Accepted:
                RequestEpisode(instanceId);
                return;
            case CallbackResult.NoExecution:
                throw new TaskCallbackException(TaskCallbackException.TaskDoesNotExist, $"Task does not exist: the execution '{instanceId}' is unknown.");
            case CallbackResult.ExecutionEnded:
                throw new TaskCallbackException(TaskCallbackException.TaskTimedOut, $"Task Timed Out: the execution '{instanceId}' has ended.");
            default:
                throw new TaskCallbackException(
                    TaskCallbackException.TaskTimedOut,
                    "Task Timed Out: the task no longer waits for this token (it was already answered, timed out, or its branch ended).");
        }
    }

    /// <summary>Gets when the next durable timer fires, or null when none is pending.</summary>
    public DateTime? GetNextTimer() => _journal.NextTimer();

    /// <summary>Returns a task that completes when the host has nothing to do: no episode, activity or commit is pending
    /// (executions may still wait for timers or events). Tests use it to drive a fake clock without sleeping.</summary>
    public Task WhenIdleAsync()
    {
        lock (_idleLock)
        {
            if (Volatile.Read(ref _busy) == 0)
            {
                return Task.CompletedTask;
            }

            if (_idle.Task.IsCompleted)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return _idle.Task;
        }
    }

    /// <summary>Fires every timer due by the host's clock now (the timer loop does this by itself; tests on a fake clock call
    /// it after advancing the clock so the firing is part of the work <see cref="WhenIdleAsync"/> waits for).</summary>
    public async Task FireDueTimersAsync()
    {
        Enter();
        try
        {
            await _timerGate.WaitAsync(_stop.Token);
            try
            {
                var now = Now();
                var due = _journal.DueTimers(now);

                // Stamped with when it really fired (not when it was due), so after downtime the orchestration's clock is now,
                // and the next state's deadlines are not already in the past.
                var writes = due.Select(timer => (Timer: timer, Fired: _writer.WriteAsync((c, t) => SqliteJournal.ApplyTimerFired(c, t, timer.InstanceId, timer.Sequence, timer.FireAt > now ? timer.FireAt : now)))).ToList();
                foreach (var (timer, fired) in writes)
                {
                    if (await fired)
                    {
                        RequestEpisode(timer.InstanceId);
                    }
                }
            }
            finally
            {
                _timerGate.Release();
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Stops the host: running handlers are abandoned (their tasks run again on the next host), pending commits are
    /// written, and the journal is closed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            return;
        }

        await _stop.CancelAsync();
        _ready.Writer.TryComplete();
        _work.Writer.TryComplete();
        lock (_timerGate)
        {
            _timerSignal.TrySetResult();
        }

        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
            // Loops end by cancellation.
        }

        await _writer.DisposeAsync();
        _cache.Clear();
        foreach (var waiter in _completions.Values)
        {
            waiter.TrySetCanceled();
        }

        _journal.Dispose();
        _stop.Dispose();
        _timerGate.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static InstanceCompletion FromResult(ExecutionResult result) => new(
        result.Status switch
        {
            ExecutionStatus.Succeeded => DurableStatus.Succeeded,
            ExecutionStatus.TimedOut => DurableStatus.TimedOut,
            ExecutionStatus.Aborted => DurableStatus.Aborted,
            _ => DurableStatus.Failed,
        },
        result.Output?.ToString(),
        result.Error,
        result.Cause,
        result.History.Count == 0 ? null : new JArray(result.History.Select(e => (JNode)e.ToAwsJson()).ToArray()).ToString());

    private async Task<string> StartAsync(string orchestration, string instanceId, string storedInput)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestration);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (!_registrations.ContainsKey(orchestration))
        {
            throw new InvalidOperationException($"No orchestration named '{orchestration}' is registered with this host.");
        }

        var now = Now();
        bool? started = await StartWithFirstEpisodeAsync(orchestration, instanceId, storedInput, now);
        bool created = started ?? await _writer.WriteAsync((c, t) => SqliteJournal.ApplyCreate(c, t, instanceId, orchestration, storedInput, now));
        if (!created)
        {
            throw new InvalidOperationException($"An execution with id '{instanceId}' already exists.");
        }

        if (started is null)
        {
            RequestEpisode(instanceId);
        }

        return instanceId;
    }

    /// <summary>Creates an instance and commits its first episode in the same write: the episode loop would otherwise read
    /// back the one event the start just wrote (ExecutionStarted) and commit what the orchestration did with it in a
    /// second write. Returns whether the instance was created (false: the id is taken, nothing was written), or null when
    /// this could not be done (the id is busy, the first episode or its write failed): the caller then starts the instance
    /// alone and an episode follows, as it always did.</summary>
    /// <remarks>The instance is claimed as an episode claims it, so an event raised right after the commit waits for this
    /// episode's end (see <see cref="Release"/>).</remarks>
    private async Task<bool?> StartWithFirstEpisodeAsync(string orchestration, string instanceId, string storedInput, DateTime now)
    {
        if (!_registrations.TryGetValue(orchestration, out var registration) || !TryClaim(instanceId))
        {
            return null;
        }

        Enter();
        try
        {
            DurableOrchestrationContext context;
            List<NewAction> actions;
            InstanceCompletion? completion;
            EpisodeCommit commit;
            try
            {
                // What the episode loop would do with the journal's one event: a full replay of ExecutionStarted at position 1.
                context = new DurableOrchestrationContext(instanceId, registration.Create(storedInput), 0, orchestration);
                context.Process([new JournalEvent(1, HistoryKinds.ExecutionStarted, -1, orchestration, storedInput, now)], 0, fullReplay: true);
                actions = context.TakeNewActions();
                completion = Completion(context);
                commit = new EpisodeCommit(instanceId, context.Delivered, actions, completion, context.CustomStatus, Now(), context.OpenWaits())
                {
                    IsRegistered = _isRegistered,
                    EndedAt = context.EndedAt,
                };
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return null;
            }

            (bool Created, string? Parent) written;
            try
            {
                written = await _writer.WriteAsync((c, t) => SqliteJournal.ApplyCreate(c, t, instanceId, orchestration, storedInput, now)
                    ? (true, SqliteJournal.ApplyEpisode(c, t, commit))
                    : (false, null));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return null;
            }

            if (written.Created)
            {
                AfterEpisode(instanceId, context, actions, completion, timersRearmed: false, written.Parent);
            }

            return written.Created;
        }
        finally
        {
            Release(instanceId);
            Exit();
        }
    }

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;

    private void Enter() => Interlocked.Increment(ref _busy);

    private void Exit()
    {
        if (Interlocked.Decrement(ref _busy) == 0)
        {
            lock (_idleLock)
            {
                if (Volatile.Read(ref _busy) == 0)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }

    private void RequestEpisode(string instanceId)
    {
        lock (_scheduleLock)
        {
            if (_running.Contains(instanceId))
            {
                _dirty.Add(instanceId);
                return;
            }

            if (!_queued.Add(instanceId))
            {
                return;
            }

            Enter();
        }

        if (!_ready.Writer.TryWrite(instanceId))
        {
            Exit();
        }
    }

    private void Enqueue(WorkItem item)
    {
        Enter();
        if (!_work.Writer.TryWrite(item))
        {
            Exit();
        }
    }

    private async Task EpisodeLoopAsync()
    {
        await foreach (string instanceId in _ready.Reader.ReadAllAsync())
        {
            lock (_scheduleLock)
            {
                _queued.Remove(instanceId);
                _running.Add(instanceId);
            }

            try
            {
                await RunEpisodeAsync(instanceId);
                if (!_writeFailures.IsEmpty)
                {
                    _writeFailures.TryRemove(instanceId, out _);
                }
            }
            catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException && _stop.IsCancellationRequested)
            {
                // The host is stopping; the journal still has everything needed to run this episode again.
            }
            catch (Exception ex)
            {
                // A journal failure (disk full, I/O error): the instance stays as its journal says; run the episode again
                // after a back-off, so it does not wait for its next event or a restart.
                Report(instanceId, ex);
                RetryLater(instanceId, () => RequestEpisode(instanceId));
            }
            finally
            {
                Release(instanceId);
                Exit();
            }
        }
    }

    /// <summary>One episode: bring the orchestration up to date with its journal (from the live cache, or by replaying the
    /// whole history), then commit what it did in one write.</summary>
    private async Task RunEpisodeAsync(string instanceId)
    {
        var context = _cache.Take(instanceId);
        var history = _journal.LoadHistory(instanceId, context?.Delivered ?? 0);
        if (history is null || history.Status != DurableStatus.Running)
        {
            return;
        }

        bool fullReplay = context is null;
        if (context is null)
        {
            if (!_registrations.TryGetValue(history.Orchestration, out var registration))
            {
                // Left running: a host that registers the orchestration will resume it.
                return;
            }

            context = new DurableOrchestrationContext(instanceId, registration.Create(history.Input), history.Generation, history.Orchestration);
        }

        long before = context.Delivered;
        context.Process(history.Events, history.Processed, fullReplay);
        var actions = context.TakeNewActions();
        var completion = Completion(context);
        if (actions.Count == 0 && completion is null && context.Delivered == before && !fullReplay && !context.HasStopRequests)
        {
            _cache.Put(context);
            return;
        }

        // The first episode after a redrive arms again the recorded timers the orchestration still waits for (a Wait state
        // that was stopped): the earlier end dropped their rows. Later episodes see the marker as processed.
        var rearm = fullReplay && history.Events.Any(e => e.Kind == HistoryKinds.ExecutionRedriven && e.Position > history.Processed)
            ? context.PendingRecordedTimers()
            : [];
        completion = ComposeHistory(instanceId, context, completion, () => history.RedriveCount);
        var commit = new EpisodeCommit(instanceId, context.Delivered, actions, completion, context.CustomStatus, Now(), context.OpenWaits())
        {
            IsRegistered = _isRegistered,
            EndedAt = context.EndedAt,
            Rearm = rearm,
        };
        // If the commit fails the context is not put back in the cache (it ran ahead of the journal): the next episode replays.
        string? parent = await _writer.WriteAsync((c, t) => SqliteJournal.ApplyEpisode(c, t, commit));

        AfterEpisode(instanceId, context, [.. actions, .. rearm.Where(a => a.Kind == HistoryKinds.TaskScheduled)], completion, rearm.Count > 0, parent);
    }

    /// <summary>Puts what earlier generations and redrives stored before an ending (or continuing) run's own ASL events.</summary>
    private InstanceCompletion? ComposeHistory(string instanceId, DurableOrchestrationContext context, InstanceCompletion? completion, Func<int> redrives)
    {
        if (completion is { History: { } steps } && (context.RedriveCount > 0 || context.Generation > 0) && _journal.GetAslHistory(instanceId) is { } stored)
        {
            // What earlier generations and redrives stored comes first; this run's events follow (a redriven run's renumbered).
            return completion with
            {
                History = context.RedriveCount > 0
                    ? RedriveHistory.Compose(stored, steps, Math.Max(redrives(), context.RedriveCount), context.Now)
                    : RedriveHistory.Append(stored, steps),
            };
        }

        return completion;
    }

    /// <summary>After an episode's commit: wake whoever waits for the end (and the parent the commit told of it, if any), or
    /// dispatch the new work, and keep the context.</summary>
    private void AfterEpisode(string instanceId, DurableOrchestrationContext context, List<NewAction> actions, InstanceCompletion? completion, bool timersRearmed, string? parent)
    {
        // Children a failed Map Run asked to stop, unless the execution ended: then every Map Run child stops (below).
        var stops = context.TakeStopRequests();
        if (stops is not null && completion is not { ContinueInput: null })
        {
            StopMapRunChildren(instanceId, new HashSet<string>(stops, StringComparer.Ordinal));
        }

        if (completion is { ContinueInput: not null })
        {
            // The journal started over: the next episode replays the new generation from its start (not from this context).
            RequestEpisode(instanceId);
            return;
        }

        if (completion is not null)
        {
            if (_completions.TryRemove(instanceId, out var waiter) && GetExecution(instanceId) is { } ended)
            {
                waiter.TrySetResult(ended);
            }

            // A child's end was appended to its parent's history in the same commit: let the parent go on.
            if (parent is not null)
            {
                RequestEpisode(parent);
            }

            // Every Map Run child still running stops with its parent, those it asked to stop included.
            if (context.CalledSubOrchestrations)
            {
                StopMapRunChildren(instanceId);
            }

            AbandonActivities(instanceId);
            return;
        }

        foreach (var action in actions)
        {
            if (action.Kind == HistoryKinds.TaskScheduled)
            {
                Enqueue(new WorkItem(instanceId, action.Sequence, action.Name!, action.Payload, context.Generation));
            }
            else if (action.Kind == HistoryKinds.SubOrchestrationScheduled)
            {
                // The child was created with the action (or refused, which its parent now reads): run it, and the parent.
                RequestEpisode(((JString)((JObject)JNode.Parse(action.Payload))["instanceId"]!).Value);
                RequestEpisode(instanceId);
            }
        }

        if (timersRearmed || actions.Exists(a => a.Kind == HistoryKinds.TimerCreated))
        {
            SignalTimers();
        }

        _cache.Put(context);
    }

    /// <summary>Cancels the tasks of an execution that ended while they ran (it was stopped, failed in another branch, or
    /// timed out): their handlers get the cancellation through their token, and their results would not be recorded anyway.</summary>
    private void AbandonActivities(string instanceId)
    {
        if (_activities.IsEmpty)
        {
            return;
        }

        foreach (var ((instance, _), abandon) in _activities)
        {
            if (instance == instanceId)
            {
                try
                {
                    abandon.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // It ended meanwhile.
                }
            }
        }
    }

    /// <summary>Stops the Map Run children still running when their parent ended (it failed, was stopped or timed out), or
    /// those of <paramref name="only"/> when their Map Run failed while the parent goes on, as AWS aborts a Map Run's child
    /// executions with it. Nested executions (<c>states:startExecution</c>) go on, as on AWS.</summary>
    private void StopMapRunChildren(string instanceId, HashSet<string>? only = null)
    {
        foreach (var (child, input) in _journal.RunningChildren(instanceId))
        {
            if ((only is null || only.Contains(child))
                && input.Contains("\"mapRun\"", StringComparison.Ordinal) && DurableJson.ReadExecutionInput(input).MapRun is not null)
            {
                _ = StopExecutionAsync(child).ContinueWith(t => Report(child, t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Records a task's result and, when the instance's context is cached and idle, runs the episode it triggers
    /// and commits both in one transaction: one write and no history read per step instead of two writes and a read.</summary>
    /// <remarks>The context takes the result as the next event. The commit checks that nothing but the context's own actions
    /// was appended since the last event it processed; if something was (an event, another task's result), only the result is
    /// recorded, the context (now ahead of the journal) is dropped, and a regular episode replays. A result that was
    /// already recorded (a redelivered task) changes nothing.</remarks>
    private async Task CompleteTaskAsync(WorkItem item, string outcomeJson, DateTime now)
    {
        if (!TryClaim(item.InstanceId))
        {
            await RecordTaskResultAsync(item, outcomeJson, now);
            return;
        }

        try
        {
            var context = _cache.Take(item.InstanceId);
            if (context is null)
            {
                await RecordTaskResultAsync(item, outcomeJson, now);
                return;
            }

            long last = context.Delivered;
            context.Process([new JournalEvent(last + 1, HistoryKinds.TaskCompleted, item.Sequence, null, outcomeJson, now)], last, fullReplay: false);
            var actions = context.TakeNewActions();
            var completion = ComposeHistory(item.InstanceId, context, Completion(context), () => GetExecution(item.InstanceId)?.RedriveCount ?? 0);
            var commit = new EpisodeCommit(item.InstanceId, context.Delivered, actions, completion, context.CustomStatus, now, context.OpenWaits())
            {
                IsRegistered = _isRegistered,
                EndedAt = context.EndedAt,
            };
            var (fused, position, parent) = await _writer.WriteAsync((c, t) => SqliteJournal.ApplyTaskCompletedWithEpisode(c, t, item.InstanceId, item.Sequence, outcomeJson, now, last, commit));
            if (fused == FusedCommit.Committed)
            {
                // The result took the position after the context's own actions, which it has no need to read back.
                context.AdvanceTo(position);
                AfterEpisode(item.InstanceId, context, actions, completion, timersRearmed: false, parent);
            }
            else if (fused == FusedCommit.ResultOnly)
            {
                RequestEpisode(item.InstanceId);
            }
        }
        finally
        {
            Release(item.InstanceId);
        }
    }

    private async Task RecordTaskResultAsync(WorkItem item, string outcomeJson, DateTime now)
    {
        if (await _writer.WriteAsync((c, t) => SqliteJournal.ApplyTaskCompleted(c, t, item.InstanceId, item.Sequence, outcomeJson, now)))
        {
            RequestEpisode(item.InstanceId);
        }
    }

    /// <summary>Takes an instance for an activity worker's fused episode, as the episode loop takes it: false when an
    /// episode runs or waits for it (that episode reads the result from the journal).</summary>
    private bool TryClaim(string instanceId)
    {
        lock (_scheduleLock)
        {
            if (_running.Contains(instanceId) || _queued.Contains(instanceId))
            {
                return false;
            }

            _running.Add(instanceId);
            return true;
        }
    }

    /// <summary>Ends an episode's (or a fused commit's) hold on an instance; one more episode runs if it was asked for meanwhile.</summary>
    private void Release(string instanceId)
    {
        bool again;
        lock (_scheduleLock)
        {
            _running.Remove(instanceId);
            again = _dirty.Remove(instanceId);
        }

        if (again && !_stop.IsCancellationRequested)
        {
            RequestEpisode(instanceId);
        }
    }

    private static InstanceCompletion? Completion(DurableOrchestrationContext context)
    {
        if (context.Nondeterminism is { } message)
        {
            return new InstanceCompletion(DurableStatus.Failed, null, "NonDeterministicOrchestration", message);
        }

        var result = context.Result;
        if (result is null || !result.IsCompleted)
        {
            return null;
        }

        if (result.IsCompletedSuccessfully)
        {
            return result.Result;
        }

        var error = result.Exception?.InnerException ?? (Exception?)result.Exception ?? new OperationCanceledException();
        return new InstanceCompletion(DurableStatus.Failed, null, error.GetType().Name, error.Message);
    }

    private async Task ActivityLoopAsync()
    {
        var stop = _stop.Token;
        await foreach (var item in _work.Reader.ReadAllAsync())
        {
            try
            {
                if (stop.IsCancellationRequested)
                {
                    continue;
                }

                var invocation = DurableJson.ReadInvocation(item.Payload, item.ActivityId);
                TaskOutcome outcome;
                var key = (item.InstanceId, item.ActivityId);
                using var abandon = CancellationTokenSource.CreateLinkedTokenSource(stop);
                _activities[key] = abandon;
                try
                {
                    outcome = IsStartExecution(invocation.Resource)
                        ? await StartNestedAsync(invocation)
                        : await _tasks.DispatchAsync(invocation, abandon.Token).AsTask().WaitAsync(abandon.Token);
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    // Also a task abandoned because its execution ended: its result is not recorded (the work item is gone).
                    outcome = TaskOutcome.FromException(ex);
                }
                finally
                {
                    _activities.TryRemove(new KeyValuePair<(string, string), CancellationTokenSource>(key, abandon));
                }

                if (abandon.IsCancellationRequested && !stop.IsCancellationRequested)
                {
                    // Abandoned: its execution ended. Nothing to record (a redrive made a new work item, run by another worker).
                    continue;
                }

                if (stop.IsCancellationRequested)
                {
                    // A result produced while the host stops may be the stop itself (a handler cancelled through its token,
                    // whose failure the registry reports as an outcome): it is not recorded, and the task runs again on the
                    // next host, as an abandoned one does (at least once).
                    continue;
                }

                await CompleteTaskAsync(item, DurableJson.Write(outcome), Now());
                if (!_writeFailures.IsEmpty)
                {
                    _writeFailures.TryRemove(item.InstanceId, out _);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && stop.IsCancellationRequested)
            {
                // Abandoned on stop: the work item stays in the journal and runs again on the next host (at least once).
            }
            catch (Exception ex)
            {
                // The result was not recorded (a journal failure): the work item stays in the journal, and the task runs
                // again after a back-off (at least once); the worker itself goes on with the next item.
                Report(item.InstanceId, ex);
                RetryLater(item.InstanceId, () => Enqueue(item));
            }
            finally
            {
                Exit();
            }
        }
    }

    private static bool IsStartExecution(string resource) =>
        resource is "arn:aws:states:::states:startExecution" or "arn:aws:states:::states:startExecution.waitForTaskToken";

    /// <summary>The built-in <c>states:startExecution</c> (request-response): starts the execution that the parameters
    /// describe (<c>StateMachineArn</c>, <c>Input</c>, <c>Name</c>) and returns <c>ExecutionArn</c> and <c>StartDate</c>
    /// without waiting for it. A redelivered task finds its execution already started and returns it again.</summary>
    private async Task<TaskOutcome> StartNestedAsync(TaskInvocation invocation)
    {
        var request = invocation.Input as JObject;
        if (request?["StateMachineArn"] is not JString { Value: var machineArn } || machineArn.Split(':') is not { Length: >= 7 } parts || parts[5] != "stateMachine")
        {
            return TaskOutcome.Failure("States.Runtime", $"states:startExecution needs a 'StateMachineArn' such as arn:aws:states:<region>:<account>:stateMachine:<name>, found {request?["StateMachineArn"]?.ToString() ?? "none"}.");
        }

        if (!_registrations.ContainsKey(parts[6]))
        {
            return TaskOutcome.Failure("StepFunctions.StateMachineDoesNotExistException", $"State Machine Does Not Exist: '{machineArn}'");
        }

        JNode input = request["Input"] switch
        {
            null => JObject.Empty,
            JString text => JNode.Parse(text.Value),
            var json => json,
        };

        // The name defaults to one derived from the task's stable id, so a redelivery starts nothing twice.
        string name = request["Name"] is JString { Value: var given } ? given : (invocation.ActivityId ?? invocation.InvocationId).Replace(':', '-').Replace('/', '-');
        var child = new ExecutionInput { Input = input, Name = name, StateMachineName = parts[6], Region = parts[3], Account = parts[4] };
        string childId = child.ExecutionArn;
        if (_journal.GetInstance(childId) is null)
        {
            try
            {
                await StartExecutionAsync(parts[6], child, childId);
            }
            catch (InvalidOperationException) when (_journal.GetInstance(childId) is not null)
            {
                // Started meanwhile by a redelivery of this task.
            }
        }

        var (started, storedInput) = _journal.GetInstance(childId)!.Value;
        if (started.Orchestration != parts[6] || !JNode.DeepEquals(DurableJson.ReadExecutionInput(storedInput).Input, input))
        {
            // Another execution holds the name: AWS refuses a StartExecution whose name is taken with a different input.
            return TaskOutcome.Failure("StepFunctions.ExecutionAlreadyExistsException", $"Execution Already Exists: '{childId}'");
        }

        return TaskOutcome.Success(new JObject(
            ["ExecutionArn", "StartDate"],
            [JNode.From(childId), JNode.From(new DateTimeOffset(started.CreatedAt).ToUnixTimeMilliseconds())]));
    }

    /// <summary>Gets the last unexpected error of an episode or worker (the host keeps going).</summary>
    public Exception? LastError { get; private set; }

    private void Report(string instanceId, Exception error)
    {
        LastError = new InvalidOperationException($"Execution '{instanceId}': {error.Message}", error);
    }

    /// <summary>Runs <paramref name="retry"/> after a back-off that doubles with each failure in a row of the instance's
    /// writes (0.1 s to 30 s, on the host's clock), unless the host stops first. A success resets the count.</summary>
    /// <remarks>A pending retry does not keep the host busy: <see cref="WhenIdleAsync"/> does not wait for a failing disk.</remarks>
    private void RetryLater(string instanceId, Action retry)
    {
        int failures = _writeFailures.AddOrUpdate(instanceId, 1, (_, n) => n + 1);
        var delay = TimeSpan.FromMilliseconds(Math.Min(100.0 * Math.Pow(2, Math.Min(failures - 1, 9)), 30_000));
        _ = RetryAfterAsync(delay, retry);
    }

    private async Task RetryAfterAsync(TimeSpan delay, Action retry)
    {
        try
        {
            await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (!_stop.IsCancellationRequested)
        {
            retry();
        }
    }

    private void SignalTimers()
    {
        TaskCompletionSource old;
        lock (_timerGate)
        {
            old = _timerSignal;
            _timerSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        old.TrySetResult();
    }

    private async Task TimerLoopAsync()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            Task signal;
            lock (_timerGate)
            {
                signal = _timerSignal.Task;
            }

            try
            {
                await FireDueTimersAsync();
                var next = _journal.NextTimer();
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var waits = new List<Task> { signal };
                if (next is { } fireAt)
                {
                    var delay = fireAt - Now();
                    var longest = TimeSpan.FromDays(1);
                    waits.Add(Task.Delay(delay <= TimeSpan.Zero ? TimeSpan.Zero : delay < longest ? delay : longest, _time, wait.Token));
                }

                await Task.WhenAny(waits);
                await wait.CancelAsync();
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failed write (disk full, I/O error) must not stop every timer: report it, back off, and go on.
                Report("(timers)", ex);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private sealed record Registration(
        Func<string, Func<OrchestrationContext, ValueTask<InstanceCompletion>>> Create,
        Func<string, JNode> UserInput,
        bool IsStateMachine = false);
}
