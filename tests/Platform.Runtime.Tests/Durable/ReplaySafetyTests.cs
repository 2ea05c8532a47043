using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>Values that would differ on every evaluation (time, GUIDs, random numbers) are replay-safe on the durable host:
/// an orchestration replayed from its journal schedules exactly what it scheduled the first time.</summary>
public class ReplaySafetyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task Jsonata_now_uuid_and_random_and_the_JSONPath_intrinsics_replay_identically(int cache)
    {
        // With the cache off, every episode replays the whole history: a task input that changed would be nondeterminism.
        using var fixture = new DurableFixture();
        var seen = new List<JNode>();
        var handlers = new TaskHandlerRegistry().Register("Echo", input =>
        {
            lock (seen)
            {
                seen.Add(input);
            }

            return input;
        });
        var orchestrator = Harness.Compile("""
            {"StartAt":"First","States":{
              "First":{"Type":"Task","Resource":"Echo","QueryLanguage":"JSONata","Arguments":{"now":"{% $now() %}","millis":"{% $millis() %}","uuid":"{% $uuid() %}","random":"{% $random() %}"},"Next":"Wait"},
              "Wait":{"Type":"Wait","Seconds":60,"Next":"Second"},
              "Second":{"Type":"Task","Resource":"Echo","QueryLanguage":"JSONata","Arguments":{"uuid":"{% $uuid() %}","first":"{% $states.input %}"},"Next":"Third"},
              "Third":{"Type":"Pass","Parameters":{"uuid.$":"States.UUID()","random.$":"States.MathRandom(0, 1000)"},"Next":"Fourth"},
              "Fourth":{"Type":"Task","Resource":"Echo","End":true}}}
            """);
        var host = fixture.Open(handlers, h => h.RegisterStateMachine("Machine", orchestrator), cache);
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));

        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        seen.Should().HaveCount(3, "each task ran once");
        var first = (JObject)seen[0];
        first["now"].Should().Be(JNode.From("2024-01-01T00:00:00.000Z"), "$now() is the orchestration's replay-safe time");
        ((JNumber)first["random"]!).Value.Should().BeInRange(0, 1);
        ((JObject)seen[1])["uuid"].Should().NotBe(first["uuid"], "each call gets a new GUID");
    }
}
