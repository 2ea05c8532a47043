using Microsoft.Extensions.Logging.Abstractions;
using Platform.Asl.Json;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Engine.History;
using Platform.Engine.Integrations;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;
using Platform.Server.Api;

namespace Platform.Server.Tests.Azure;

public sealed class WorkflowClientApiTests
{
    private const string MachineArn = "arn:aws:states:westeurope:000000000042:stateMachine:hello";
    private const string ExecutionArn = "arn:aws:states:westeurope:000000000042:execution:hello:run-1";
    private static readonly DateTimeOffset Now = new(2026, 8, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TaskTokens Tokens = new(new byte[32]);

    private readonly FakeWorkflowClient _client = new();
    private readonly MemoryStore _objects = new();
    private readonly ExecutionHistoryStore _histories;
    private readonly WorkflowClientApi _api;

    public WorkflowClientApiTests()
    {
        var machines = new Dictionary<string, StateMachineOrchestrator>
        {
            ["hello"] = StateMachineOrchestrator.FromText("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"""),
        };
        _histories = new ExecutionHistoryStore(_objects, ExecutionHistoryStore.DefaultContainer);
        var tasks = new TaskHandlerRegistry().Register("Double", (JNode input) => JNode.From(((JNumber)input).TryGetInt64(out long n) ? n * 2 : 0));
        _api = new WorkflowClientApi(_client, machines, Tokens, "westeurope", "000000000042", new FixedTime(Now), NullLoggerFactory.Instance, tasks, _histories);
    }

    [Fact]
    public async Task StartExecution_KnownMachine_SchedulesTheExecutionOrchestrationUnderItsArn()
    {
        var answer = await Invoke("StartExecution", $$"""{"stateMachineArn":"{{MachineArn}}","name":"run-1","input":"{\"a\":1}"}""");

        answer["executionArn"]!.ToString().Should().Be($"\"{ExecutionArn}\"");
        var instance = _client.Instances[ExecutionArn];
        instance.Name.Should().Be(OrchestratorNames.Execution);
        var input = OrchestrationWire.Read<ExecutionInput>(instance.Input);
        (input.StateMachineName, input.Name, input.Input.ToString()).Should().Be(("hello", "run-1", """{"a":1}"""));
    }

    [Fact]
    public async Task StartExecution_SameNameTwice_IsExecutionAlreadyExists()
    {
        string request = $$"""{"stateMachineArn":"{{MachineArn}}","name":"run-1"}""";
        await Invoke("StartExecution", request);

        var act = () => Invoke("StartExecution", request);

        (await act.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(ApiErrorCodes.ExecutionAlreadyExists);
    }

    [Fact]
    public async Task StartExecution_UnknownMachineOrBadInput_IsRefusedWithAwsCodes()
    {
        var unknown = () => Invoke("StartExecution", """{"stateMachineArn":"arn:aws:states:westeurope:000000000042:stateMachine:nope"}""");
        var badInput = () => Invoke("StartExecution", $$"""{"stateMachineArn":"{{MachineArn}}","input":"{not json"}""");

        (await unknown.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be("StateMachineDoesNotExist");
        (await badInput.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(ApiErrorCodes.InvalidExecutionInput);
    }

    [Theory]
    [InlineData("Succeeded", "SUCCEEDED")]
    [InlineData("Failed", "FAILED")]
    [InlineData("TimedOut", "TIMED_OUT")]
    public async Task DescribeExecution_CompletedInstance_ReadsTheStatusFromTheEndDocument(string endStatus, string awsStatus)
    {
        var status = Enum.Parse<ExecutionStatus>(endStatus);
        var end = new ExecutionEnd(status, status == ExecutionStatus.Succeeded ? JNode.Parse("""{"ok":1}""") : null,
            status == ExecutionStatus.Succeeded ? null : "E", status == ExecutionStatus.Succeeded ? null : "because", Now.UtcDateTime, Now.UtcDateTime);
        Seed(WorkflowRuntimeStatus.Completed, end.ToJson().ToString());

        var answer = await Invoke("DescribeExecution", $$"""{"executionArn":"{{ExecutionArn}}"}""");

        ((JString)answer["status"]!).Value.Should().Be(awsStatus);
        ((JString)answer["stateMachineArn"]!).Value.Should().Be(MachineArn);
        ((JString)answer["input"]!).Value.Should().Be("""{"in":true}""");
        if (status == ExecutionStatus.Succeeded)
        {
            ((JString)answer["output"]!).Value.Should().Be("""{"ok":1}""");
        }
        else
        {
            (((JString)answer["error"]!).Value, ((JString)answer["cause"]!).Value).Should().Be(("E", "because"));
        }
    }

    [Fact]
    public async Task DescribeExecution_OrchestrationThatThrew_MapsFailureDetailsToErrorAndCause()
    {
        var thrown = new AslErrorException("States.Runtime", "nondeterministic replay");
        Seed(WorkflowRuntimeStatus.Failed, null, thrown.GetType().FullName, thrown.Message);

        var answer = await Invoke("DescribeExecution", $$"""{"executionArn":"{{ExecutionArn}}"}""");

        (((JString)answer["status"]!).Value, ((JString)answer["error"]!).Value, ((JString)answer["cause"]!).Value)
            .Should().Be(("FAILED", "States.Runtime", "nondeterministic replay"));
    }

    [Theory]
    [InlineData(WorkflowRuntimeStatus.Running, "RUNNING", false)]
    [InlineData(WorkflowRuntimeStatus.Pending, "RUNNING", false)]
    [InlineData(WorkflowRuntimeStatus.Terminated, "ABORTED", true)]
    public async Task DescribeExecution_NotCompleted_MapsTheRuntimeStatus(WorkflowRuntimeStatus runtime, string awsStatus, bool stopped)
    {
        Seed(runtime, null);

        var answer = await Invoke("DescribeExecution", $$"""{"executionArn":"{{ExecutionArn}}"}""");

        ((JString)answer["status"]!).Value.Should().Be(awsStatus);
        answer.ContainsKey("stopDate").Should().Be(stopped);
    }

    [Fact]
    public async Task DescribeExecution_Unknown_IsExecutionDoesNotExist()
    {
        var act = () => Invoke("DescribeExecution", $$"""{"executionArn":"{{ExecutionArn}}"}""");

        (await act.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(ApiErrorCodes.ExecutionDoesNotExist);
    }

    [Fact]
    public async Task StopExecution_Running_TerminatesWithErrorAndCause()
    {
        Seed(WorkflowRuntimeStatus.Running, null);

        await Invoke("StopExecution", $$"""{"executionArn":"{{ExecutionArn}}","error":"Stop","cause":"by hand"}""");

        _client.Terminated.Should().ContainSingle().Which.Should().Be((ExecutionArn, """{"error":"Stop","cause":"by hand"}"""));
    }

    [Fact]
    public async Task SendTaskSuccess_ValidToken_RaisesTheWaitEventWithTheOutcome()
    {
        Seed(WorkflowRuntimeStatus.Running, null);
        string token = Tokens.Issue(ExecutionArn, "task-1", Now.UtcDateTime.AddHours(1));

        await Invoke("SendTaskSuccess", $$"""{"taskToken":"{{token}}","output":"{\"approved\":true}"}""");

        var raised = _client.Raised.Should().ContainSingle().Subject;
        (raised.InstanceId, raised.EventName).Should().Be((ExecutionArn, "task-1"));
        OrchestrationWire.Read<TaskOutcome>(raised.Payload).Result!.ToString().Should().Be("""{"approved":true}""");
    }

    [Fact]
    public async Task SendTaskHeartbeat_ValidToken_RaisesTheHeartbeatEvent()
    {
        Seed(WorkflowRuntimeStatus.Running, null);
        string token = Tokens.Issue(ExecutionArn, "task-1", Now.UtcDateTime.AddHours(1));

        await Invoke("SendTaskHeartbeat", $$"""{"taskToken":"{{token}}"}""");

        _client.Raised.Should().ContainSingle().Which.EventName.Should().Be("task-1" + TaskTokens.HeartbeatEventSuffix);
    }

    [Fact]
    public async Task SendTaskFailure_ExpiredOrEndedOrForged_IsRefusedAndRaisesNothing()
    {
        Seed(WorkflowRuntimeStatus.Completed, null);
        string expired = Tokens.Issue(ExecutionArn, "task-1", Now.UtcDateTime.AddSeconds(-1));
        string valid = Tokens.Issue(ExecutionArn, "task-1", Now.UtcDateTime.AddHours(1));

        (await Refusal("SendTaskFailure", $$"""{"taskToken":"{{expired}}","error":"E"}""")).Should().Be("TaskTimedOut");
        (await Refusal("SendTaskFailure", $$"""{"taskToken":"{{valid}}","error":"E"}""")).Should().Be("TaskDoesNotExist");
        (await Refusal("SendTaskFailure", """{"taskToken":"v1.forged.sig","error":"E"}""")).Should().Be(ApiErrorCodes.InvalidToken);
        _client.Raised.Should().BeEmpty();
    }

    [Theory]
    [InlineData("CreateStateMachine", "deploying the app")]
    [InlineData("PublishStateMachineVersion", "no versions")]
    [InlineData("CreateStateMachineAlias", "no aliases")]
    [InlineData("StartSyncExecution", "Standard")]
    [InlineData("RedriveExecution", "rewind")]
    public async Task NotServedOperation_OnAzure_IsUnsupportedWithItsReason(string operation, string reason)
    {
        var act = () => Invoke(operation, "{}");

        var refusal = (await act.Should().ThrowAsync<ApiException>()).Which;
        (refusal.Code, refusal.Message).Should().Match<(string Code, string Message)>(r => r.Code == ApiErrorCodes.UnsupportedOperation && r.Message.Contains(operation) && r.Message.Contains(reason));
    }

    [Fact]
    public async Task ListExecutions_MachinesExecutions_QueriesByArnPrefixAndAnswersSummaries()
    {
        Seed(WorkflowRuntimeStatus.Running, null);
        Seed(WorkflowRuntimeStatus.Completed, End(ExecutionStatus.Succeeded), name: "run-2");
        Seed(WorkflowRuntimeStatus.Running, null, machine: "hello2", name: "other");

        var answer = await Invoke("ListExecutions", $$"""{"stateMachineArn":"{{MachineArn}}"}""");

        _client.LastQuery!.Value.Prefix.Should().Be("arn:aws:states:westeurope:000000000042:execution:hello:");
        var items = ((JArray)answer["executions"]!).Cast<JObject>().ToList();
        items.Select(i => (((JString)i["name"]!).Value, ((JString)i["status"]!).Value)).Should().Equal(("run-1", "RUNNING"), ("run-2", "SUCCEEDED"));
        items[0].ContainsKey("input").Should().BeFalse("a summary, not a description");
        answer.ContainsKey("nextToken").Should().BeFalse();
    }

    [Fact]
    public async Task ListExecutions_StatusFilter_MapsToRuntimeStatusesAndFiltersTheAslOutcome()
    {
        Seed(WorkflowRuntimeStatus.Completed, End(ExecutionStatus.Succeeded), name: "ok");
        Seed(WorkflowRuntimeStatus.Completed, End(ExecutionStatus.Failed), name: "failed-asl");
        Seed(WorkflowRuntimeStatus.Failed, null, name: "failed-host", errorType: "System.InvalidOperationException", errorMessage: "boom");

        var answer = await Invoke("ListExecutions", $$"""{"stateMachineArn":"{{MachineArn}}","statusFilter":"FAILED"}""");

        _client.LastQuery!.Value.Statuses.Should().BeEquivalentTo([WorkflowRuntimeStatus.Completed, WorkflowRuntimeStatus.Failed]);
        ((JArray)answer["executions"]!).Cast<JObject>().Select(i => ((JString)i["name"]!).Value).Should().Equal("failed-asl", "failed-host");
    }

    [Fact]
    public async Task ListExecutions_MaxResultsAndNextToken_PageThroughTheHost()
    {
        for (int i = 1; i <= 3; i++)
        {
            Seed(WorkflowRuntimeStatus.Running, null, name: $"run-{i}");
        }

        var first = await Invoke("ListExecutions", $$"""{"stateMachineArn":"{{MachineArn}}","maxResults":2}""");
        string token = ((JString)first["nextToken"]!).Value;
        var second = await Invoke("ListExecutions", $$"""{"stateMachineArn":"{{MachineArn}}","maxResults":2,"nextToken":"{{token}}"}""");

        ((JArray)first["executions"]!).Count.Should().Be(2);
        ((JArray)second["executions"]!).Cast<JObject>().Select(i => ((JString)i["name"]!).Value).Should().Equal("run-3");
        second.ContainsKey("nextToken").Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"statusFilter":"RUNNING"}""", ApiErrorCodes.ValidationException, "'stateMachineArn'")]
    [InlineData("""{"stateMachineArn":"arn:aws:states:westeurope:000000000042:stateMachine:hello","statusFilter":"DONE"}""", ApiErrorCodes.ValidationException, "'statusFilter'")]
    [InlineData("""{"stateMachineArn":"arn:aws:states:westeurope:000000000042:stateMachine:hello","maxResults":1001}""", ApiErrorCodes.ValidationException, "'maxResults'")]
    [InlineData("""{"stateMachineArn":"arn:aws:states:westeurope:000000000042:stateMachine:nope"}""", "StateMachineDoesNotExist", "nope")]
    public async Task ListExecutions_BadRequest_IsRefusedAsAwsDoes(string body, string code, string named)
    {
        var act = () => Invoke("ListExecutions", body);

        var refusal = (await act.Should().ThrowAsync<ApiException>()).Which;
        refusal.Code.Should().Be(code);
        refusal.Message.Should().Contain(named);
    }

    [Fact]
    public async Task DescribeStateMachineForExecution_KnownExecution_AnswersTheDeployedDefinition()
    {
        Seed(WorkflowRuntimeStatus.Running, null);

        var answer = await Invoke("DescribeStateMachineForExecution", $$"""{"executionArn":"{{ExecutionArn}}"}""");

        (((JString)answer["stateMachineArn"]!).Value, ((JString)answer["name"]!).Value).Should().Be((MachineArn, "hello"));
        ((JObject)JNode.Parse(((JString)answer["definition"]!).Value))["StartAt"]!.ToString().Should().Be("\"P\"");
        var unknown = () => Invoke("DescribeStateMachineForExecution", """{"executionArn":"arn:aws:states:westeurope:000000000042:execution:hello:nope"}""");
        (await unknown.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(ApiErrorCodes.ExecutionDoesNotExist);
    }

    [Fact]
    public async Task ValidateStateMachineDefinition_IsTheServersValidation()
    {
        var answer = await Invoke("ValidateStateMachineDefinition", """{"definition":"{\"StartAt\":\"Nope\",\"States\":{}}"}""");

        ((JString)answer["result"]!).Value.Should().Be("FAIL");
        ((JArray)answer["diagnostics"]!).Should().NotBeEmpty();
    }

    [Fact]
    public async Task TestState_Task_RunsWithTheAppsHandlers()
    {
        var answer = await Invoke("TestState", """{"definition":"{\"Type\":\"Task\",\"Resource\":\"Double\",\"Next\":\"After\"}","input":"21"}""");

        (((JString)answer["status"]!).Value, ((JString)answer["output"]!).Value, ((JString)answer["nextState"]!).Value).Should().Be(("SUCCEEDED", "42", "After"));
    }

    [Fact]
    public async Task GetExecutionHistory_Running_AnswersStoredChunksThenTheStatusTail()
    {
        await _histories.WriteAsync(ExecutionHistory.Chunk(ExecutionArn, [Event(1, "ExecutionStarted"), Event(2, "PassStateEntered")]).ToString());
        string status = ExecutionHistory.Status(3, [Event(2, "PassStateEntered").ToAwsJson(), Event(3, "PassStateExited").ToAwsJson()]).ToString();
        Seed(WorkflowRuntimeStatus.Running, null, customStatus: status);

        var answer = await Invoke("GetExecutionHistory", $$"""{"executionArn":"{{ExecutionArn}}"}""");

        var events = ((JArray)answer["events"]!).Cast<JObject>().ToList();
        events.Select(e => ((JString)e["type"]!).Value).Should().Equal("ExecutionStarted", "PassStateEntered", "PassStateExited");
        events[0]["timestamp"].Should().BeOfType<JNumber>("the wire carries epoch seconds, as the server's");
    }

    [Fact]
    public async Task GetExecutionHistory_Stopped_EndsWithTheAbortedEventOfTheStopRequest()
    {
        await _histories.WriteAsync(ExecutionHistory.Chunk(ExecutionArn, [Event(1, "ExecutionStarted")]).ToString());
        Seed(WorkflowRuntimeStatus.Terminated, """{"error":"Stop","cause":"by hand"}""");

        var answer = await Invoke("GetExecutionHistory", $$"""{"executionArn":"{{ExecutionArn}}","reverseOrder":true}""");

        var last = ((JArray)answer["events"]!).Cast<JObject>().First();
        (((JString)last["type"]!).Value, last["id"]!.ToString(), last["previousEventId"]!.ToString()).Should().Be(("ExecutionAborted", "2", "1"));
        last["executionAbortedEventDetails"]!.ToString().Should().Be("""{"error":"Stop","cause":"by hand"}""");
    }

    [Fact]
    public async Task GetExecutionHistory_MaxResults_PagesWithANextToken()
    {
        await _histories.WriteAsync(ExecutionHistory.Chunk(ExecutionArn, [Event(1, "ExecutionStarted"), Event(2, "PassStateEntered"), Event(3, "PassStateExited")]).ToString());
        Seed(WorkflowRuntimeStatus.Running, null);

        var first = await Invoke("GetExecutionHistory", $$"""{"executionArn":"{{ExecutionArn}}","maxResults":2}""");
        var second = await Invoke("GetExecutionHistory", $$"""{"executionArn":"{{ExecutionArn}}","maxResults":2,"nextToken":"{{((JString)first["nextToken"]!).Value}}"}""");
        var bad = () => Invoke("GetExecutionHistory", $$"""{"executionArn":"{{ExecutionArn}}","nextToken":"page-two"}""");

        ((JArray)first["events"]!).Count.Should().Be(2);
        ((JArray)second["events"]!).Cast<JObject>().Select(e => e["id"]!.ToString()).Should().Equal("3");
        second.ContainsKey("nextToken").Should().BeFalse();
        (await bad.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(ApiErrorCodes.InvalidToken);
    }

    [Fact]
    public async Task GetExecutionHistory_WithoutAHistoryStore_IsUnsupportedNamingTheSetting()
    {
        var api = new WorkflowClientApi(_client, new Dictionary<string, StateMachineOrchestrator>(), Tokens, "westeurope", "000000000042", new FixedTime(Now), NullLoggerFactory.Instance);
        Seed(WorkflowRuntimeStatus.Running, null);

        var act = () => api.Api.InvokeAsync("GetExecutionHistory", new ApiRequest((JObject)JNode.Parse($$"""{"executionArn":"{{ExecutionArn}}"}""")));

        (await act.Should().ThrowAsync<ApiException>()).Which.Message.Should().Contain("PLATFORM_BLOB_ENDPOINT");
    }

    private static HistoryEvent Event(long id, string type) => new(id, id - 1, Now.UtcDateTime, type, null);

    private static string End(ExecutionStatus status) =>
        new ExecutionEnd(status, null, status == ExecutionStatus.Succeeded ? null : "E", null, Now.UtcDateTime, Now.UtcDateTime).ToJson().ToString();

    [Fact]
    public async Task ListStateMachines_ListsTheDeployedOnes()
    {
        var answer = await Invoke("ListStateMachines", "{}");

        answer["stateMachines"]!.ToString().Should().Contain(MachineArn);
    }

    private void Seed(
        WorkflowRuntimeStatus status, string? output, string? errorType = null, string? errorMessage = null, string machine = "hello", string name = "run-1", string? customStatus = null)
    {
        var input = new ExecutionInput { Input = JNode.Parse("""{"in":true}"""), Name = name, StateMachineName = machine, Region = "westeurope", Account = "000000000042" };
        _client.Instances[input.ExecutionArn] = new WorkflowInstance(
            input.ExecutionArn, OrchestratorNames.Execution, status, Now.AddMinutes(-5), Now, OrchestrationWire.Write(input), output, errorType, errorMessage)
        {
            CustomStatus = customStatus,
        };
    }

    private async Task<string> Refusal(string operation, string body)
    {
        var act = () => Invoke(operation, body);
        return (await act.Should().ThrowAsync<ApiException>()).Which.Code;
    }

    private Task<JObject> Invoke(string operation, string body) => _api.Api.InvokeAsync(operation, new ApiRequest((JObject)JNode.Parse(body)));

    private sealed class MemoryStore : IObjectStore
    {
        private readonly SortedDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);

        public ValueTask<StoredObject?> GetAsync(string container, string key, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(_objects.TryGetValue(key, out var content) ? new StoredObject(Properties(container, key), content) : null);

        public ValueTask<ObjectProperties> PutAsync(string container, string key, ReadOnlyMemory<byte> content, ObjectPutOptions? options = null, CancellationToken cancellationToken = default)
        {
            _objects[key] = content.ToArray();
            return ValueTask.FromResult(Properties(container, key));
        }

        public ValueTask<ObjectListing> ListAsync(string container, ObjectListOptions? options = null, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new ObjectListing([.. _objects.Keys.Where(k => k.StartsWith(options?.Prefix ?? string.Empty, StringComparison.Ordinal)).Select(k => Properties(container, k))], null));

        public ValueTask<bool> DeleteAsync(string container, string key, CancellationToken cancellationToken = default) => ValueTask.FromResult(_objects.Remove(key));

        private static ObjectProperties Properties(string container, string key) => new(container, key, 0, "\"1\"", DateTimeOffset.UnixEpoch, "application/json", new Dictionary<string, string>());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
