using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;
using Platform.Runtime.InMemory;

namespace Platform.Runtime.Tests.Engine;

public class RunawayTests
{
    private const string Loop = """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"End"}],"Default":"A"},"End":{"Type":"Succeed"}}}""";

    [Fact]
    public async Task RunAsync_EndlessLoop_FailsAtTheHistoryEventQuota()
    {
        var host = new InMemoryHost(new TaskHandlerRegistry(), new InMemoryHostOptions { VirtualTime = true });
        var result = await host.RunAsync(Harness.Compile(Loop), new ExecutionInput { MaxHistoryEvents = 25_000 });
        result.ShouldFailWith("States.Runtime", "maximum number of history events (25000)");
    }

    [Fact]
    public async Task RunAsync_EndlessLoopCancelled_IsAborted()
    {
        using var cancellation = new CancellationTokenSource();
        var host = new InMemoryHost(
            new TaskHandlerRegistry().Register("Tick", (_, _) =>
            {
                cancellation.Cancel();
                return ValueTask.FromResult(TaskOutcome.Success(JObject.Empty));
            }),
            new InMemoryHostOptions { VirtualTime = true });
        var loop = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Tick","Next":"A"},"A":{"Type":"Pass","Next":"T"}}}""";
        var result = await host.RunAsync(Harness.Compile(loop), new ExecutionInput { MaxHistoryEvents = int.MaxValue }, cancellation.Token);
        result.Status.Should().Be(ExecutionStatus.Aborted);
        result.EventTypes().Should().EndWith("ExecutionAborted");
    }
}
