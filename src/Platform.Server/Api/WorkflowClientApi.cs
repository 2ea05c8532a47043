using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Asl.Json;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Engine.History;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;

namespace Platform.Server.Api;

/// <summary>The AWS Step Functions API over a <see cref="WorkflowClient"/>: the server's own protocol handling (AWS JSON
/// 1.0, field validation, AWS's error bodies) with the execution operations served by a client port instead of the
/// embedded durable host. The Azure Functions app answers its API trigger with it, over Durable Functions.</summary>
/// <remarks>
/// State machines are the ones deployed with the host (read-only here). Served: ListStateMachines, DescribeStateMachine,
/// DescribeStateMachineForExecution, StartExecution, DescribeExecution, ListExecutions, StopExecution, GetExecutionHistory
/// (when the host keeps histories, <see cref="ExecutionHistory"/>), the task-token callbacks, and the pure operations
/// ValidateStateMachineDefinition and TestState (the server's own implementations). Every other operation is refused as
/// UnsupportedOperation with the reason. An execution's instance id is its ARN.
/// </remarks>
public sealed class WorkflowClientApi
{
    private const string Deployed = "its state machines are the workflows/*.asl.json deployed with it: add, change or remove one by deploying the app (docs/azure.md)";

    private static readonly Dictionary<string, string> NotServedHere = new(StringComparer.Ordinal)
    {
        ["CreateStateMachine"] = Deployed,
        ["UpdateStateMachine"] = Deployed,
        ["DeleteStateMachine"] = Deployed,
        ["PublishStateMachineVersion"] = "it has no versions: each deployed file is one state machine, and a changed definition is deployed under a new name (docs/azure.md)",
        ["ListStateMachineVersions"] = "it has no versions: each deployed file is one state machine (docs/azure.md)",
        ["DeleteStateMachineVersion"] = "it has no versions: each deployed file is one state machine (docs/azure.md)",
        ["CreateStateMachineAlias"] = "it has no aliases: a state machine is called by its own ARN (docs/azure.md)",
        ["DescribeStateMachineAlias"] = "it has no aliases: a state machine is called by its own ARN (docs/azure.md)",
        ["UpdateStateMachineAlias"] = "it has no aliases: a state machine is called by its own ARN (docs/azure.md)",
        ["DeleteStateMachineAlias"] = "it has no aliases: a state machine is called by its own ARN (docs/azure.md)",
        ["ListStateMachineAliases"] = "it has no aliases: a state machine is called by its own ARN (docs/azure.md)",
        ["StartSyncExecution"] = "every execution on Durable Functions is a Standard one: use StartExecution, then DescribeExecution",
        ["RedriveExecution"] = "redriving would rewind the Durable orchestration, which the app does not do: start a new execution with the input",
    };

    private static readonly string[] EndTypes =
        [HistoryEventTypes.ExecutionSucceeded, HistoryEventTypes.ExecutionFailed, HistoryEventTypes.ExecutionTimedOut, HistoryEventTypes.ExecutionAborted];

    private readonly WorkflowClient _client;
    private readonly IReadOnlyDictionary<string, StateMachineOrchestrator> _machines;
    private readonly TaskTokens? _tokens;
    private readonly TimeProvider _time;
    private readonly ITaskDispatcher _tasks;
    private readonly ExecutionHistoryStore? _histories;
    private readonly AwsJsonEndpoint _endpoint;

    /// <summary>Creates the API.</summary>
    /// <param name="client">The client port (Durable's client on Azure).</param>
    /// <param name="machines">The deployed state machines by name.</param>
    /// <param name="tokens">Verifies task tokens for SendTask*; null refuses them.</param>
    /// <param name="region">The region in ARNs.</param>
    /// <param name="account">The account in ARNs.</param>
    /// <param name="time">The clock for start dates and token expiry.</param>
    /// <param name="loggers">Logs requests that fail with a bug.</param>
    /// <param name="tasks">Serves the tasks of TestState (unless it mocks them); null: none, so they fail as having no handler.</param>
    /// <param name="histories">Where the orchestrations store their ASL history chunks; null: GetExecutionHistory is refused.</param>
    public WorkflowClientApi(
        WorkflowClient client, IReadOnlyDictionary<string, StateMachineOrchestrator> machines, TaskTokens? tokens, string region, string account, TimeProvider time, ILoggerFactory loggers,
        ITaskDispatcher? tasks = null, ExecutionHistoryStore? histories = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _machines = machines ?? throw new ArgumentNullException(nameof(machines));
        _tokens = tokens;
        Region = region;
        Account = account;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _tasks = tasks ?? new TaskHandlerRegistry();
        _histories = histories;
        var operations = new Dictionary<string, Func<ApiRequest, Task<JObject>>>(StringComparer.Ordinal)
        {
            ["ListStateMachines"] = r => Task.FromResult(ListStateMachines()),
            ["DescribeStateMachine"] = r => Task.FromResult(DescribeStateMachine(r)),
            ["StartExecution"] = StartExecutionAsync,
            ["DescribeExecution"] = DescribeExecutionAsync,
            ["DescribeStateMachineForExecution"] = DescribeStateMachineForExecutionAsync,
            ["ListExecutions"] = ListExecutionsAsync,
            ["GetExecutionHistory"] = GetExecutionHistoryAsync,
            ["StopExecution"] = StopExecutionAsync,
            ["ValidateStateMachineDefinition"] = r => Task.FromResult(StepFunctionsApi.ValidateStateMachineDefinition(r)),
            ["TestState"] = r => StepFunctionsApi.TestStateAsync(r, _tasks),
            ["SendTaskSuccess"] = r => SendTaskAsync(r, "SendTaskSuccess"),
            ["SendTaskFailure"] = r => SendTaskAsync(r, "SendTaskFailure"),
            ["SendTaskHeartbeat"] = r => SendTaskAsync(r, "SendTaskHeartbeat"),
        };
        foreach (var (name, reason) in NotServedHere)
        {
            operations[name] = _ => throw new ApiException(ApiErrorCodes.UnsupportedOperation, $"{name} is not served by the Azure Functions app: {reason}.");
        }

        Api = new StepFunctionsApi(operations);
        _endpoint = new AwsJsonEndpoint(Api, loggers.CreateLogger<AwsJsonEndpoint>());
    }

    /// <summary>Gets the region in ARNs.</summary>
    public string Region { get; }

    /// <summary>Gets the account in ARNs.</summary>
    public string Account { get; }

    internal StepFunctionsApi Api { get; }

    /// <summary>Answers one AWS JSON 1.0 request (<c>POST</c> with <c>X-Amz-Target</c>), as <c>platform serve</c> does.</summary>
    public Task HandleAsync(HttpContext context) => _endpoint.HandleAsync(context);

    /// <summary>The ARN of a deployed state machine.</summary>
    public string StateMachineArn(string name) => $"arn:aws:states:{Region}:{Account}:stateMachine:{name}";

    private JObject ListStateMachines()
    {
        var items = _machines.Keys.Order(StringComparer.Ordinal).Select(name => (JNode)new JObject(
            ["stateMachineArn", "name", "type", "creationDate"],
            [JNode.From(StateMachineArn(name)), JNode.From(name), JNode.From("STANDARD"), JNode.From(0)]));
        return new JObject(["stateMachines"], [new JArray([.. items])]);
    }

    private JObject DescribeStateMachine(ApiRequest request)
    {
        string arn = request.RequiredString("stateMachineArn", 1, 2048);
        var (name, machine) = Machine(arn);
        return new JObject(
            ["stateMachineArn", "name", "status", "definition", "roleArn", "type", "creationDate"],
            [JNode.From(arn), JNode.From(name), JNode.From("ACTIVE"), JNode.From(machine.Definition.Source?.ToJson() ?? "{}"),
             JNode.From($"arn:aws:iam::{Account}:role/{name}-role"), JNode.From("STANDARD"), JNode.From(0)]);
    }

    private async Task<JObject> StartExecutionAsync(ApiRequest request)
    {
        string arn = request.RequiredString("stateMachineArn", 1, 2048);
        var (name, _) = Machine(arn);
        string executionName = request.OptionalString("name", 1, 80) ?? Guid.NewGuid().ToString();
        string inputText = request.OptionalPayload("input", 262_144) ?? "{}";
        var input = JsonParser.TryParse(inputText, out var error)
            ?? throw new ApiException(ApiErrorCodes.InvalidExecutionInput, $"Invalid State Machine Execution Input: '{error?.Message}'");
        var execution = new ExecutionInput { Input = input, Name = executionName, StateMachineName = name, Region = Region, Account = Account };
        if (await _client.GetInstanceAsync(execution.ExecutionArn, getInputsAndOutputs: false) is not null)
        {
            throw new ApiException(ApiErrorCodes.ExecutionAlreadyExists, $"Execution Already Exists: '{execution.ExecutionArn}'");
        }

        var startDate = _time.GetUtcNow();
        string id = await _client.ScheduleNewAsync(OrchestratorNames.Execution, execution, execution.ExecutionArn);
        return new JObject(["executionArn", "startDate"], [JNode.From(id), Epoch(startDate)]);
    }

    private async Task<JObject> DescribeExecutionAsync(ApiRequest request)
    {
        string arn = request.RequiredString("executionArn", 1, 2048);
        var instance = await _client.GetInstanceAsync(arn, getInputsAndOutputs: true)
            ?? throw new ApiException(ApiErrorCodes.ExecutionDoesNotExist, $"Execution Does Not Exist: '{arn}'");
        return Describe(instance);
    }

    /// <summary>DescribeExecution's answer for an instance: the ASL outcome from its end document, or from how it stopped.</summary>
    internal JObject Describe(WorkflowInstance instance)
    {
        var execution = instance.Input is null ? null : OrchestrationWire.Read<ExecutionInput>(instance.Input);
        var end = instance.RuntimeStatus == WorkflowRuntimeStatus.Completed ? ExecutionEnd.Parse(instance.Output) : null;
        (string status, JNode? output, string? error, string? cause) = instance.RuntimeStatus switch
        {
            WorkflowRuntimeStatus.Completed when end is not null => (Status(end.Status), end.Output, end.Error, end.Cause),
            WorkflowRuntimeStatus.Completed => ("FAILED", null, "States.Runtime", "The execution ended without an outcome."),
            WorkflowRuntimeStatus.Failed => Failed(AslFailures.FromFailureDetails(instance.FailureErrorType, instance.FailureErrorMessage)),
            WorkflowRuntimeStatus.Terminated or WorkflowRuntimeStatus.Canceled => ("ABORTED", null, null, null),
            _ => ("RUNNING", null, null, null),
        };
        var builder = new JObjectBuilder(12);
        builder.Set("executionArn", JNode.From(instance.InstanceId));
        builder.Set("stateMachineArn", JNode.From(StateMachineArn(execution?.StateMachineName ?? StateMachineOf(instance.InstanceId))));
        builder.Set("name", JNode.From(execution?.Name ?? instance.InstanceId[(instance.InstanceId.LastIndexOf(':') + 1)..]));
        builder.Set("status", JNode.From(status));
        builder.Set("startDate", Epoch(instance.CreatedAt));
        if (status != "RUNNING")
        {
            builder.Set("stopDate", Epoch(instance.LastUpdatedAt));
        }

        if (execution is not null)
        {
            builder.Set("input", JNode.From(execution.Input.ToJson()));
        }

        if (output is not null)
        {
            builder.Set("output", JNode.From(output.ToJson()));
        }

        if (error is not null)
        {
            builder.Set("error", JNode.From(error));
        }

        if (cause is not null)
        {
            builder.Set("cause", JNode.From(cause));
        }

        return builder.Build();

        static (string, JNode?, string?, string?) Failed((string Error, string? Cause) failure) => ("FAILED", null, failure.Error, failure.Cause);
    }

    private async Task<JObject> DescribeStateMachineForExecutionAsync(ApiRequest request)
    {
        string arn = request.RequiredString("executionArn", 1, 2048);
        var instance = await _client.GetInstanceAsync(arn, getInputsAndOutputs: true)
            ?? throw new ApiException(ApiErrorCodes.ExecutionDoesNotExist, $"Execution Does Not Exist: '{arn}'");
        var execution = instance.Input is null ? null : OrchestrationWire.Read<ExecutionInput>(instance.Input);

        // A Map Run's child runs a processor of <machine>, under the name <machine>/<label>.
        string name = (execution?.StateMachineName ?? StateMachineOf(arn)).Split('/')[0];
        var machine = _machines.GetValueOrDefault(name)
            ?? throw new ApiException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{StateMachineArn(name)}' (the execution's state machine is no longer deployed with the app)");
        return new ApiResponse()
            .Add("stateMachineArn", StateMachineArn(name))
            .Add("name", name)
            .Add("definition", machine.Definition.Source?.ToJson() ?? "{}")
            .Add("roleArn", execution?.RoleArn ?? $"arn:aws:iam::{Account}:role/{name}-role")
            .Add("updateDate", Epoch(DateTimeOffset.UnixEpoch))
            .Add("loggingConfiguration", new JObject(["level", "includeExecutionData"], [JNode.From("OFF"), JNode.False]))
            .Add("tracingConfiguration", new JObject(["enabled"], [JNode.False]))
            .Build();
    }

    /// <summary>ListExecutions: one page of the host's instances whose ids are the machine's execution ARNs.</summary>
    /// <remarks>The host filters by its own statuses; the ASL status of a completed instance is in its end document, so the
    /// page is filtered again and may hold fewer than maxResults executions while a nextToken says more may follow.</remarks>
    private async Task<JObject> ListExecutionsAsync(ApiRequest request)
    {
        var (stateMachineArn, statusFilter, pageSize, nextToken) = StepFunctionsApi.ReadListExecutions(request);
        var (name, _) = Machine(stateMachineArn);
        if (statusFilter == "PENDING_REDRIVE")
        {
            // Nothing is ever pending a redrive here: RedriveExecution is not served.
            return new ApiResponse().Add("executions", new JArray([])).Build();
        }

        var page = await _client.ListInstancesAsync(
            $"arn:aws:states:{Region}:{Account}:execution:{name}:", RuntimeStatuses(statusFilter), pageSize, nextToken);
        var items = page.Instances.Select(Describe)
            .Where(d => statusFilter is null || d["status"] is JString { Value: var status } && status == statusFilter)
            .Select(d => (JNode)d.Without("input").Without("output").Without("error").Without("cause"));
        return new ApiResponse().Add("executions", new JArray(items)).Add("nextToken", page.ContinuationToken).Build();
    }

    /// <summary>The host's statuses an ASL status filter can be in (a Completed instance may be any ASL outcome).</summary>
    private static WorkflowRuntimeStatus[]? RuntimeStatuses(string? statusFilter) => statusFilter switch
    {
        null => null,
        "RUNNING" => [WorkflowRuntimeStatus.Running, WorkflowRuntimeStatus.Pending, WorkflowRuntimeStatus.Suspended, WorkflowRuntimeStatus.ContinuedAsNew],
        "FAILED" => [WorkflowRuntimeStatus.Completed, WorkflowRuntimeStatus.Failed],
        "ABORTED" => [WorkflowRuntimeStatus.Completed, WorkflowRuntimeStatus.Terminated, WorkflowRuntimeStatus.Canceled],
        _ => [WorkflowRuntimeStatus.Completed],
    };

    /// <summary>GetExecutionHistory: the ASL history the orchestration published (<see cref="ExecutionHistory"/>), ended by
    /// the event of a stop or crash that happened outside it.</summary>
    private async Task<JObject> GetExecutionHistoryAsync(ApiRequest request)
    {
        string arn = request.RequiredString("executionArn", 1, 2048);
        var (maxResults, reverse, includeData, nextToken) = StepFunctionsApi.ReadHistoryPaging(request);
        long? after = nextToken is null ? null
            : long.TryParse(nextToken, NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id
            : throw new ApiException(ApiErrorCodes.InvalidToken, $"Invalid Token: '{ApiRequest.Shorten(nextToken)}' is not a nextToken of GetExecutionHistory (give back the one an answer returned).");
        var histories = _histories ?? throw new ApiException(ApiErrorCodes.UnsupportedOperation,
            "GetExecutionHistory is not served by this Azure Functions app: it keeps ASL histories only with a blob endpoint (the setting PLATFORM_BLOB_ENDPOINT; docs/azure.md).");
        var instance = await _client.GetInstanceAsync(arn, getInputsAndOutputs: true)
            ?? throw new ApiException(ApiErrorCodes.ExecutionDoesNotExist, $"Execution Does Not Exist: '{arn}'");
        var events = ExecutionHistory.Merge(await histories.ReadAsync(arn), instance.CustomStatus).ToList();
        if (EndedOutside(instance, events) is { } end)
        {
            events.Add(end);
        }

        IEnumerable<JObject> ordered = reverse ? Enumerable.Reverse(events) : events;
        if (after is { } last)
        {
            ordered = ordered.Where(e => reverse ? ExecutionHistory.IdOf(e) < last : ExecutionHistory.IdOf(e) > last);
        }

        var page = ordered.Take(maxResults + 1).ToList();
        string? next = page.Count > maxResults ? ExecutionHistory.IdOf(page[maxResults - 1]).ToString(CultureInfo.InvariantCulture) : null;
        return new ApiResponse()
            .Add("events", new JArray(page.Take(maxResults).Select(e => (JNode)StepFunctionsApi.WireEvent(e, includeData))))
            .Add("nextToken", next)
            .Build();
    }

    /// <summary>The last event of an execution that ended outside its orchestration's code (stopped: terminated; or the
    /// orchestration itself failed), which the orchestration could not record; null when it recorded its end.</summary>
    private static JObject? EndedOutside(WorkflowInstance instance, List<JObject> events)
    {
        if (events.Count > 0 && events[^1]["type"] is JString { Value: var type } && EndTypes.Contains(type))
        {
            return null;
        }

        (string Type, string? Error, string? Cause)? end = instance.RuntimeStatus switch
        {
            WorkflowRuntimeStatus.Terminated or WorkflowRuntimeStatus.Canceled => StopRequest(instance.Output),
            WorkflowRuntimeStatus.Failed => Failure(AslFailures.FromFailureDetails(instance.FailureErrorType, instance.FailureErrorMessage)),
            _ => null,
        };
        if (end is not { } e)
        {
            return null;
        }

        var details = new JObjectBuilder(2);
        if (e.Error is not null)
        {
            details.Set("error", JNode.From(e.Error));
        }

        if (e.Cause is not null)
        {
            details.Set("cause", JNode.From(e.Cause));
        }

        long lastId = events.Count == 0 ? 0 : ExecutionHistory.IdOf(events[^1]);
        return new HistoryEvent(lastId + 1, lastId, instance.LastUpdatedAt.UtcDateTime, e.Type, details.Count == 0 ? null : details.Build()).ToAwsJson();

        static (string, string?, string?) Failure((string Error, string? Cause) failure) => (HistoryEventTypes.ExecutionFailed, failure.Error, failure.Cause);

        static (string, string?, string?) StopRequest(string? output) =>
            output is not null && JsonParser.TryParse(output, out _) is JObject request
                ? (HistoryEventTypes.ExecutionAborted, (request["error"] as JString)?.Value, (request["cause"] as JString)?.Value)
                : (HistoryEventTypes.ExecutionAborted, null, null);
    }

    private async Task<JObject> StopExecutionAsync(ApiRequest request)
    {
        string arn = request.RequiredString("executionArn", 1, 2048);
        string? error = request.OptionalString("error", 0, 256);
        string? cause = request.OptionalString("cause", 0, 32_768);
        var instance = await _client.GetInstanceAsync(arn, getInputsAndOutputs: false)
            ?? throw new ApiException(ApiErrorCodes.ExecutionDoesNotExist, $"Execution Does Not Exist: '{arn}'");
        if (IsRunning(instance.RuntimeStatus))
        {
            await _client.TerminateAsync(arn, new JObject(["error", "cause"], [error is null ? JNode.Null : JNode.From(error), cause is null ? JNode.Null : JNode.From(cause)]));
        }

        return new JObject(["stopDate"], [Epoch(_time.GetUtcNow())]);
    }

    private async Task<JObject> SendTaskAsync(ApiRequest request, string operation)
    {
        string token = request.RequiredString("taskToken", 1, StepFunctionsApi.MaxTaskTokenLength);
        var tokens = _tokens ?? throw new ApiException(ApiErrorCodes.InvalidToken, "Invalid Token: this app has no task-token key configured (TASK_TOKEN_KEY).");
        var now = _time.GetUtcNow().UtcDateTime;
        var callback = operation switch
        {
            "SendTaskSuccess" => TaskCallback.Success(tokens, token, ParseOutput(request.OptionalPayload("output", 262_144)
                ?? throw ApiRequest.Invalid("Value null at 'output' failed to satisfy constraint: Member must not be null")), now),
            "SendTaskFailure" => TaskCallback.Failure(tokens, token, request.OptionalString("error", 0, 256), request.OptionalString("cause", 0, 32_768), now),
            _ => TaskCallback.Heartbeat(tokens, token, now),
        };
        if (!callback.IsValid)
        {
            throw callback.Check.Status == TaskTokenStatus.Expired
                ? new ApiException(TaskCallbackException.TaskTimedOut, $"Task Timed Out: {callback.Check.Reason}")
                : new ApiException(ApiErrorCodes.InvalidToken, $"Invalid Token: {callback.Check.Reason}");
        }

        var instance = await _client.GetInstanceAsync(callback.InstanceId!, getInputsAndOutputs: false);
        if (instance is null || !IsRunning(instance.RuntimeStatus))
        {
            throw new ApiException(TaskCallbackException.TaskDoesNotExist, $"Task Does Not Exist: the execution '{callback.InstanceId}' is not running.");
        }

        await _client.RaiseEventAsync(callback.InstanceId!, callback.EventName!, callback.Payload);
        return JObject.Empty;
    }

    private static JNode ParseOutput(string text) => JsonParser.TryParse(text, out var error)
        ?? throw new ApiException(ApiErrorCodes.InvalidOutput, $"Invalid Output: '{error?.Message}'");

    private (string Name, StateMachineOrchestrator Machine) Machine(string arn)
    {
        string name = StateMachineOf(arn);
        return arn == StateMachineArn(name) && _machines.TryGetValue(name, out var machine)
            ? (name, machine)
            : throw new ApiException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");
    }

    private static string StateMachineOf(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length >= 7 ? parts[6] : arn;
    }

    private static bool IsRunning(WorkflowRuntimeStatus status) =>
        status is WorkflowRuntimeStatus.Running or WorkflowRuntimeStatus.Pending or WorkflowRuntimeStatus.Suspended or WorkflowRuntimeStatus.ContinuedAsNew;

    private static string Status(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        ExecutionStatus.Running or ExecutionStatus.ContinuedAsNew => "RUNNING",
        _ => "FAILED",
    };

    private static JNode Epoch(DateTimeOffset at) =>
        JNode.Parse((at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture));
}
