using Platform.Asl.Json;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>The history of running executions, and state machines whose definition is chosen per execution.</summary>
public class LiveHistoryAndResolverTests
{
    private const string LongWait = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"Next":"Done"},"Done":{"Type":"Succeed"}}}""";

    private static List<string> Types((IReadOnlyList<JObject> Events, string? NextToken)? page) =>
        page!.Value.Events.Select(e => ((JString)e["type"]!).Value).ToList();

    [Theory]
    [InlineData(1000)]
    [InlineData(0)]
    public async Task GetHistoryPage_RunningExecution_HistorySoFar_AlsoAfterRestart(int cache)
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(new TaskHandlerRegistry(), h => h.RegisterStateMachine("Machine", Harness.Compile(LongWait)), cache);
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"a":1}"""));
        await DurableFixture.IdleAsync(host);

        host.GetHistory(id).Should().BeNull("the stored history is written at the end");
        Types(host.GetHistoryPage(id)).Should().Equal("ExecutionStarted", "WaitStateEntered");
        Types(host.GetHistoryPage(id, reverseOrder: true, maxResults: 1)).Should().Equal("WaitStateEntered");
        await host.DisposeAsync();

        var reopened = fixture.Open(new TaskHandlerRegistry(), h => h.RegisterStateMachine("Machine", Harness.Compile(LongWait)), cache);
        Types(reopened.GetHistoryPage(id)).Should().Equal("ExecutionStarted", "WaitStateEntered");
        reopened.GetHistoryPage("no such execution").Should().BeNull();
    }

    [Fact]
    public async Task RegisterStateMachine_Resolver_EachExecutionKeepsItsDefinition_AcrossRestarts()
    {
        using var fixture = new DurableFixture();
        var definitions = new Dictionary<string, string>
        {
            ["one"] = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"Next":"P"},"P":{"Type":"Pass","Result":"one","End":true}}}""",
            ["two"] = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"Next":"P"},"P":{"Type":"Pass","Result":"two","End":true}}}""",
        };
        var asked = new List<string>();
        StateMachineOrchestrator Resolve(ExecutionInput input)
        {
            lock (asked)
            {
                asked.Add(input.Name);
            }

            return StateMachineOrchestrator.FromText(definitions[input.Name]);
        }

        var host = fixture.Open(new TaskHandlerRegistry(), h => h.RegisterStateMachine("Machine", Resolve), cache: 0);
        string one = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}", "one"));
        string two = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}", "two"));
        await DurableFixture.IdleAsync(host);
        await host.DisposeAsync();

        var reopened = fixture.Open(new TaskHandlerRegistry(), h => h.RegisterStateMachine("Machine", Resolve), cache: 0);
        (await fixture.DriveAsync(reopened, one)).Output.Should().Be(JNode.From("one"));
        (await fixture.DriveAsync(reopened, two)).Output.Should().Be(JNode.From("two"));
        asked.Should().Contain("one").And.Contain("two");
    }

    [Fact]
    public async Task RegisterStateMachine_ResolverThrows_ExecutionFailsWithItsMessage()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(new TaskHandlerRegistry(), h => h.RegisterStateMachine("Machine", _ => throw new InvalidOperationException("revision gone")));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        var ended = await host.WaitForCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(30));
        ended.Status.Should().Be(DurableStatus.Failed);
        ended.Error.Should().Be("States.Runtime");
        ended.Cause.Should().Contain("revision gone");
    }
}
