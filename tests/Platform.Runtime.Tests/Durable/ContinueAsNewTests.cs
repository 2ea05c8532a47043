using System.Collections.Concurrent;
using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.InMemory;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>Bounded history: a long loop continues as new between top-level states, so its journal starts over again
/// and again, while the execution (output, variables, Context Object, ASL history) goes on as if nothing happened.</summary>
public class ContinueAsNewTests
{
    private const int Iterations = 60;

    // Each iteration records 9 ASL events (Task 5, Wait 2, Choice 2), so a limit of 40 continues every 4 or 5 iterations.
    private static readonly string Loop = """
        {"StartAt":"Init","States":{
          "Init":{"Type":"Pass","Assign":{"seen":0},"Result":{"n":0},"Next":"Inc"},
          "Inc":{"Type":"Task","Resource":"Increment","Assign":{"seen.$":"States.MathAdd($seen, 1)"},"Next":"Nap"},
          "Nap":{"Type":"Wait","Seconds":1,"Next":"More"},
          "More":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":ITERATIONS,"Next":"Inc"}],"Default":"Done"},
          "Done":{"Type":"Pass","Parameters":{"n.$":"$.n","seen.$":"$seen","start.$":"$$.Execution.StartTime","input.$":"$$.Execution.Input","id.$":"States.UUID()"},"End":true}}}
        """.Replace("ITERATIONS", Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Theory]
    [InlineData(1000)]
    [InlineData(0)]
    public async Task A_long_loop_continues_as_new_and_ends_as_an_uninterrupted_run_does(int cache)
    {
        var orchestrator = Harness.Compile(Loop);
        var expected = await new InMemoryHost(Handlers(new ConcurrentBag<string>()), new InMemoryHostOptions { VirtualTime = true, VirtualStart = Harness.Start })
            .RunAsync(orchestrator, DurableAssertions.Input("""{"order":7}"""));

        using var fixture = new DurableFixture();
        var activityIds = new ConcurrentBag<string>();
        var host = fixture.Open(Handlers(activityIds), h => h.RegisterStateMachine("Machine", orchestrator), cache);
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"order":7}""") with { ContinueAsNewAfterEvents = 40 });
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        var output = (JObject)result.Output!;
        output["n"].Should().Be(JNode.From(Iterations));
        output["seen"].Should().Be(JNode.From(Iterations), "the variables carry over every continuation");
        output["start"].Should().Be(((JObject)expected.Output!)["start"], "$$.Execution.StartTime is the execution's, not the continuation's");
        output["input"].Should().Be(JNode.Parse("""{"order":7}"""), "$$.Execution.Input is the execution's original input");
        output.Without("id").ToString().Should().Be(((JObject)expected.Output!).Without("id").ToString());

        var journal = host.Journal.LoadHistory(id, 0)!;
        journal.Generation.Should().BeGreaterThan(5, "a loop of 60 iterations at 40 events a part continues many times");
        host.Journal.CountHistory(id, HistoryKinds.TaskScheduled).Should().BeLessThan(10, "the last part's journal holds only its own few iterations");

        activityIds.Should().HaveCount(Iterations).And.OnlyHaveUniqueItems("every task of every part has its own stable id");

        // The ASL history is the whole execution, event for event, as the uninterrupted in-memory run recorded it.
        var actual = host.GetHistory(id)!.Select(e => ((JObject)e).ToString()).ToList();
        var wanted = expected.History.Select(e => (JNode)e.ToAwsJson()).Select(e => e.ToString()).ToList();
        actual.Should().HaveCount(wanted.Count);
        for (int i = 0; i < wanted.Count - 2; i++)
        {
            actual[i].Should().Be(wanted[i], $"event {i + 1}");
        }
    }

    [Fact]
    public async Task A_continued_execution_survives_a_restart_in_a_later_generation()
    {
        var orchestrator = Harness.Compile(Loop);
        using var fixture = new DurableFixture();
        var activityIds = new ConcurrentBag<string>();
        string id;
        await using (var first = fixture.Open(Handlers(activityIds), h => h.RegisterStateMachine("Machine", orchestrator)))
        {
            id = await first.StartExecutionAsync("Machine", DurableAssertions.Input("{}") with { ContinueAsNewAfterEvents = 40 });
            for (int step = 0; step < 3 * Iterations / 2 && first.Journal.LoadHistory(id, 0)!.Generation < 3; step++)
            {
                await DurableFixture.IdleAsync(first);
                fixture.Clock.SetUtcNow(first.GetNextTimer() ?? throw new InvalidOperationException("no timer"));
                await first.FireDueTimersAsync();
            }

            // Restart at rest: a task still running when the host stops is abandoned and runs again after the restart
            // (at least once, as on Durable Functions), which is not what this test counts.
            await DurableFixture.IdleAsync(first);
            first.Journal.LoadHistory(id, 0)!.Generation.Should().BeGreaterThanOrEqualTo(3);
            first.GetExecution(id)!.Status.Should().Be(DurableStatus.Running);
        }

        var second = fixture.Open(Handlers(activityIds), h => h.RegisterStateMachine("Machine", orchestrator));
        var result = await fixture.DriveAsync(second, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        ((JObject)result.Output!)["seen"].Should().Be(JNode.From(Iterations));
        activityIds.Should().HaveCount(Iterations).And.OnlyHaveUniqueItems("no task ran twice across the restart");
        var history = second.GetHistory(id)!;
        history.Select(e => ((JNumber)((JObject)e)["id"]!).Value).Should().Equal(Enumerable.Range(1, history.Count).Select(i => (double)i));
    }

    [Fact]
    public async Task Without_a_limit_the_journal_keeps_the_whole_run()
    {
        var orchestrator = Harness.Compile(Loop);
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(new ConcurrentBag<string>()), h => h.RegisterStateMachine("Machine", orchestrator));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}") with { ContinueAsNewAfterEvents = 0 });
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        host.Journal.LoadHistory(id, 0)!.Generation.Should().Be(0);
        host.Journal.CountHistory(id, HistoryKinds.TaskScheduled).Should().Be(Iterations);
    }

    private static TaskHandlerRegistry Handlers(ConcurrentBag<string> activityIds) => new TaskHandlerRegistry()
        .Register("Increment", (invocation, _) =>
        {
            activityIds.Add(invocation.ActivityId ?? "none");
            double n = invocation.Input is JObject o && o["n"] is JNumber number ? number.Value : 0;
            return ValueTask.FromResult(TaskOutcome.Success(new JObject(["n"], [JNode.From(n + 1)])));
        });
}
