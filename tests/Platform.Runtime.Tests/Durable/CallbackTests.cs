using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>.waitForTaskToken on the durable host: SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat verify the token
/// and resume the execution; a forged, expired or used token gets a clear error and changes nothing.</summary>
public class CallbackTests
{
    private const string Approval = """
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters":{"QueueUrl":"approvals","MessageBody":{"token.$":"$$.Task.Token","order.$":"$.order"}},
                 TIMERS
                 "ResultPath":"$.decision",
                 "Catch":[{"ErrorEquals":["Rejected"],"ResultPath":"$.why","Next":"Rejected"}],"Next":"Done"},
          "Done":{"Type":"Succeed"},
          "Rejected":{"Type":"Fail","Error":"Rejected","Cause":"the approver said no"}}}
        """;

    private readonly List<string> _tokens = [];

    private TaskHandlerRegistry Handlers() => new TaskHandlerRegistry().RegisterResource("arn:aws:states:::sqs:sendMessage", input =>
    {
        lock (_tokens)
        {
            _tokens.Add(((JString)((JObject)((JObject)input)["MessageBody"]!)["token"]!).Value);
        }

        return JNode.Parse("""{"MessageId":"m-1"}""");
    });

    private string LastToken()
    {
        lock (_tokens)
        {
            return _tokens[^1];
        }
    }

    private async Task<(DurableFixture Fixture, DurableHost Host, string Id)> StartAsync(string timers = "")
    {
        var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile(Approval.Replace("TIMERS", timers, StringComparison.Ordinal))));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"order":"o-7"}"""));
        await DurableFixture.IdleAsync(host);
        host.GetExecution(id)!.Status.Should().Be(DurableStatus.Running);
        return (fixture, host, id);
    }

    [Fact]
    public async Task SendTaskSuccess_ResumesTheExecution_AndTheTokenCannotBeUsedAgain()
    {
        var (fixture, host, id) = await StartAsync();
        using var _ = fixture;
        string token = LastToken();
        host.TaskTokens.Verify(token, Harness.Start).ExecutionId.Should().Be(id);

        await host.SendTaskSuccessAsync(token, JNode.Parse("""{"approved":true}"""));
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""{"order":"o-7","decision":{"approved":true}}"""));
        var again = async () => await host.SendTaskSuccessAsync(token, JNode.Parse("{}"));
        (await again.Should().ThrowAsync<TaskCallbackException>()).Which.Code.Should().Be(TaskCallbackException.TaskTimedOut);
    }

    [Fact]
    public async Task An_answer_sent_while_the_resource_is_still_being_invoked_is_accepted()
    {
        // A fast worker answers before the send even returns: the wait opened before the resource was invoked.
        using var fixture = new DurableFixture();
        DurableHost? host = null;
        var handlers = new TaskHandlerRegistry().RegisterResource(
            "arn:aws:states:::sqs:sendMessage",
            new DelegateHandler(async invocation =>
            {
                string token = ((JString)((JObject)((JObject)invocation.Input)["MessageBody"]!)["token"]!).Value;
                await host!.SendTaskSuccessAsync(token, JNode.Parse("\"fast\""));
                return TaskOutcome.Success(JNode.Parse("""{"MessageId":"m-2"}"""));
            }));
        host = fixture.Open(handlers, h => h.RegisterStateMachine("Machine", Harness.Compile(Approval.Replace("TIMERS", string.Empty, StringComparison.Ordinal))));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"order":"o-1"}"""));

        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""{"order":"o-1","decision":"fast"}"""));
    }

    private sealed class DelegateHandler(Func<TaskInvocation, Task<TaskOutcome>> invoke) : ITaskHandler
    {
        public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) => await invoke(invocation);
    }

    [Fact]
    public async Task A_second_answer_before_the_first_is_processed_is_refused()
    {
        var (fixture, host, id) = await StartAsync();
        using var _ = fixture;
        string token = LastToken();

        // Both calls land before any episode runs the first: the journal sees the answer on its way and refuses the second.
        var first = host.SendTaskSuccessAsync(token, JNode.Parse("1"));
        var second = host.SendTaskFailureAsync(token, "Rejected", "too late");
        await first;
        var refused = async () => await second;
        (await refused.Should().ThrowAsync<TaskCallbackException>()).Which.Code.Should().Be(TaskCallbackException.TaskTimedOut);

        (await fixture.DriveAsync(host, id)).Output.Should().Be(JNode.Parse("""{"order":"o-7","decision":1}"""));
    }

    [Fact]
    public async Task SendTaskFailure_FailsTheTask_WithItsErrorAndCause()
    {
        var (fixture, host, id) = await StartAsync();
        using var _ = fixture;

        await host.SendTaskFailureAsync(LastToken(), "Rejected", "over budget");
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Failed);
        result.Error.Should().Be("Rejected");
        result.Cause.Should().Be("the approver said no");
    }

    [Fact]
    public async Task A_forged_token_is_refused_and_changes_nothing()
    {
        var (fixture, host, id) = await StartAsync();
        using var _ = fixture;
        string token = LastToken();
        var other = new TaskTokens(System.Text.Encoding.UTF8.GetBytes("an attacker's key of thirty-two bytes or more"));
        string forged = other.Issue(id, host.TaskTokens.Verify(token, Harness.Start).WaitId!, Harness.Start.AddDays(1));

        var act = async () => await host.SendTaskSuccessAsync(forged, JNode.Parse("""{"approved":true}"""));
        var error = (await act.Should().ThrowAsync<TaskCallbackException>()).Which;
        error.Code.Should().Be(TaskCallbackException.InvalidToken);
        error.Message.Should().Contain("signature does not match");

        await DurableFixture.IdleAsync(host);
        host.GetExecution(id)!.Status.Should().Be(DurableStatus.Running, "a refused token changes nothing");
        await host.SendTaskSuccessAsync(token, JNode.Parse("true"));
        (await fixture.DriveAsync(host, id)).Status.Should().Be(DurableStatus.Succeeded);
    }

    [Fact]
    public async Task TimeoutSeconds_FailsTheTask_ThenTheTokenIsRefused()
    {
        var (fixture, host, id) = await StartAsync("\"TimeoutSeconds\":60,");
        using var _ = fixture;
        string token = LastToken();

        var result = await fixture.DriveAsync(host, id);

        result.Error.Should().Be("States.Timeout");
        var late = async () => await host.SendTaskSuccessAsync(token, JNode.Parse("{}"));
        (await late.Should().ThrowAsync<TaskCallbackException>()).Which.Code.Should().Be(TaskCallbackException.TaskTimedOut);
    }

    [Fact]
    public async Task Heartbeats_KeepTheTaskAlive_UntilOneIsMissed()
    {
        var (fixture, host, id) = await StartAsync("\"TimeoutSeconds\":100,\"HeartbeatSeconds\":10,");
        using var _ = fixture;
        string token = LastToken();

        // A heartbeat at 8 s moves the heartbeat deadline to 18 s, so the timer due at 10 s no longer ends the task.
        fixture.Clock.SetUtcNow(Harness.Start.AddSeconds(8));
        await host.SendTaskHeartbeatAsync(token);
        await DurableFixture.IdleAsync(host);
        fixture.Clock.SetUtcNow(Harness.Start.AddSeconds(16));
        await host.FireDueTimersAsync();
        await DurableFixture.IdleAsync(host);
        host.GetExecution(id)!.Status.Should().Be(DurableStatus.Running);

        var result = await fixture.DriveAsync(host, id);
        result.Error.Should().Be("States.Timeout");
        fixture.Clock.GetUtcNow().UtcDateTime.Should().Be(Harness.Start.AddSeconds(18), "the missed heartbeat ended the task");
    }

    [Fact]
    public async Task A_token_stays_valid_across_a_restart()
    {
        using var fixture = new DurableFixture();
        var orchestrator = Harness.Compile(Approval.Replace("TIMERS", string.Empty, StringComparison.Ordinal));
        string id;
        await using (var first = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", orchestrator)))
        {
            id = await first.StartExecutionAsync("Machine", DurableAssertions.Input("""{"order":"o-9"}"""));
            await DurableFixture.IdleAsync(first);
        }

        var second = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", orchestrator));
        await second.SendTaskSuccessAsync(LastToken(), JNode.Parse("\"yes\""));
        var result = await fixture.DriveAsync(second, id);

        result.Output.Should().Be(JNode.Parse("""{"order":"o-9","decision":"yes"}"""));
        _tokens.Should().HaveCount(1, "the message with the token was sent once");
    }

    [Fact]
    public async Task A_callback_waits_for_days_across_a_restart_then_resumes()
    {
        using var fixture = new DurableFixture();
        var orchestrator = Harness.Compile(Approval.Replace("TIMERS", "\"TimeoutSeconds\":864000,", StringComparison.Ordinal));
        string id;
        await using (var first = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", orchestrator)))
        {
            id = await first.StartExecutionAsync("Machine", DurableAssertions.Input("""{"order":"o-3"}"""));
            await DurableFixture.IdleAsync(first);
        }

        // Three simulated days pass with the runtime down; the ten-day timeout is still ahead.
        fixture.Clock.SetUtcNow(Harness.Start.AddDays(3));
        var second = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", orchestrator));
        await second.FireDueTimersAsync();
        await DurableFixture.IdleAsync(second);
        second.GetExecution(id)!.Status.Should().Be(DurableStatus.Running);

        await second.SendTaskSuccessAsync(LastToken(), JNode.Parse("""{"approved":true}"""));
        var result = await fixture.DriveAsync(second, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""{"order":"o-3","decision":{"approved":true}}"""));
        var succeeded = second.GetHistory(id)!.Cast<JObject>().Single(e => e["type"] is JString { Value: "TaskSucceeded" });
        succeeded["timestamp"].Should().Be(JNode.From("2024-01-04T00:00:00.000Z"), "the answer came three days in");
    }

    [Theory]
    [InlineData("\"HeartbeatSeconds\":3600,", "a missed heartbeat")]
    [InlineData("\"TimeoutSeconds\":86400,", "the timeout")]
    public async Task Heartbeat_expiry_and_timeout_take_their_Catch_paths(string timers, string what)
    {
        using var fixture = new DurableFixture();
        var orchestrator = Harness.Compile("""
            {"StartAt":"Ask","States":{
              "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters":{"MessageBody":{"token.$":"$$.Task.Token"}},TIMERS
                     "Catch":[{"ErrorEquals":["States.Timeout"],"ResultPath":"$.timedOut","Next":"Escalate"}],"End":true},
              "Escalate":{"Type":"Pass","Result":"escalated","ResultPath":"$.next","End":true}}}
            """.Replace("TIMERS", timers, StringComparison.Ordinal));
        var host = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", orchestrator));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));

        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, what);
        result.Output.Should().Be(JNode.Parse("""{"timedOut":{"Error":"States.Timeout","Cause":""},"next":"escalated"}"""), what);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    public async Task Malformed_tokens_are_InvalidToken(string token)
    {
        var (fixture, host, _) = await StartAsync();
        using var __ = fixture;

        var act = async () => await host.SendTaskHeartbeatAsync(token);
        (await act.Should().ThrowAsync<TaskCallbackException>()).Which.Code.Should().Be(TaskCallbackException.InvalidToken);
    }
}
