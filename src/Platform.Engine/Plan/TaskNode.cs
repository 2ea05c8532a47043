using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Paths;
using Platform.Engine.Execution;
using Platform.Engine.History;
using Platform.Engine.Orchestration;
using Platform.Engine.Plan.Jsonata;
using Platform.Engine.Tasks;

namespace Platform.Engine.Plan;

/// <summary>Task: InputPath → Parameters → the activity (raced against TimeoutSeconds) → ResultSelector → ResultPath → OutputPath.</summary>
internal sealed class TaskNode : RetryingNode
{
    private readonly TaskState _state;
    private readonly ResourceInfo _resource;
    private readonly Template? _parameters;
    private readonly int? _timeoutSeconds;
    private readonly int? _heartbeatSeconds;
    private readonly JsonPath? _timeoutPath;
    private readonly JsonPath? _heartbeatPath;
    private readonly EventNames _events;
    private readonly JsonataTemplate? _arguments;
    private readonly JsonataTemplate? _timeoutExpression;
    private readonly JsonataTemplate? _heartbeatExpression;

    /// <summary>Whether this task runs a nested execution and waits for it
    /// (<c>arn:aws:states:::states:startExecution.sync</c> or <c>.sync:2</c>).</summary>
    private readonly bool _isNestedSync;

    public TaskNode(TaskState state)
        : base(state, state, state.ResultPath, state.ResultSelector)
    {
        _state = state;
        _resource = ResourceInfo.Parse(state.Resource);
        _isNestedSync = _resource.Pattern == IntegrationPattern.Sync
            && state.Resource.StartsWith("arn:aws:states:::states:startExecution.sync", StringComparison.Ordinal);
        _parameters = Template.Compile(state.Parameters);
        _timeoutSeconds = state.TimeoutSeconds is JNumber n && n.TryGetInt64(out long t) ? (int)Math.Min(t, int.MaxValue) : null;
        _timeoutPath = state.TimeoutSecondsPath is null ? null : JsonPath.Parse(state.TimeoutSecondsPath);
        _heartbeatPath = state.HeartbeatSecondsPath is null ? null : JsonPath.Parse(state.HeartbeatSecondsPath);
        _heartbeatSeconds = state.HeartbeatSeconds is JNumber hb && hb.TryGetInt64(out long h0) ? (int)Math.Min(h0, int.MaxValue) : null;
        if (IsJsonata)
        {
            _arguments = JsonataTemplate.Compile(state.Arguments, "Arguments");
            _timeoutExpression = state.TimeoutSeconds is { } t2 && JsonataTemplate.ExpressionText(t2) is not null ? JsonataTemplate.Compile(t2, "TimeoutSeconds") : null;
            _heartbeatExpression = state.HeartbeatSeconds is { } h && JsonataTemplate.ExpressionText(h) is not null ? JsonataTemplate.Compile(h, "HeartbeatSeconds") : null;
        }

        _events = _resource.Kind switch
        {
            ResourceKind.LambdaFunction => EventNames.Lambda,
            ResourceKind.Activity => EventNames.Activity,
            _ => EventNames.Task,
        };
    }

    protected override bool RestartsOnRedrive => true;

    protected override async ValueTask<StepResult> AttemptAsync(JNode input, BranchRun run, int attempt)
    {
        // A callback task's token exists before its parameters are evaluated: they pass it on as $$.Task.Token.
        bool nested = _isNestedSync;
        string? waitId = _resource.Pattern == IntegrationPattern.RequestResponse || nested ? null : StartCallback(run);
        if (nested && run.Execution.Info.Type != WorkflowType.Standard)
        {
            throw new StatesException(StatesErrors.Runtime, "Express state machine does not support '.sync' service integration");
        }
        JNode effective, parameters;
        int? timeout;
        int? heartbeat = _heartbeatSeconds;
        if (IsJsonata)
        {
            effective = input;
            var bindings = _arguments is null && _timeoutExpression is null && _heartbeatExpression is null ? null : JsonataBindings.Create(run, input);
            parameters = _arguments?.Evaluate(bindings!) ?? input;
            timeout = _timeoutExpression is null ? _timeoutSeconds : JsonataSeconds(_timeoutExpression.Evaluate(bindings!, JsonKind.Number), "TimeoutSeconds");
            if (_heartbeatExpression is not null)
            {
                heartbeat = JsonataSeconds(_heartbeatExpression.Evaluate(bindings!, JsonKind.Number), "HeartbeatSeconds");
            }
        }
        else
        {
            effective = InputPath.Select(run, input);
            parameters = _parameters is null ? effective : _parameters.Evaluate(run, effective);
            timeout = _timeoutPath is null ? _timeoutSeconds : PositiveSeconds(run, _timeoutPath, effective, "TimeoutSecondsPath");
            if (_heartbeatPath is not null)
            {
                heartbeat = PositiveSeconds(run, _heartbeatPath, effective, "HeartbeatSecondsPath");
            }
        }

        CheckInputSize(run, parameters);
        var history = run.Execution.History;
        run.Record(_events.Scheduled, history.Enabled ? ScheduledDetails(parameters, timeout) : null);
        run.Record(_events.Started, history.Enabled ? ResourceDetails() : null);

        var invocation = new TaskInvocation
        {
            StateName = Name,
            Resource = _state.Resource,
            Input = parameters,
            ExecutionId = run.Execution.Context.InstanceId,
            Attempt = attempt,
            TimeoutSeconds = timeout,
            Credentials = _state.Credentials,
        };

        DateTime? deadline = timeout is { } limit ? Deadline(run.Now, limit) : null;

        // A callback's wait opens before the resource is invoked: whoever gets the token may answer at once, even before the
        // invocation returns, and the answer must find the task waiting.
        using var waiting = waitId is null ? null : CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation);
        var answer = waitId is null ? null : run.Execution.Context.WaitForExternalEvent<TaskOutcome>(waitId, waiting!.Token).AsTask();
        TaskOutcome outcome;
        bool timedOut;
        try
        {
            (outcome, timedOut) = nested
                ? await RunNestedAsync(run, parameters, timeout)
                : await CallAsync(run, invocation, timeout);
            if (waitId is not null && !timedOut && outcome.IsSuccess)
            {
                // The resource took the token; now the task waits for SendTaskSuccess or SendTaskFailure.
                run.Record(HistoryEventTypes.TaskSubmitted, history.Enabled ? WithResource(EventDetails.Output(outcome.Result!)) : null);
                (outcome, timedOut) = await WaitForCallbackAsync(run, waitId, answer!, deadline, heartbeat, waiting!.Token);
            }
        }
        finally
        {
            // Close the wait however the task ended (invocation failed, timed out, stopped), so its token is stale.
            waiting?.Cancel();
        }

        if (timedOut)
        {
            run.Record(_events.TimedOut, history.Enabled ? WithResource(EventDetails.Error(StatesErrors.Timeout, null)) : null);
            return StepResult.Fail(StatesErrors.Timeout, null);
        }

        if (!outcome.IsSuccess)
        {
            string error = outcome.Error ?? StatesErrors.Runtime;
            string? cause = outcome.Error is null ? $"The task handler for state '{Name}' returned no outcome." : outcome.Cause;
            run.Record(_events.Failed, history.Enabled ? WithResource(EventDetails.Error(error, cause)) : null);
            return StepResult.Fail(error, cause);
        }

        var result = outcome.Result!;
        run.Record(_events.Succeeded, history.Enabled ? WithResource(EventDetails.Output(result)) : null);
        CheckSize(run, result);
        return Complete(run, input, result);
    }

    /// <summary>Runs the nested execution that <paramref name="parameters"/> describe (<c>StateMachineArn</c>, <c>Input</c>,
    /// <c>Name</c>) as a sub-orchestration and returns AWS's DescribeExecution shape: <c>Input</c> and <c>Output</c> as JSON
    /// text for <c>.sync</c>, as JSON for <c>.sync:2</c>. A child that does not succeed fails the task with
    /// States.TaskFailed and that description as the cause.</summary>
    private async ValueTask<(TaskOutcome Outcome, bool TimedOut)> RunNestedAsync(BranchRun run, JNode parameters, int? timeout)
    {
        var request = parameters as JObject;
        if (request?["StateMachineArn"] is not JString { Value: var machineArn } || machineArn.Split(':') is not { Length: >= 7 } parts || parts[5] != "stateMachine")
        {
            return (TaskOutcome.Failure(StatesErrors.Runtime, $"The nested execution of state '{Name}' needs a 'StateMachineArn' such as arn:aws:states:<region>:<account>:stateMachine:<name>, found {request?["StateMachineArn"]?.ToString() ?? "none"}."), false);
        }

        JNode childInput = request["Input"] switch
        {
            null => JObject.Empty,
            JString text => TryParse(text.Value),
            var given2 => given2,
        };
        var info = run.Execution.Info;
        string childName = request["Name"] is JString { Value: var given } ? given : run.NewGuid().ToString();
        var child = new ExecutionInput
        {
            Input = childInput,
            Name = childName,
            StateMachineName = parts[6],
            Region = info.Region,
            Account = info.Account,
            RoleArn = info.RoleArn,

            // The host's choices for this execution hold for its children (a child is started by the engine, not the host).
            ContinueAsNewAfterEvents = info.ContinueAsNewAfterEvents,
            MapRunChildren = info.MapRunChildren,
        };
        var context = run.Execution.Context;
        var call = context.CallSubOrchestratorAsync<JNode>(parts[6], child.ExecutionArn, child).AsTask();
        var stopped = new TaskCompletionSource();
        using var registration = run.Cancellation.Register(() => stopped.TrySetResult());
        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation);
        var timer = timeout is { } seconds ? context.CreateTimer(Deadline(run.Now, seconds), timerCancellation.Token).AsTask() : null;
        var winner = await Task.WhenAny(timer is null ? [call, stopped.Task] : [call, stopped.Task, timer]);
        run.Cancellation.ThrowIfCancellationRequested();
        if (winner == timer)
        {
            return (default, true);
        }

        timerCancellation.Cancel();
        JObject end;
        try
        {
            end = (JObject)await call;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (TaskOutcome.FromException(ex), false);
        }

        bool json = _state.Resource.EndsWith(".sync:2", StringComparison.Ordinal);
        string status = (end["status"] as JString)?.Value switch
        {
            "Succeeded" => "SUCCEEDED",
            "TimedOut" => "TIMED_OUT",
            "Aborted" => "ABORTED",
            _ => "FAILED",
        };
        var described = new JObjectBuilder(12);
        described.Set("ExecutionArn", JNode.From(child.ExecutionArn));
        described.Set("Input", json ? childInput : JNode.From(childInput.ToString()));
        described.Set("InputDetails", new JObject(["Included"], [JNode.True]));
        described.Set("Name", JNode.From(childName));
        if (end["output"] is { } output)
        {
            described.Set("Output", json ? output : JNode.From(output.ToString()));
            described.Set("OutputDetails", new JObject(["Included"], [JNode.True]));
        }

        described.Set("StartDate", EpochMillis(end["startedAt"]));
        described.Set("StateMachineArn", JNode.From(machineArn));
        described.Set("Status", JNode.From(status));
        described.Set("StopDate", EpochMillis(end["endedAt"]));
        if (end["error"] is JString error)
        {
            described.Set("Error", error);
        }

        if (end["cause"] is JString cause)
        {
            described.Set("Cause", cause);
        }

        var result = described.Build();
        return status == "SUCCEEDED"
            ? (TaskOutcome.Success(result), false)
            : (TaskOutcome.Failure(StatesErrors.TaskFailed, result.ToString()), false);

        static JNode TryParse(string text)
        {
            try
            {
                return JNode.Parse(text);
            }
            catch (JsonParseException)
            {
                return JNode.From(text);
            }
        }

        static JNode EpochMillis(JNode? iso) => iso is JString { Value: var text }
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            ? JNode.From(at.ToUnixTimeMilliseconds())
            : JNode.Null;
    }

    /// <summary>Prepares a <c>.waitForTaskToken</c> attempt: a new wait id, and its signed token at <c>$$.Task.Token</c>.</summary>
    /// <returns>The wait id: the name of the external event that SendTaskSuccess or SendTaskFailure raises.</returns>
    private string StartCallback(BranchRun run)
    {
        var info = run.Execution.Info;
        if (_resource.Pattern != IntegrationPattern.WaitForTaskToken || info.Type != WorkflowType.Standard)
        {
            // Callbacks and .sync jobs need a durable (Standard) execution; AWS refuses them in Express workflows with this text.
            string suffix = _resource.Pattern == IntegrationPattern.WaitForTaskToken ? ".waitForTaskToken" : ".sync";
            throw new StatesException(
                StatesErrors.Runtime,
                info.Type == WorkflowType.Standard
                    ? $"The '{suffix}' integration pattern is not supported by this engine yet (state '{Name}')."
                    : $"Express state machine does not support '{suffix}' service integration");
        }

        var tokens = info.TaskTokens
            ?? throw new StatesException(StatesErrors.Runtime, $"The host has no task-token key configured, so the '.waitForTaskToken' state '{Name}' cannot issue a token.");
        string waitId = "task-" + run.NewGuid().ToString("N");

        // A token lives as long as an execution can (one year); the wait's own timers end it sooner.
        run.SetTaskToken(tokens.Issue(run.Execution.Context.InstanceId, waitId, Deadline(run.Now, MaxExecutionSeconds)));
        return waitId;
    }

    /// <summary>Waits for the callback of <paramref name="waitId"/>, racing TimeoutSeconds (from the task's start), the
    /// heartbeat (re-armed by each SendTaskHeartbeat) and the run being stopped. Both timers end as States.Timeout, as AWS
    /// reports a missed heartbeat.</summary>
    private static async ValueTask<(TaskOutcome Outcome, bool TimedOut)> WaitForCallbackAsync(
        BranchRun run, string waitId, Task<TaskOutcome> answer, DateTime? deadline, int? heartbeat, CancellationToken waiting)
    {
        var context = run.Execution.Context;
        var timeoutTimer = deadline is { } d ? context.CreateTimer(d, waiting).AsTask() : null;
        var stopped = new TaskCompletionSource();
        using var registration = run.Cancellation.Register(() => stopped.TrySetResult());
        while (true)
        {
            using var beating = heartbeat is null ? null : CancellationTokenSource.CreateLinkedTokenSource(waiting);
            var heartbeatTimer = heartbeat is { } hb ? context.CreateTimer(Deadline(run.Now, hb), beating!.Token).AsTask() : null;
            var beat = heartbeat is null ? null : context.WaitForExternalEvent<TaskOutcome>(waitId + TaskTokens.HeartbeatEventSuffix, beating!.Token).AsTask();
            var racing = new List<Task>(5) { answer, stopped.Task };
            foreach (var task in new[] { timeoutTimer, heartbeatTimer, beat })
            {
                if (task is not null)
                {
                    racing.Add(task);
                }
            }

            var winner = await Task.WhenAny(racing);
            run.Cancellation.ThrowIfCancellationRequested();
            if (winner == answer)
            {
                return (await answer, false);
            }

            if (winner != beat)
            {
                return (default, true);
            }

            // A heartbeat: cancel this round's timer and wait again.
            beating!.Cancel();
        }
    }

    /// <summary>Calls the activity, racing it against TimeoutSeconds and against the run being stopped (a machine timeout,
    /// or a sibling branch failing). The loser is left to finish on its own, as on Durable Functions.</summary>
    private static async ValueTask<(TaskOutcome Outcome, bool TimedOut)> CallAsync(BranchRun run, TaskInvocation invocation, int? timeout)
    {
        var context = run.Execution.Context;
        ValueTask<TaskOutcome> call;
        try
        {
            call = context.CallActivityAsync<TaskOutcome>(ActivityNames.ExecuteTask, invocation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !run.Cancellation.IsCancellationRequested)
        {
            return (TaskOutcome.FromException(ex), false);
        }

        if (call.IsCompletedSuccessfully && timeout is null)
        {
            return (call.Result, false);
        }

        var callTask = call.AsTask();
        Task? timer = null;
        using var timerCancellation = timeout is null || callTask.IsCompleted ? null : CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation);
        if (timerCancellation is not null && timeout is { } seconds)
        {
            timer = context.CreateTimer(Deadline(run.Now, seconds), timerCancellation.Token).AsTask();
        }

        if (!callTask.IsCompleted && (timer is not null || run.Cancellation.CanBeCanceled))
        {
            var stopped = new TaskCompletionSource();
            using var registration = run.Cancellation.Register(() => stopped.TrySetResult());
            var winner = await Task.WhenAny(timer is null ? [callTask, stopped.Task] : [callTask, stopped.Task, timer]);
            run.Cancellation.ThrowIfCancellationRequested();
            if (winner == timer)
            {
                return (default, true);
            }
        }

        timerCancellation?.Cancel();
        try
        {
            return (await callTask, false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !run.Cancellation.IsCancellationRequested)
        {
            return (TaskOutcome.FromException(ex), false);
        }
    }

    private const int MaxExecutionSeconds = 31_536_000;

    private static int JsonataSeconds(JNode value, string field) =>
        value is JNumber n && n.TryGetInt64(out long seconds) && seconds > 0 && seconds <= 99_999_999
            ? (int)seconds
            : throw new StatesException(StatesErrors.QueryEvaluationError, $"The {field} field must be a positive integer, but was: {value}");

    private static int PositiveSeconds(BranchRun run, JsonPath path, JNode effective, string field)
    {
        var value = Resolve(run, path, effective);
        if (value is not JNumber n || !n.TryGetInt64(out long seconds) || seconds <= 0 || seconds > 99_999_999)
        {
            throw new StatesException(StatesErrors.Runtime, $"The {field} field refers to value \"{value}\" which is not a valid positive integer: {path.Text}");
        }

        return (int)seconds;
    }

    private JObject ScheduledDetails(JNode parameters, int? timeout)
    {
        var builder = new JObjectBuilder(5);
        if (_resource.Kind is ResourceKind.LambdaFunction or ResourceKind.Activity)
        {
            builder.Set("resource", JNode.From(_state.Resource));
            builder.Set("input", JString.OfJson(parameters));
        }
        else
        {
            builder.Set("resourceType", JNode.From(_resource.ResourceType));
            builder.Set("resource", JNode.From(_resource.ResourceName));
            builder.Set("region", JNode.From(_resource.Region));
            builder.Set("parameters", JString.OfJson(parameters));
        }

        if (timeout is { } t)
        {
            builder.Set("timeoutInSeconds", JNode.From(t));
        }

        return builder.Build();
    }

    private JObject? ResourceDetails() => _resource.Kind is ResourceKind.LambdaFunction or ResourceKind.Activity
        ? null
        : new JObject(["resourceType", "resource"], [JNode.From(_resource.ResourceType), JNode.From(_resource.ResourceName)]);

    private JObject WithResource(JObject details)
    {
        if (_resource.Kind is ResourceKind.LambdaFunction or ResourceKind.Activity)
        {
            return details;
        }

        var builder = new JObjectBuilder(details.Count + 2);
        builder.Set("resourceType", JNode.From(_resource.ResourceType));
        builder.Set("resource", JNode.From(_resource.ResourceName));
        foreach (var (key, value) in details)
        {
            builder.Set(key, value);
        }

        return builder.Build();
    }

    private sealed record EventNames(string Scheduled, string Started, string Succeeded, string Failed, string TimedOut)
    {
        public static readonly EventNames Task = new(
            HistoryEventTypes.TaskScheduled, HistoryEventTypes.TaskStarted, HistoryEventTypes.TaskSucceeded, HistoryEventTypes.TaskFailed, HistoryEventTypes.TaskTimedOut);

        public static readonly EventNames Lambda = new(
            HistoryEventTypes.LambdaFunctionScheduled, HistoryEventTypes.LambdaFunctionStarted, HistoryEventTypes.LambdaFunctionSucceeded,
            HistoryEventTypes.LambdaFunctionFailed, HistoryEventTypes.LambdaFunctionTimedOut);

        public static readonly EventNames Activity = new(
            HistoryEventTypes.ActivityScheduled, HistoryEventTypes.ActivityStarted, HistoryEventTypes.ActivitySucceeded,
            HistoryEventTypes.ActivityFailed, HistoryEventTypes.ActivityTimedOut);
    }
}
