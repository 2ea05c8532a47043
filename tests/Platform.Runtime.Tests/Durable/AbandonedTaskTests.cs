using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>A task still running when its execution ends is cancelled through its handler's token, and nothing it returns
/// afterwards is recorded.</summary>
public class AbandonedTaskTests
{
    [Fact]
    public async Task Stopping_an_execution_cancels_its_running_task()
    {
        using var fixture = new DurableFixture();
        var started = new TaskCompletionSource();
        var cancelled = new TaskCompletionSource();
        var handlers = new TaskHandlerRegistry().Register("Slow", async (invocation, token) =>
        {
            using var registration = token.Register(() => cancelled.TrySetResult());
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return TaskOutcome.Success(JNode.True);
        });
        var host = fixture.Open(handlers, h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"Slow","End":true}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        (await host.StopExecutionAsync(id, "Operator.Stop", "no longer needed")).Should().BeTrue();
        var ended = await host.WaitForCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(30));
        ended.Status.Should().Be(DurableStatus.Aborted);

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await DurableFixture.IdleAsync(host);
        host.Journal.CountHistory(id, HistoryKinds.TaskCompleted).Should().Be(0, "the cancelled task's result is not recorded");
        host.GetExecution(id)!.Status.Should().Be(DurableStatus.Aborted);
    }
}
