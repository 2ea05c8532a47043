using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;
using Platform.Server.Approvals;

namespace Platform.Server.Tests.Azure;

public sealed class CallbackLinksTests
{
    private const string Execution = "arn:aws:states:us-east-1:1:execution:approval:e1";
    private static readonly DateTime Now = new(2026, 8, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TaskTokens Tokens = new(new byte[32]);
    private readonly FakeWorkflowClient _client = new();
    private readonly string _token = Tokens.Issue(Execution, "task-7", Now.AddDays(1));

    public CallbackLinksTests() =>
        _client.Instances[Execution] = new WorkflowInstance(Execution, OrchestratorNames.Execution, WorkflowRuntimeStatus.Running, default, default, null, null, null, null);

    [Fact]
    public async Task HandleAsync_Get_ShowsTheFormAndChangesNothing()
    {
        var (status, html) = await CallbackLinks.HandleAsync(_client, Tokens, "GET", _token, "approve", null, Now);

        status.Should().Be(200);
        html.Should().Contain("<form method=\"post\">");
        _client.Raised.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleAsync_PostReject_RaisesTheWaitWithTheDecision()
    {
        var (status, html) = await CallbackLinks.HandleAsync(_client, Tokens, "POST", _token, "reject", "too <b>big</b>", Now);

        status.Should().Be(200);
        html.Should().Contain("Rejected");
        var raised = _client.Raised.Should().ContainSingle().Subject;
        raised.EventName.Should().Be("task-7");
        OrchestrationWire.Read<TaskOutcome>(raised.Payload).Result!.ToString().Should().Be("""{"approved":false,"comment":"too <b>big</b>"}""");
    }

    [Fact]
    public async Task HandleAsync_ExpiredForgedOrEnded_SaysSoAndRaisesNothing()
    {
        (await CallbackLinks.HandleAsync(_client, Tokens, "POST", _token, "approve", null, Now.AddDays(2))).Status.Should().Be(410);
        (await CallbackLinks.HandleAsync(_client, Tokens, "POST", _token + "x", "approve", null, Now)).Status.Should().Be(400);
        _client.Instances[Execution] = _client.Instances[Execution] with { RuntimeStatus = WorkflowRuntimeStatus.Completed };
        var (status, html) = await CallbackLinks.HandleAsync(_client, Tokens, "POST", _token, "approve", null, Now);

        status.Should().Be(410);
        html.Should().Contain("already used");
        _client.Raised.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleAsync_PostWithoutDecision_IsRefused()
    {
        (await CallbackLinks.HandleAsync(_client, Tokens, "POST", _token, "maybe", null, Now)).Status.Should().Be(400);
        _client.Raised.Should().BeEmpty();
    }
}
