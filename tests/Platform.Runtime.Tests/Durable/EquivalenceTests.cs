using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.InMemory;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>The durable host gives the same results as the in-memory host, with the live cache on and with full replay
/// every episode, and runs each task exactly once when nothing crashes.</summary>
public class EquivalenceTests
{
    public static readonly TheoryData<string, string, string> Workflows = new()
    {
        {
            "PassTaskChoiceWait",
            """
            {"StartAt":"P","States":{
              "P":{"Type":"Pass","Result":{"n":3},"ResultPath":"$.cfg","Next":"T"},
              "T":{"Type":"Task","Resource":"Double","InputPath":"$.cfg","ResultPath":"$.doubled","Next":"C"},
              "C":{"Type":"Choice","Choices":[{"Variable":"$.doubled.n","NumericGreaterThan":5,"Next":"W"}],"Default":"F"},
              "W":{"Type":"Wait","Seconds":30,"Next":"Done"},
              "Done":{"Type":"Succeed"},
              "F":{"Type":"Fail","Error":"Small","Cause":"too small"}}}
            """,
            """{"id":1}"""
        },
        {
            "ChoiceToFail",
            """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"Double","ResultPath":"$.doubled","Next":"C"},
              "C":{"Type":"Choice","Choices":[{"Variable":"$.doubled.n","NumericGreaterThan":5,"Next":"Done"}],"Default":"F"},
              "Done":{"Type":"Succeed"},
              "F":{"Type":"Fail","Error":"Small","Cause":"too small"}}}
            """,
            """{"n":1}"""
        },
        {
            "Parallel",
            """
            {"StartAt":"Par","States":{
              "Par":{"Type":"Parallel","End":true,"Branches":[
                {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"Double","Next":"WA"},"WA":{"Type":"Wait","Seconds":20,"End":true}}},
                {"StartAt":"WB","States":{"WB":{"Type":"Wait","Seconds":5,"Next":"B"},"B":{"Type":"Task","Resource":"Square","End":true}}},
                {"StartAt":"C","States":{"C":{"Type":"Pass","Result":"constant","End":true}}}]}}}
            """,
            """{"n":4}"""
        },
        {
            "MapWithConcurrency",
            """
            {"StartAt":"M","States":{
              "M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"ResultPath":"$.squares","End":true,
                "ItemProcessor":{"StartAt":"Shape","States":{
                  "Shape":{"Type":"Pass","Parameters":{"n.$":"$"},"Next":"W"},
                  "W":{"Type":"Wait","Seconds":3,"Next":"Sq"},
                  "Sq":{"Type":"Task","Resource":"Square","End":true}}}}}}
            """,
            """{"items":[1,2,3,4,5]}"""
        },
        {
            "RetryAndCatch",
            """
            {"StartAt":"Flaky","States":{
              "Flaky":{"Type":"Task","Resource":"Flaky","ResultPath":"$.flaky","Next":"Broken",
                "Retry":[{"ErrorEquals":["Transient"],"IntervalSeconds":2,"BackoffRate":2,"MaxAttempts":3}]},
              "Broken":{"Type":"Task","Resource":"Broken","Next":"Unreachable",
                "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1,"MaxAttempts":1}],
                "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.caught","Next":"Recovered"}]},
              "Unreachable":{"Type":"Fail","Error":"No"},
              "Recovered":{"Type":"Pass","End":true}}}
            """,
            """{"n":2}"""
        },
        {
            "MachineTimeout",
            """
            {"StartAt":"W","TimeoutSeconds":10,"States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}
            """,
            "{}"
        },
    };

    [Theory]
    [MemberData(nameof(Workflows))]
    public async Task Durable_SameResultAsInMemory_WithCacheAndWithFullReplay(string name, string asl, string input)
    {
        var orchestrator = Harness.Compile(asl);
        var memoryCounter = new CallCounter();
        var inMemory = await new InMemoryHost(Handlers(memoryCounter), new InMemoryHostOptions { VirtualTime = true, VirtualStart = Harness.Start })
            .RunAsync(orchestrator, DurableAssertions.Input(input));

        foreach (int cache in new[] { 1000, 0 })
        {
            using var fixture = new DurableFixture();
            var counter = new CallCounter();
            var host = fixture.Open(Handlers(counter), h => h.RegisterStateMachine("Machine", orchestrator), cache);
            string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input(input));
            var durable = await fixture.DriveAsync(host, id);

            durable.Status.ToString().Should().Be(inMemory.Status.ToString(), $"{name} (cache {cache}): {durable.Error} {durable.Cause}");
            durable.Output.Should().Be(inMemory.Output, $"{name} (cache {cache})");
            durable.Error.Should().Be(inMemory.Error);
            durable.Cause.Should().Be(inMemory.Cause);
            durable.Input.Should().Be(JNode.Parse(input));

            // The ASL history has the same events, timestamps (replay-safe time) and details. Sequential machines match event
            // for event; concurrent branches may interleave differently (tasks finish later than in memory), as on AWS.
            var expected = inMemory.History.Select(e => e.ToAwsJson()).ToList();
            var actual = host.GetHistory(id)!.Select(e => (JObject)e).ToList();
            if (asl.Contains("Parallel", StringComparison.Ordinal) || asl.Contains("Map", StringComparison.Ordinal))
            {
                actual.Select(WithoutIds).Order(StringComparer.Ordinal).Should().Equal(expected.Select(WithoutIds).Order(StringComparer.Ordinal), $"{name} (cache {cache})");
            }
            else
            {
                actual.Select(e => e.ToString()).Should().Equal(expected.Select(e => e.ToString()), $"{name} (cache {cache})");
            }
            foreach (string handler in new[] { "Double", "Square", "Flaky", "Broken" })
            {
                counter[handler].Should().Be(memoryCounter[handler], $"{name}: {handler} runs once per attempt (cache {cache})");
            }

            host.Journal.CountHistory(id, "TaskScheduled").Should().Be(host.Journal.CountHistory(id, "TaskCompleted"), "every scheduled task completed exactly once");
        }
    }

    private static string WithoutIds(JObject e) => e.Without("id").Without("previousEventId").ToString();

    [Fact]
    public async Task ManyExecutions_ShareCommits()
    {
        using var fixture = new DurableFixture();
        var orchestrator = Harness.Compile("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Double","Next":"T2"},"T2":{"Type":"Task","Resource":"Double","End":true}}}""");
        var counter = new CallCounter();
        var host = fixture.Open(Handlers(counter), h => h.RegisterStateMachine("Machine", orchestrator));
        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => host.StartExecutionAsync("Machine", DurableAssertions.Input($$"""{"n":{{i}}}""", "e" + i))));
        var results = await Task.WhenAll(ids.Select(id => host.WaitForCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(30))));

        results.Should().OnlyContain(r => r.Status == DurableStatus.Succeeded);
        results.Select(r => r.Output).Should().BeEquivalentTo(Enumerable.Range(0, 40).Select(i => JNode.Parse($$"""{"n":{{i * 4}}}""")));
        counter["Double"].Should().Be(80);
        host.Writer.Transactions.Should().BeLessThan(host.Writer.Writes, "concurrent executions' writes are grouped into shared transactions");
    }

    internal static TaskHandlerRegistry Handlers(CallCounter counter) => new TaskHandlerRegistry()
        .Register("Double", (Func<JNode, JNode>)(input =>
        {
            counter.Hit("Double");
            return new JObject(["n"], [JNode.From(((JNumber)((JObject)input)["n"]!).Value * 2)]);
        }))
        .Register("Square", (Func<JNode, JNode>)(input =>
        {
            counter.Hit("Square");
            double n = ((JNumber)((JObject)input)["n"]!).Value;
            return JNode.From(n * n);
        }))
        .Register("Flaky", (invocation, _) =>
        {
            counter.Hit("Flaky");
            return ValueTask.FromResult(invocation.Attempt < 2 ? TaskOutcome.Failure("Transient", "attempt " + invocation.Attempt) : TaskOutcome.Success(JNode.From(invocation.Attempt)));
        })
        .Register("Broken", (Func<JNode, TaskOutcome>)(_ =>
        {
            counter.Hit("Broken");
            return TaskOutcome.Failure("Broken.Always", "it never works");
        }));
}
