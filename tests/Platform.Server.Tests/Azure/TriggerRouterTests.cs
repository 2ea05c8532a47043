using Platform.Asl.DataFlow;
using Platform.Asl.Json;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;
using Platform.Server.Triggers;

namespace Platform.Server.Tests.Azure;

public sealed class TriggerRouterTests
{
    private static readonly DateTime Now = new(2026, 8, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly TriggerRouter Router = new(
    [
        new TriggerRule { Name = "csv", Source = TriggerSource.Blob, StateMachine = "file-validation", Container = "inbox", Suffix = ".csv" },
        new TriggerRule
        {
            Name = "orders", Source = TriggerSource.EventGrid, StateMachine = "arn:aws:states:westeurope:000000000042:stateMachine:orders",
            EventTypes = ["Contoso.Order.Placed"],
        },
        new TriggerRule
        {
            Name = "bus", Source = TriggerSource.Queue, StateMachine = "etl", Queue = "sfn-events",
            Input = PayloadTemplate.Compile(JNode.Parse("""{"job.$":"$.body.job","from":"bus"}""")),
        },
    ], "westeurope", "000000000042");

    [Fact]
    public void RouteBlob_MatchingContainerAndSuffix_StartsTheRulesMachineWithTheBlobDocument()
    {
        var start = Router.RouteBlob("inbox", "2026/orders.csv", 120, "text/csv", "0x1", Now, "inbox/2026/orders.csv@0x1").Should().ContainSingle().Subject;

        start.Rule.Should().Be("csv");
        start.Execution!.StateMachineName.Should().Be("file-validation");
        start.Execution.Name.Should().Be(TriggerService.ExecutionName(Router_Rule("csv"), "inbox/2026/orders.csv@0x1"));
        ((JString)((JObject)start.Execution.Input)["fileName"]!).Value.Should().Be("orders.csv");
        start.Execution.ExecutionArn.Should().StartWith("arn:aws:states:westeurope:000000000042:execution:file-validation:csv-");
    }

    [Fact]
    public void RouteBlob_OtherSuffixOrContainer_StartsNothing()
    {
        Router.RouteBlob("inbox", "notes.txt", 1, "text/plain", "0x1", Now, "a").Should().BeEmpty();
        Router.RouteBlob("archive", "x.csv", 1, "text/csv", "0x1", Now, "b").Should().BeEmpty();
    }

    [Fact]
    public void RouteEventGrid_MatchingType_StartsByTheArnsMachineName()
    {
        var (starts, error) = Router.RouteEventGrid("""
            {"id":"e-1","eventType":"Contoso.Order.Placed","subject":"orders/7","eventTime":"2026-08-01T12:00:00Z","dataVersion":"1","data":{"id":7}}
            """);

        error.Should().BeNull();
        starts.Should().ContainSingle().Which.Execution!.StateMachineName.Should().Be("orders");
    }

    [Fact]
    public void RouteEventGrid_NotAnEvent_SaysWhy()
    {
        var (starts, error) = Router.RouteEventGrid("[]");

        starts.Should().BeEmpty();
        error.Should().Contain("no events");
    }

    [Fact]
    public void RouteMessage_QueueRuleWithTemplate_BuildsTheInputFromTheBody()
    {
        var start = Router.RouteMessage("sfn-events", "m-1", """{"job":"nightly"}""").Should().ContainSingle().Subject;

        start.Execution!.Input.ToString().Should().Be("""{"job":"nightly","from":"bus"}""");
        start.EventId.Should().Be("queue:sfn-events:m-1");
    }

    [Fact]
    public void RouteMessage_TemplateThatDoesNotApply_IsAFailedStartWithTheReason()
    {
        var start = Router.RouteMessage("sfn-events", "m-2", "\"plain text\"").Should().ContainSingle().Subject;

        start.Execution.Should().BeNull();
        start.Error.Should().Contain("input template of rule 'bus'");
    }

    [Fact]
    public async Task StartAsync_RedeliveredEvent_StartsOnceAndReportsTheDuplicate()
    {
        var client = new FakeWorkflowClient();
        var starts = Router.RouteMessage("sfn-events", "m-1", """{"job":"nightly"}""");

        var first = await TriggerRouter.StartAsync(client, starts);
        var second = await TriggerRouter.StartAsync(client, Router.RouteMessage("sfn-events", "m-1", """{"job":"nightly"}"""));

        first.Single().Status.Should().Be("started");
        second.Single().Status.Should().Be("duplicate");
        second.Single().ExecutionArn.Should().Be(first.Single().ExecutionArn);
        client.Instances.Should().ContainSingle().Which.Value.Name.Should().Be(OrchestratorNames.Execution);
    }

    [Fact]
    public async Task StartAsync_FailedStart_SchedulesNothing()
    {
        var client = new FakeWorkflowClient();

        var outcome = (await TriggerRouter.StartAsync(client, Router.RouteMessage("sfn-events", "m-2", "\"x\""))).Single();

        outcome.Status.Should().Be("failed");
        client.Instances.Should().BeEmpty();
    }

    [Fact]
    public void Callback_MessageWithTokenAndOutput_IsASuccessCallback()
    {
        var tokens = new TaskTokens(new byte[32]);
        string token = tokens.Issue("exec-1", "task-9", Now.AddHours(1));

        var (callback, error) = TriggerRouter.Callback($$$"""{"taskToken":"{{{token}}}","output":{"ok":true}}""", tokens, Now);

        error.Should().BeNull();
        (callback!.InstanceId, callback.EventName).Should().Be(("exec-1", "task-9"));
        OrchestrationWire.Read<TaskOutcome>(callback.Payload).IsSuccess.Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"taskToken":"t","output":1,"error":"E"}""", "exactly one")]
    [InlineData("""{"taskToken":"t"}""", "exactly one")]
    [InlineData("""{"taskToken":5,"output":1}""", "must be a string")]
    [InlineData("""{"taskToken":"t","error":7}""", "must be strings")]
    public void Callback_MalformedMessage_SaysWhy(string body, string reason)
    {
        var (callback, error) = TriggerRouter.Callback(body, new TaskTokens(new byte[32]), Now);

        callback.Should().BeNull();
        error.Should().Contain(reason);
    }

    [Fact]
    public void Callback_MessageWithoutToken_IsNoCallback()
    {
        TriggerRouter.Callback("""{"job":"x"}""", new TaskTokens(new byte[32]), Now).Should().Be(((TaskCallback?)null, (string?)null));
    }

    private static TriggerRule Router_Rule(string name) => new() { Name = name, Source = TriggerSource.Blob, StateMachine = "x" };
}

public sealed class TriggerRouterMessageTests
{
    private static readonly DateTime Now = new(2026, 8, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TaskTokens Tokens = new(new byte[32]);
    private readonly FakeWorkflowClient _client = new();

    private readonly TriggerRouter _router = new(
        [new TriggerRule { Name = "bus", Source = TriggerSource.Queue, StateMachine = "etl", Queue = "sfn-events" }], "us-east-1", "123456789012");

    [Fact]
    public async Task HandleMessageAsync_RoutedMessage_StartsAndCompletes()
    {
        var settlement = await _router.HandleMessageAsync(_client, Tokens, "sfn-events", "m-1", """{"job":1}""", Now);

        settlement.DeadLettered.Should().BeFalse();
        _client.Instances.Should().ContainSingle();
    }

    [Fact]
    public async Task HandleMessageAsync_Redelivered_CompletesWithoutStartingAgain()
    {
        await _router.HandleMessageAsync(_client, Tokens, "sfn-events", "m-1", """{"job":1}""", Now);

        var settlement = await _router.HandleMessageAsync(_client, Tokens, "sfn-events", "m-1", """{"job":1}""", Now);

        settlement.DeadLettered.Should().BeFalse();
        settlement.Description.Should().StartWith("duplicate");
        _client.Instances.Should().ContainSingle();
    }

    [Fact]
    public async Task HandleMessageAsync_NoRule_DeadLettersWithNoRoute()
    {
        var settlement = await _router.HandleMessageAsync(_client, Tokens, "other", "m-1", "{}", Now);

        (settlement.DeadLettered, settlement.Reason).Should().Be((true, "NoRoute"));
    }

    [Fact]
    public async Task HandleMessageAsync_CallbackToRunningExecution_RaisesAndCompletes()
    {
        string execution = "arn:aws:states:us-east-1:123456789012:execution:etl:e";
        _client.Instances[execution] = new WorkflowInstance(execution, OrchestratorNames.Execution, WorkflowRuntimeStatus.Running, default, default, null, null, null, null);
        string token = Tokens.Issue(execution, "task-3", Now.AddHours(1));

        var settlement = await _router.HandleMessageAsync(_client, Tokens, "sfn-events", "m-9", $$"""{"taskToken":"{{token}}","error":"Bad","cause":"row 7"}""", Now);

        settlement.DeadLettered.Should().BeFalse();
        var raised = _client.Raised.Should().ContainSingle().Subject;
        var outcome = OrchestrationWire.Read<TaskOutcome>(raised.Payload);
        (raised.EventName, outcome.Error, outcome.Cause).Should().Be(("task-3", "Bad", "row 7"));
        _client.Instances.Should().ContainSingle("a callback starts nothing");
    }

    [Fact]
    public async Task HandleMessageAsync_CallbackRefused_DeadLettersWithTheReason()
    {
        string token = Tokens.Issue("arn:aws:states:us-east-1:123456789012:execution:etl:gone", "task-3", Now.AddHours(1));
        string expired = Tokens.Issue("x", "task-3", Now.AddHours(-1));

        (await _router.HandleMessageAsync(_client, Tokens, "q", "1", $$"""{"taskToken":"{{token}}","output":1}""", Now)).Reason.Should().Be("TaskDoesNotExist");
        (await _router.HandleMessageAsync(_client, Tokens, "q", "2", $$"""{"taskToken":"{{expired}}","output":1}""", Now)).Reason.Should().Be("TaskTimedOut");
        (await _router.HandleMessageAsync(_client, Tokens, "q", "3", """{"taskToken":"v1.x.y","output":1}""", Now)).Reason.Should().Be("InvalidToken");
        (await _router.HandleMessageAsync(_client, null, "q", "4", """{"taskToken":"v1.x.y","output":1}""", Now)).Reason.Should().Be("InvalidMessage");
        _client.Raised.Should().BeEmpty();
    }
}
