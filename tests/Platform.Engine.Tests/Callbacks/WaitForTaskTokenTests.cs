using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;
using Platform.Engine.Tests.Support;

namespace Platform.Engine.Tests.Callbacks;

public sealed class WaitForTaskTokenTests
{
    private static readonly DateTime Start = new(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TaskTokens Tokens = new(Encoding.UTF8.GetBytes("the callback tests' key, 32 bytes or more"));

    private const string Machine = """
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token","order.$":"$.order"}},
                 TIMERS
                 "Catch":[{"ErrorEquals":["Declined"],"ResultPath":"$.why","Next":"Declined"}],"End":true},
          "Declined":{"Type":"Pass","End":true}}}
        """;

    private readonly List<JNode> _sent = [];
    private readonly TaskCompletionSource _firstSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TaskHandlerRegistry Handlers() => new TaskHandlerRegistry().RegisterResource("arn:aws:states:::sqs:sendMessage", input =>
    {
        lock (_sent)
        {
            _sent.Add(input);
        }

        _firstSent.TrySetResult();

        return JNode.Parse("""{"MessageId":"m-1"}""");
    });

    private static (ScriptedContext Context, Task<ExecutionResult> Run) Start_(string timers, TaskHandlerRegistry handlers, WorkflowType type = WorkflowType.Standard, TaskTokens? tokens = null)
    {
        var orchestrator = StateMachineOrchestrator.FromText(Machine.Replace("TIMERS", timers, StringComparison.Ordinal));
        var context = new ScriptedContext(handlers, Start);
        var input = new ExecutionInput { Input = JNode.Parse("""{"order":"o-7"}"""), Type = type, TaskTokens = tokens ?? Tokens };
        return (context, orchestrator.RunAsync(context, input).AsTask());
    }

    private string SentToken()
    {
        // The wait opens before the resource is invoked, so wait for the invocation too.
        _firstSent.Task.Wait(TimeSpan.FromSeconds(10));
        lock (_sent)
        {
            return ((JString)((JObject)((JObject)_sent.Single())["MessageBody"]!)["token"]!).Value;
        }
    }

    [Fact]
    public async Task SendTaskSuccess_resumes_the_task_with_its_output()
    {
        var (context, run) = Start_(string.Empty, Handlers());
        string wait = await context.NextAsync("wait ");

        var check = Tokens.Verify(SentToken(), Start);
        check.IsValid.Should().BeTrue(check.Reason);
        check.ExecutionId.Should().Be(context.InstanceId);
        wait.Should().Be("wait " + check.WaitId);

        context.Raise(check.WaitId!, TaskOutcome.Success(JNode.Parse("""{"approved":true}"""))).Should().BeTrue();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        result.Output!.ToString().Should().Be("""{"approved":true}""");
        result.History.Select(e => e.Type).Should().ContainInOrder("TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded");
    }

    [Fact]
    public async Task SendTaskFailure_fails_the_task_with_its_error_and_cause()
    {
        var (context, run) = Start_(string.Empty, Handlers());
        await context.NextAsync("wait ");

        context.Raise(Tokens.Verify(SentToken(), Start).WaitId!, TaskOutcome.Failure("Declined", "no budget"));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        result.Output!.ToString().Should().Be("""{"order":"o-7","why":{"Error":"Declined","Cause":"no budget"}}""");
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_wait_with_States_Timeout()
    {
        var (context, run) = Start_("\"TimeoutSeconds\":30,", Handlers());
        await context.NextAsync("timer 30");

        context.AdvanceTo(30);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        result.Error.Should().Be("States.Timeout");
        result.History.Select(e => e.Type).Should().Contain("TaskTimedOut");
    }

    [Fact]
    public async Task Each_heartbeat_rearms_the_heartbeat_timer_until_one_is_missed()
    {
        var (context, run) = Start_("\"TimeoutSeconds\":100,\"HeartbeatSeconds\":5,", Handlers());
        await context.NextAsync("timer 5");
        string waitId = Tokens.Verify(SentToken(), Start).WaitId!;

        context.AdvanceTo(4);
        context.Raise(waitId + TaskTokens.HeartbeatEventSuffix, null).Should().BeTrue();
        await context.NextAsync("timer 9");

        context.AdvanceTo(8);
        run.IsCompleted.Should().BeFalse("the heartbeat at 4 s moved the deadline to 9 s");

        context.AdvanceTo(9);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));
        result.Error.Should().Be("States.Timeout");
    }

    [Fact]
    public async Task An_express_execution_refuses_callbacks_as_AWS_does()
    {
        var (_, run) = Start_(string.Empty, Handlers(), WorkflowType.Express);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        result.Error.Should().Be("States.Runtime");
        result.Cause.Should().EndWith("Express state machine does not support '.waitForTaskToken' service integration");
        _sent.Should().BeEmpty();
    }

    [Fact]
    public async Task A_standard_host_without_a_key_says_so()
    {
        var orchestrator = StateMachineOrchestrator.FromText(Machine.Replace("TIMERS", string.Empty, StringComparison.Ordinal));
        var result = await orchestrator.RunAsync(new ScriptedContext(Handlers(), Start), new ExecutionInput { Type = WorkflowType.Standard });

        result.Cause.Should().Contain("no task-token key configured");
    }
}
