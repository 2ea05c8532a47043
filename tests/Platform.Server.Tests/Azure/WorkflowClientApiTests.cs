using Microsoft.Extensions.Logging.Abstractions;
using Platform.Asl.Json;
using Platform.Engine;
using Platform.Engine.Execution;
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
    private readonly WorkflowClientApi _api;

    public WorkflowClientApiTests()
    {
        var machines = new Dictionary<string, StateMachineOrchestrator>
        {
            ["hello"] = StateMachineOrchestrator.FromText("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"""),
        };
        _api = new WorkflowClientApi(_client, machines, Tokens, "westeurope", "000000000042", new FixedTime(Now), NullLoggerFactory.Instance);
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

    [Fact]
    public async Task CreateStateMachine_OnAzure_IsUnsupportedWithTheReason()
    {
        var act = () => Invoke("CreateStateMachine", "{}");

        (await act.Should().ThrowAsync<ApiException>()).Which.Message.Should().Contain("deployed with it");
    }

    [Fact]
    public async Task ListStateMachines_ListsTheDeployedOnes()
    {
        var answer = await Invoke("ListStateMachines", "{}");

        answer["stateMachines"]!.ToString().Should().Contain(MachineArn);
    }

    private void Seed(WorkflowRuntimeStatus status, string? output, string? errorType = null, string? errorMessage = null)
    {
        var input = new ExecutionInput { Input = JNode.Parse("""{"in":true}"""), Name = "run-1", StateMachineName = "hello", Region = "westeurope", Account = "000000000042" };
        _client.Instances[ExecutionArn] = new WorkflowInstance(
            ExecutionArn, OrchestratorNames.Execution, status, Now.AddMinutes(-5), Now, OrchestrationWire.Write(input), output, errorType, errorMessage);
    }

    private async Task<string> Refusal(string operation, string body)
    {
        var act = () => Invoke(operation, body);
        return (await act.Should().ThrowAsync<ApiException>()).Which.Code;
    }

    private Task<JObject> Invoke(string operation, string body) => _api.Api.InvokeAsync(operation, new ApiRequest((JObject)JNode.Parse(body)));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
