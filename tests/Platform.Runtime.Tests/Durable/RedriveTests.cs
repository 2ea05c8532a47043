using System.Collections.Concurrent;
using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>RedriveExecution on the durable host: a failed, stopped or timed-out execution goes on from the work that did not
/// succeed, with AWS's rules for retries, timeouts, Parallel branches, Map iterations, the Context Object and the history.</summary>
public class RedriveTests
{
    private const string Linear = """
        {"StartAt":"Before","States":{
          "Before":{"Type":"Pass","Parameters":{"count.$":"$$.Execution.RedriveCount"},"ResultPath":"$.before","Next":"First"},
          "First":{"Type":"Task","Resource":"Ok","ResultPath":"$.first","Next":"Flaky"},
          "Flaky":{"Type":"Task","Resource":"Flaky","Parameters":{"count.$":"$$.Execution.RedriveCount"},"ResultPath":"$.flaky","Next":"After"},
          "After":{"Type":"Pass","Parameters":{"count.$":"$$.Execution.RedriveCount","time.$":"$$.Execution.RedriveTime"},"ResultPath":"$.after","End":true}}}
        """;

    private readonly ConcurrentQueue<TaskInvocation> _calls = new();
    private volatile bool _fixed;

    /// <summary>"Ok" echoes its input; "Flaky" fails (Boom) until <see cref="_fixed"/>, then echoes; "Item" fails for odd numbers
    /// until fixed, else doubles.</summary>
    private TaskHandlerRegistry Handlers() => new TaskHandlerRegistry()
        .Register("Ok", (invocation, _) =>
        {
            _calls.Enqueue(invocation);
            return ValueTask.FromResult(TaskOutcome.Success(new JObject(["ok"], [invocation.Input])));
        })
        .Register("Flaky", (invocation, _) =>
        {
            _calls.Enqueue(invocation);
            return ValueTask.FromResult(_fixed ? TaskOutcome.Success(invocation.Input) : TaskOutcome.Failure("Boom", "not fixed yet"));
        })
        .Register("Item", (invocation, _) =>
        {
            _calls.Enqueue(invocation);
            double n = ((JNumber)invocation.Input).Value;
            return ValueTask.FromResult(n % 2 == 1 && !_fixed ? TaskOutcome.Failure("Odd", $"{n} is odd") : TaskOutcome.Success(JNode.From(n * 2)));
        });

    private int Calls(string state) => _calls.Count(c => c.StateName == state);

    private static async Task<DurableExecution> FailAsync(DurableFixture fixture, DurableHost host, string id, DurableStatus expected = DurableStatus.Failed)
    {
        var ended = await fixture.DriveAsync(host, id);
        ended.Status.Should().Be(expected, ended.Cause);
        await DurableFixture.IdleAsync(host);
        return ended;
    }

    private static int JournalEvents(DurableHost host, string id) => host.Journal.LoadHistory(id, 0)!.Events.Count;

    [Theory]
    [InlineData(1000)]
    [InlineData(0)]
    public async Task Redrive_AfterATaskFailed_RerunsOnlyThatTask_AndSucceeds(int cache)
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile(Linear)), cache);
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":1}"""));
        var failed = await FailAsync(fixture, host, id);
        failed.Error.Should().Be("Boom");
        host.GetExecution(id)!.RedriveStatus.Should().Be(DurableExecution.Redrivable);

        _fixed = true;
        var redriveTime = Harness.Start.AddHours(1);
        fixture.Clock.SetUtcNow(redriveTime);
        (await host.RedriveExecutionAsync(id)).Should().Be(redriveTime);
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""
            {"n":1,"before":{"count":0},"first":{"ok":{"n":1,"before":{"count":0}}},"flaky":{"count":1},
             "after":{"count":1,"time":"2024-01-01T01:00:00.000Z"}}
            """));
        result.RedriveCount.Should().Be(1);
        result.RedriveDate.Should().Be(redriveTime);
        Calls("First").Should().Be(1, "a task that succeeded before the failure is not run again");
        Calls("Flaky").Should().Be(2);
        _calls.Last().Attempt.Should().Be(0);
    }

    [Fact]
    public async Task Redrive_ResetsTheRetryCount_SoTheTaskGetsMaxAttemptsAgain()
    {
        using var fixture = new DurableFixture();
        int calls = 0;
        var handlers = new TaskHandlerRegistry().Register("Flaky", (invocation, _) =>
        {
            _calls.Enqueue(invocation);
            return ValueTask.FromResult(Interlocked.Increment(ref calls) <= 3 ? TaskOutcome.Failure("Boom", "call " + calls) : TaskOutcome.Success(JNode.From(calls)));
        });
        var host = fixture.Open(handlers, h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Flaky","States":{"Flaky":{"Type":"Task","Resource":"Flaky","End":true,
              "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":10,"MaxAttempts":1}]}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await FailAsync(fixture, host, id);

        await host.RedriveExecutionAsync(id);
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, "the third call fails but the redriven attempt may be retried once more: " + result.Cause);
        result.Output.Should().Be(JNode.From(4));
        _calls.Select(c => c.Attempt).Should().Equal(0, 1, 0, 1);
    }

    [Fact]
    public async Task Redrive_OfAParallel_RerunsOnlyTheFailedBranch()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Par","States":{"Par":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"Ok","End":true}}},
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"B"},"B":{"Type":"Task","Resource":"Flaky","End":true}}}]}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"x":1}"""));
        await FailAsync(fixture, host, id);
        host.Journal.CountHistory(id, "TimerCreated").Should().Be(1);

        _fixed = true;
        await host.RedriveExecutionAsync(id);
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""[{"ok":{"x":1}},{"x":1}]"""));
        Calls("A").Should().Be(1, "the branch that succeeded is not run again");
        Calls("B").Should().Be(2);
        host.Journal.CountHistory(id, "TimerCreated").Should().Be(1, "the failed branch goes on from its failed Task: its Wait is not run again");
    }

    [Fact]
    public async Task Redrive_OfAMap_RerunsOnlyTheFailedIterations()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Map","States":{"Map":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"Item","States":{
              "Item":{"Type":"Task","Resource":"Item","End":true,"Retry":[{"ErrorEquals":["Odd"],"IntervalSeconds":10,"MaxAttempts":1}]}}}}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("[1,2,3,4]"));
        await FailAsync(fixture, host, id);
        CallsFor(2).Should().Be(1);
        CallsFor(4).Should().Be(1);

        _fixed = true;
        await host.RedriveExecutionAsync(id);
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("[2,4,6,8]"));
        CallsFor(2).Should().Be(1, "iterations that succeeded are not run again");
        CallsFor(4).Should().Be(1);
        CallsFor(1).Should().Be(3, "a failed iteration ran twice (its retry), then once after the redrive");
        CallsFor(3).Should().Be(3);

        int CallsFor(double item) => _calls.Count(c => ((JNumber)c.Input).Value == item);
    }

    [Fact]
    public async Task Redrive_SurvivesAHostRestartRightAfterIt()
    {
        using var fixture = new DurableFixture();
        const string Asl = """
            {"StartAt":"First","States":{
              "First":{"Type":"Task","Resource":"Ok","ResultPath":"$.first","Next":"Flaky"},
              "Flaky":{"Type":"Task","Resource":"Flaky","ResultPath":"$.flaky","Next":"W"},
              "W":{"Type":"Wait","Seconds":3600,"Next":"Done"},
              "Done":{"Type":"Pass","Parameters":{"count.$":"$$.Execution.RedriveCount"},"End":true}}}
            """;
        string id;
        await using (var first = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile(Asl))))
        {
            id = await first.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
            await FailAsync(fixture, first, id);
            _fixed = true;
            await first.RedriveExecutionAsync(id);
        }

        var second = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile(Asl)), cache: 0);
        var result = await fixture.DriveAsync(second, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""{"count":1}"""));
        result.RedriveCount.Should().Be(1);
        Calls("First").Should().Be(1);
        Calls("Flaky").Should().BeInRange(2, 3, "the redriven task runs at least once more (again if the first host stopped before its result was recorded)");
    }

    [Fact]
    public async Task Redrive_KeepsTheHistory_AndAppendsExecutionRedrivenThenTheNewEvents()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile(Linear)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await FailAsync(fixture, host, id);
        var before = host.GetHistory(id)!;
        ((JString)((JObject)before[^1])["type"]!).Value.Should().Be("ExecutionFailed");

        _fixed = true;
        fixture.Clock.SetUtcNow(Harness.Start.AddMinutes(5));
        await host.RedriveExecutionAsync(id);
        var whileRunning = host.GetHistory(id)!;
        var result = await fixture.DriveAsync(host, id);
        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        var after = host.GetHistory(id)!.Cast<JObject>().ToList();

        after.Take(before.Count).Select(e => e.ToString()).Should().Equal(before.Select(e => e.ToString()), "the events before the redrive stay as they were");
        var redriven = after[before.Count];
        redriven.ToString().Should().Be($$$"""
            {"timestamp":"2024-01-01T00:05:00.000Z","type":"ExecutionRedriven","id":{{{before.Count + 1}}},"previousEventId":{{{before.Count}}},"executionRedrivenEventDetails":{"redriveCount":1}}
            """);
        // Read right after the redrive: the history so far (the redriven run may already have ended, its task being free to run).
        whileRunning.Count.Should().BeGreaterThanOrEqualTo(before.Count + 1);
        whileRunning.Select(e => e.ToString()).Should().Equal(after.Take(whileRunning.Count).Select(e => e.ToString()));
        after.Select(e => ((JNumber)e["id"]!).Value).Should().Equal(Enumerable.Range(1, after.Count).Select(i => (double)i));
        after.Should().OnlyContain(e => ((JNumber)e["previousEventId"]!).Value < ((JNumber)e["id"]!).Value);
        after.Skip(before.Count).Select(e => ((JString)e["type"]!).Value).Should().Equal(
            "ExecutionRedriven", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        ((JNumber)after[before.Count + 1]["previousEventId"]!).Value.Should().Be(before.Count + 1, "the rescheduled task follows the redrive");
        after.Count(e => ((JString)e["type"]!).Value == "TaskStateEntered" && e.ToString().Contains("Flaky", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task Redrive_OfAnUnknownRunningOrSucceededExecution_IsRefusedAndChangesNothing()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h
            .RegisterStateMachine("Waits", Harness.Compile("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"End":true}}}"""))
            .RegisterStateMachine("Machine", Harness.Compile("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"Ok","End":true}}}""")));
        string running = await host.StartExecutionAsync("Waits", DurableAssertions.Input("{}", "running") with { StateMachineName = "Waits" });
        string succeeded = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}", "done"));
        (await host.WaitForCompletionAsync(succeeded).WaitAsync(TimeSpan.FromSeconds(30))).Status.Should().Be(DurableStatus.Succeeded);
        await DurableFixture.IdleAsync(host);
        int runningEvents = JournalEvents(host, running), succeededEvents = JournalEvents(host, succeeded);
        var succeededHistory = host.GetHistory(succeeded)!.ToString();

        var unknown = async () => await host.RedriveExecutionAsync("arn:aws:states:us-east-1:123456789012:execution:Machine:nope");
        (await unknown.Should().ThrowAsync<ExecutionOperationException>()).Which.Code.Should().Be(ExecutionOperationException.ExecutionDoesNotExist);
        var whileRunning = async () => await host.RedriveExecutionAsync(running);
        (await whileRunning.Should().ThrowAsync<ExecutionOperationException>().WithMessage("*RUNNING*")).Which.Code.Should().Be(ExecutionOperationException.ExecutionNotRedrivable);
        var afterSuccess = async () => await host.RedriveExecutionAsync(succeeded);
        (await afterSuccess.Should().ThrowAsync<ExecutionOperationException>().WithMessage("*SUCCEEDED*")).Which.Code.Should().Be(ExecutionOperationException.ExecutionNotRedrivable);

        await DurableFixture.IdleAsync(host);
        JournalEvents(host, running).Should().Be(runningEvents);
        JournalEvents(host, succeeded).Should().Be(succeededEvents);
        host.GetHistory(succeeded)!.ToString().Should().Be(succeededHistory);
        host.GetExecution(running)!.Status.Should().Be(DurableStatus.Running);
        var done = host.GetExecution(succeeded)!;
        done.Status.Should().Be(DurableStatus.Succeeded);
        done.RedriveCount.Should().Be(0);
        done.RedriveStatus.Should().Be(DurableExecution.NotRedrivable);
        done.RedriveStatusReason.Should().Be("Execution is SUCCEEDED and cannot be redriven");
        Calls("A").Should().Be(1);
    }

    [Fact]
    public async Task Redrive_AfterTheRedrivablePeriod_IsRefused()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile(Linear)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await FailAsync(fixture, host, id);
        int events = JournalEvents(host, id);

        fixture.Clock.SetUtcNow(Harness.Start.AddDays(15));
        host.GetExecution(id)!.RedriveStatusReason.Should().Be("Execution redrivable period exceeded");
        var late = async () => await host.RedriveExecutionAsync(id);

        (await late.Should().ThrowAsync<ExecutionOperationException>()).Which.Code.Should().Be(ExecutionOperationException.ExecutionNotRedrivable);
        JournalEvents(host, id).Should().Be(events);
        host.GetExecution(id)!.Status.Should().Be(DurableStatus.Failed);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(0)]
    public async Task Redrive_OfAStoppedExecution_GoesOnFromItsWait(int cache)
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"A","States":{
              "A":{"Type":"Task","Resource":"Ok","ResultPath":"$.a","Next":"W"},
              "W":{"Type":"Wait","Seconds":86400,"Next":"B"},
              "B":{"Type":"Task","Resource":"Flaky","Parameters":{"count.$":"$$.Execution.RedriveCount"},"ResultPath":"$.b","End":true}}}
            """)), cache);
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await DurableFixture.IdleAsync(host);
        await host.StopExecutionAsync(id, "Operator.Stop", "pause");
        (await host.WaitForCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(30))).Status.Should().Be(DurableStatus.Aborted);
        host.GetNextTimer().Should().BeNull("the stop dropped the Wait's timer");

        _fixed = true;
        fixture.Clock.SetUtcNow(Harness.Start.AddHours(2));
        await host.RedriveExecutionAsync(id);
        await DurableFixture.IdleAsync(host);
        host.GetExecution(id)!.Status.Should().Be(DurableStatus.Running);
        host.GetNextTimer().Should().Be(Harness.Start.AddDays(1), "the Wait goes on to the time it was waiting for");
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Error.Should().BeNull();
        result.Output.Should().Be(JNode.Parse("""{"a":{"ok":{}},"b":{"count":1}}"""));
        Calls("A").Should().Be(1);
        Calls("B").Should().Be(1);
        var types = host.GetHistory(id)!.Select(e => ((JString)((JObject)e)["type"]!).Value).ToList();
        types.IndexOf("ExecutionAborted").Should().BeLessThan(types.IndexOf("ExecutionRedriven"));
        types.IndexOf("ExecutionRedriven").Should().BeLessThan(types.IndexOf("WaitStateExited"));
    }

    [Fact]
    public async Task Redrive_OfACallbackStoppedWhileWaiting_IssuesANewToken()
    {
        using var fixture = new DurableFixture();
        var tokens = new ConcurrentQueue<string>();
        var handlers = new TaskHandlerRegistry().RegisterResource("arn:aws:states:::sqs:sendMessage", input =>
        {
            tokens.Enqueue(((JString)((JObject)input)["token"]!).Value);
            return JObject.Empty;
        });
        var host = fixture.Open(handlers, h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters":{"token.$":"$$.Task.Token"},"TimeoutSeconds":600,"End":true}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await DurableFixture.IdleAsync(host);
        await host.StopExecutionAsync(id);
        (await host.WaitForCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(30))).Status.Should().Be(DurableStatus.Aborted);
        tokens.TryPeek(out string? old).Should().BeTrue();

        fixture.Clock.SetUtcNow(Harness.Start.AddHours(1));
        await host.RedriveExecutionAsync(id);
        await DurableFixture.IdleAsync(host);

        tokens.Should().HaveCount(2, "the redriven task is scheduled again and its resource gets a new token");
        string fresh = tokens.Last();
        fresh.Should().NotBe(old);
        var stale = async () => await host.SendTaskSuccessAsync(old!, JNode.From("late"));
        (await stale.Should().ThrowAsync<TaskCallbackException>()).Which.Code.Should().Be(TaskCallbackException.TaskTimedOut);
        host.GetNextTimer().Should().Be(Harness.Start.AddHours(1).AddSeconds(600), "TimeoutSeconds counts again from the redrive");
        await host.SendTaskSuccessAsync(fresh, JNode.From("approved"));
        var result = await host.WaitForCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(30));
        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.From("approved"));
    }

    [Fact]
    public async Task Redrive_OfATimedOutExecution_StartsTheMachineTimeoutAgain()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"TimeoutSeconds":60,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":120,"Next":"Done"},"Done":{"Type":"Succeed"}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        var timedOut = await FailAsync(fixture, host, id, DurableStatus.TimedOut);
        timedOut.Error.Should().Be("States.Timeout");

        fixture.Clock.SetUtcNow(Harness.Start.AddSeconds(100));
        await host.RedriveExecutionAsync(id);
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, "the Wait ends at 120 s, before the new deadline (100 + 60 s): " + result.Cause);
        fixture.Clock.GetUtcNow().UtcDateTime.Should().Be(Harness.Start.AddSeconds(120));
    }

    [Theory]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"Ok","Next":"F"},"F":{"Type":"Fail","Error":"Nope","Cause":"always"}}}""")]
    [InlineData("""
        {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"Flaky","Catch":[{"ErrorEquals":["Boom"],"Next":"F"}],"End":true},
          "F":{"Type":"Fail","Error":"Nope","Cause":"always"}}}
        """)]
    public async Task Redrive_OfAFailState_FailsAgain_AndRecordsItAfterExecutionRedriven(string asl)
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile(asl)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await FailAsync(fixture, host, id);
        int before = host.GetHistory(id)!.Count;

        await host.RedriveExecutionAsync(id);
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Failed);
        result.Error.Should().Be("Nope");
        result.RedriveCount.Should().Be(1);
        _fixed.Should().BeFalse();
        Calls("A").Should().Be(1, "the Task state before the Fail state completed (it succeeded, or its failure was caught): it is not run again");
        var types = host.GetHistory(id)!.Skip(before).Select(e => ((JString)((JObject)e)["type"]!).Value);
        types.Should().Equal("ExecutionRedriven", "ExecutionFailed");
        host.GetExecution(id)!.RedriveStatus.Should().Be(DurableExecution.Redrivable, "it can be redriven again");
    }

    [Fact]
    public async Task Redrive_Twice_CountsBothAndKeepsEveryAttemptInTheHistory()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile(Linear)), cache: 0);
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await FailAsync(fixture, host, id);
        await host.RedriveExecutionAsync(id);
        (await FailAsync(fixture, host, id)).RedriveCount.Should().Be(1);

        _fixed = true;
        await host.RedriveExecutionAsync(id);
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.RedriveCount.Should().Be(2);
        ((JObject)((JObject)result.Output!)["after"]!)["count"].Should().Be(JNode.From(2));
        Calls("First").Should().Be(1);
        Calls("Flaky").Should().Be(3);
        var history = host.GetHistory(id)!.Cast<JObject>().ToList();
        history.Select(e => ((JNumber)e["id"]!).Value).Should().Equal(Enumerable.Range(1, history.Count).Select(i => (double)i));
        history.Select(e => ((JString)e["type"]!).Value).Where(t => t.StartsWith("Execution", StringComparison.Ordinal)).Should().Equal(
            "ExecutionStarted", "ExecutionFailed", "ExecutionRedriven", "ExecutionFailed", "ExecutionRedriven", "ExecutionSucceeded");
    }

    [Fact]
    public async Task Redrive_OfAParentWhoseSyncChildFailed_StartsANewChild()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h
            .RegisterStateMachine("Child", Harness.Compile("""{"StartAt":"C","States":{"C":{"Type":"Task","Resource":"Flaky","End":true}}}"""))
            .RegisterStateMachine("Machine", Harness.Compile("""
                {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
                  "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Child","Input":{"x":1}},
                  "OutputPath":"$.Output","End":true}}}
                """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        var failed = await FailAsync(fixture, host, id);
        failed.Error.Should().Be("States.TaskFailed");
        var firstChild = host.ListExecutions("Child").Executions.Should().ContainSingle().Subject;
        firstChild.Status.Should().Be(DurableStatus.Failed);

        _fixed = true;
        await host.RedriveExecutionAsync(id);
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""{"x":1}"""));
        var children = host.ListExecutions("Child").Executions;
        children.Should().HaveCount(2, "the redriven Task starts a new child, as AWS's StartExecution would");
        children.Single(c => c.InstanceId != firstChild.InstanceId).Status.Should().Be(DurableStatus.Succeeded);
        host.GetExecution(firstChild.InstanceId)!.Status.Should().Be(DurableStatus.Failed, "the failed child is not redriven with its parent");
    }
}
