using Platform.Asl.Json;
using Platform.Runtime.Durable;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>A task's result and the episode it triggers are committed in one write when the instance's context is cached.</summary>
public class FusedCommitTests
{
    private const string FiveSteps = """
        {"StartAt":"S1","States":{
          "S1":{"Type":"Task","Resource":"Double","Next":"S2"},
          "S2":{"Type":"Task","Resource":"Double","Next":"S3"},
          "S3":{"Type":"Task","Resource":"Double","Next":"S4"},
          "S4":{"Type":"Task","Resource":"Double","Next":"S5"},
          "S5":{"Type":"Task","Resource":"Double","End":true}}}
        """;

    [Theory]
    [InlineData(1000, 6)]
    [InlineData(0, 11)]
    public async Task Each_step_is_one_write_with_the_live_cache_and_two_without(int cache, int writes)
    {
        using var fixture = new DurableFixture();
        var counter = new CallCounter();
        var host = fixture.Open(EquivalenceTests.Handlers(counter), h => h.RegisterStateMachine("Machine", Harness.Compile(FiveSteps)), cache);
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":1}"""));
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""{"n":32}"""));
        counter["Double"].Should().Be(5);

        // The start together with the first episode, then per task its result together with the next episode (the last ends the
        // run); without a cached context each result is written alone and a replaying episode commits what follows.
        host.Writer.Writes.Should().Be(writes);
        host.Journal.LoadHistory(id, 0)!.Events.Select(e => e.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }
}
