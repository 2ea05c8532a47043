using Platform.Asl.Json;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>Stopping a host mid-execution and opening another on the same file; replay determinism; external events.</summary>
public class RestartAndReplayTests
{
    private const string TaskWaitTask = """
        {"StartAt":"First","States":{
          "First":{"Type":"Task","Resource":"Double","ResultPath":"$.first","Next":"W"},
          "W":{"Type":"Wait","Seconds":3600,"Next":"Second"},
          "Second":{"Type":"Task","Resource":"Square","InputPath":"$.first","ResultPath":"$.second","End":true}}}
        """;

    [Fact]
    public async Task Restart_WhileWaitingOnTimer_FinishesWithoutRerunningCompletedTasks()
    {
        using var fixture = new DurableFixture();
        var orchestrator = Harness.Compile(TaskWaitTask);
        var counter = new CallCounter();
        string id;
        await using (var first = fixture.Open(EquivalenceTests.Handlers(counter), h => h.RegisterStateMachine("Machine", orchestrator)))
        {
            id = await first.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":3}"""));
            await DurableFixture.IdleAsync(first);
            first.GetExecution(id)!.Status.Should().Be(DurableStatus.Running);
            first.GetNextTimer().Should().Be(Harness.Start.AddHours(1));
        }

        counter["Double"].Should().Be(1);
        var second = fixture.Open(EquivalenceTests.Handlers(counter), h => h.RegisterStateMachine("Machine", orchestrator));
        var result = await fixture.DriveAsync(second, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""{"n":3,"first":{"n":6},"second":36}"""));
        counter["Double"].Should().Be(1, "a completed activity is never re-run after a restart");
        counter["Square"].Should().Be(1);
    }

    [Fact]
    public async Task Restart_WhileHandlerBlocks_RunsThatTaskAgainAndFinishes()
    {
        using var fixture = new DurableFixture();
        var orchestrator = Harness.Compile("""
            {"StartAt":"Before","States":{
              "Before":{"Type":"Task","Resource":"Double","Next":"Block"},
              "Block":{"Type":"Task","Resource":"Block","Next":"After"},
              "After":{"Type":"Task","Resource":"Double","End":true}}}
            """);
        var counter = new CallCounter();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<TaskOutcome>();
        string? firstActivityId = null;
        var blocking = EquivalenceTests.Handlers(counter).Register("Block", (invocation, _) =>
        {
            counter.Hit("Block");
            firstActivityId = invocation.ActivityId;
            entered.TrySetResult();
            return new ValueTask<TaskOutcome>(never.Task);
        });

        string id;
        await using (var first = fixture.Open(blocking, h => h.RegisterStateMachine("Machine", orchestrator)))
        {
            id = await first.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":1}"""));
            await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        string? secondActivityId = null;
        var immediate = EquivalenceTests.Handlers(counter).Register("Block", (invocation, _) =>
        {
            counter.Hit("Block");
            secondActivityId = invocation.ActivityId;
            return ValueTask.FromResult(TaskOutcome.Success(invocation.Input));
        });
        var second = fixture.Open(immediate, h => h.RegisterStateMachine("Machine", orchestrator));
        var result = await fixture.DriveAsync(second, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""{"n":4}"""));
        counter["Double"].Should().Be(2, "Before ran once before the restart and After once after it");
        counter["Block"].Should().Be(2, "the task whose result was never committed runs again (at least once)");
        secondActivityId.Should().Be(firstActivityId).And.Be(id + ":1", "the redelivery carries the same idempotency id");
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(0)]
    public async Task Parallel_BranchesFinishingOutOfOrder_ReplayIdentically(int cache)
    {
        using var fixture = new DurableFixture();
        var orchestrator = Harness.Compile("""
            {"StartAt":"Par","States":{"Par":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"A","Next":"A2"},"A2":{"Type":"Task","Resource":"Double","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"B","Next":"B2"},"B2":{"Type":"Task","Resource":"Double","End":true}}}]}}}
            """);
        var counter = new CallCounter();
        var releaseA = new TaskCompletionSource<TaskOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseB = new TaskCompletionSource<TaskOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlers = EquivalenceTests.Handlers(counter)
            .Register("A", (_, _) => new ValueTask<TaskOutcome>(releaseA.Task))
            .Register("B", (_, _) => new ValueTask<TaskOutcome>(releaseB.Task));
        var doubled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handlers.Register("Double", (Func<JNode, JNode>)(input =>
        {
            counter.Hit("Double");
            doubled.TrySetResult();
            return new JObject(["n"], [JNode.From(((JNumber)((JObject)input)["n"]!).Value * 2)]);
        }));
        var host = fixture.Open(handlers, h => h.RegisterStateMachine("Machine", orchestrator), cache);
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));

        // A was scheduled first, but B (and its follow-up) finish first; with cache 0 every episode replays that order.
        releaseB.SetResult(TaskOutcome.Success(JNode.Parse("""{"n":20}""")));
        await doubled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        releaseA.SetResult(TaskOutcome.Success(JNode.Parse("""{"n":10}""")));
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""[{"n":20},{"n":40}]"""));
        host.Journal.CountHistory(id, "TaskCompleted").Should().Be(4);
        counter["Double"].Should().Be(2);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(0)]
    public async Task Parallel_CompletedOutOfOrder_ReplaysIdenticallyAfterRestart(int cache)
    {
        using var fixture = new DurableFixture();
        var orchestrator = Harness.Compile("""
            {"StartAt":"Par","States":{"Par":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"WA","States":{"WA":{"Type":"Wait","Seconds":100,"Next":"A"},"A":{"Type":"Task","Resource":"Square","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"Double","Next":"B2"},"B2":{"Type":"Task","Resource":"Double","End":true}}}]}}}
            """);
        var counter = new CallCounter();
        string id;
        await using (var first = fixture.Open(EquivalenceTests.Handlers(counter), h => h.RegisterStateMachine("Machine", orchestrator), cache))
        {
            id = await first.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":3}"""));
            await DurableFixture.IdleAsync(first);
            first.Journal.CountHistory(id, "TaskCompleted").Should().Be(2, "branch B finished while branch A's timer (scheduled first) waits");
        }

        // The new host replays: timer A scheduled, B done, B2 done, then the timer fires and A runs.
        var second = fixture.Open(EquivalenceTests.Handlers(counter), h => h.RegisterStateMachine("Machine", orchestrator), cache);
        var result = await fixture.DriveAsync(second, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""[9,{"n":12}]"""));
        counter["Double"].Should().Be(2);
        counter["Square"].Should().Be(1);
    }

    [Fact]
    public async Task ChangedOrchestration_FailsWithNondeterminismError()
    {
        using var fixture = new DurableFixture();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<TaskOutcome>();
        var blocking = new TaskHandlerRegistry().Register("Work", (_, _) =>
        {
            entered.TrySetResult();
            return new ValueTask<TaskOutcome>(never.Task);
        });

        string id = "nd-1";
        await using (var first = fixture.Open(blocking, h => h.RegisterOrchestration("Flow", (ctx, input) => CallAsync(ctx, "One"))))
        {
            await first.StartOrchestrationAsync("Flow", id, JObject.Empty);
            await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        var immediate = new TaskHandlerRegistry().Register("Work", (Func<JNode, JNode>)(input => input));
        var second = fixture.Open(immediate, h => h.RegisterOrchestration("Flow", (ctx, input) => CallAsync(ctx, "Two")));
        var result = await fixture.DriveAsync(second, id);

        result.Status.Should().Be(DurableStatus.Failed);
        result.Error.Should().Be("NonDeterministicOrchestration");
        result.Cause.Should().Contain("\"stateName\":\"Two\"").And.Contain("\"stateName\":\"One\"");
    }

    [Fact]
    public async Task ExternalEvent_ResumesTheWaitingOrchestration_AndIsBufferedWhenEarly()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(new TaskHandlerRegistry(), h => h
            .RegisterOrchestration("Approve", async (ctx, input) => await ctx.WaitForExternalEvent<JNode>("approval"))
            .RegisterOrchestration("Later", async (ctx, input) =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(10), CancellationToken.None);
                var first = await ctx.WaitForExternalEvent<JNode>("go");
                var second = await ctx.WaitForExternalEvent<JNode>("go");
                return new JArray([first, second]);
            }));

        await host.StartOrchestrationAsync("Approve", "approve-1", JObject.Empty);
        await DurableFixture.IdleAsync(host);
        host.GetExecution("approve-1")!.Status.Should().Be(DurableStatus.Running);
        (await host.RaiseEventAsync("approve-1", "approval", JNode.Parse("""{"approved":true}"""))).Should().BeTrue();
        var approved = await host.WaitForCompletionAsync("approve-1").WaitAsync(TimeSpan.FromSeconds(30));
        approved.Output.Should().Be(JNode.Parse("""{"approved":true}"""));
        (await host.RaiseEventAsync("approve-1", "approval", JNode.Null)).Should().BeFalse("the execution has ended");

        await host.StartOrchestrationAsync("Later", "later-1", JObject.Empty);
        await DurableFixture.IdleAsync(host);
        await host.RaiseEventAsync("later-1", "go", JNode.From(1));
        await host.RaiseEventAsync("later-1", "go", JNode.From(2));
        var later = await fixture.DriveAsync(host, "later-1");
        later.Output.Should().Be(JNode.Parse("[1,2]"));
    }

    [Fact]
    public async Task ReplaySafeTimeAndGuids_AreTheSameOnReplay()
    {
        var outputs = new List<JNode?>();
        foreach (int cache in new[] { 1000, 0 })
        {
            using var fixture = new DurableFixture();
            var replays = new List<bool>();
            var host = fixture.Open(
                new TaskHandlerRegistry().Register("Work", (Func<JNode, JNode>)(input => input)),
                h => h.RegisterOrchestration("Flow", async (ctx, input) =>
                {
                    var before = ctx.NewGuid();
                    var startedAt = ctx.CurrentUtcDateTime;
                    replays.Add(ctx.IsReplaying);
                    await ctx.CreateTimer(startedAt.AddSeconds(90), CancellationToken.None);
                    var firedAt = ctx.CurrentUtcDateTime;
                    await CallAsync(ctx, "One");
                    var after = ctx.NewGuid();
                    return new JArray([JNode.From(before.ToString()), JNode.From(after.ToString()), JNode.From(startedAt.ToString("O")), JNode.From(firedAt.ToString("O"))]);
                }),
                cache);
            await host.StartOrchestrationAsync("Flow", "guid-1", JObject.Empty);
            var result = await fixture.DriveAsync(host, "guid-1");
            result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
            outputs.Add(result.Output);
            replays[0].Should().BeFalse();
            replays.Skip(1).All(r => r).Should().BeTrue("later episodes replay the start");
            replays.Count.Should().Be(cache == 0 ? 3 : 1);
        }

        outputs[0].Should().Be(outputs[1]);
        var values = (JArray)outputs[0]!;
        values[0].Should().NotBe(values[1]);
        values[2].Should().Be(JNode.From(Harness.Start.ToString("O")));
        values[3].Should().Be(JNode.From(Harness.Start.AddSeconds(90).ToString("O")));
    }

    private static async ValueTask<JNode> CallAsync(OrchestrationContext ctx, string stateName)
    {
        var outcome = await ctx.CallActivityAsync<TaskOutcome>(ActivityNames.ExecuteTask, new TaskInvocation
        {
            StateName = stateName,
            Resource = "Work",
            Input = JObject.Empty,
            ExecutionId = ctx.InstanceId,
        });
        return outcome.Result ?? JNode.Null;
    }

    [Fact]
    public async Task AfterDowntime_TheNextTasksTimeoutCountsFromNow_NotFromWhenTheTimerWasDue()
    {
        // The host is down for two days across a one-hour Wait; the Task after it has a 60 s timeout and a handler that
        // answers only after the clock moves on. Stamping the fired timer with its due time would put that timeout in the past.
        using var fixture = new DurableFixture();
        var orchestrator = Harness.Compile("""
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"Next":"T"},
              "T":{"Type":"Task","Resource":"Double","TimeoutSeconds":60,"End":true}}}
            """);
        string id;
        await using (var first = fixture.Open(EquivalenceTests.Handlers(new CallCounter()), h => h.RegisterStateMachine("Machine", orchestrator)))
        {
            id = await first.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":2}"""));
            await DurableFixture.IdleAsync(first);
        }

        fixture.Clock.SetUtcNow(Harness.Start.AddDays(2));
        var second = fixture.Open(EquivalenceTests.Handlers(new CallCounter()), h => h.RegisterStateMachine("Machine", orchestrator));
        var result = await fixture.DriveAsync(second, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""{"n":4}"""));
    }
}
