using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Server.Executions;

namespace Platform.Server.Tests.Api;

public sealed class TaskDispatchThreadTests
{
    [Fact]
    public async Task AHandlerResumedOnAThreadOutsideThePool_HandsTheExecutionToThePool()
    {
        // As a handler that awaited a socket resumes on the socket thread when sockets complete inline.
        var result = new TaskCompletionSource<TaskOutcome>(); // continuations run on whichever thread completes it
        var handlers = new TaskHandlerRegistry().Register("Slow", (_, _) => new ValueTask<TaskOutcome>(result.Task));
        var dispatcher = new ServerTaskDispatcher(handlers);

        var pending = dispatcher.DispatchAsync(Invocation("Slow"), CancellationToken.None).AsTask();
        var socketThread = new Thread(() => result.SetResult(TaskOutcome.Success(JNode.From(1)))) { IsBackground = true };
        socketThread.Start();
        bool onPool = await pending.ContinueWith(_ => Thread.CurrentThread.IsThreadPoolThread, TaskContinuationOptions.ExecuteSynchronously);

        onPool.Should().BeTrue("the execution goes on from the pool, not from the thread that completed the handler");
        (await pending).Result.Should().Be(JNode.From(1));
    }

    [Fact]
    public async Task AHandlerDoneAtOnce_IsReturnedAsItIs()
    {
        var handlers = new TaskHandlerRegistry().Register("Fast", (JNode input) => input);
        var pending = new ServerTaskDispatcher(handlers).DispatchAsync(Invocation("Fast"), CancellationToken.None);

        pending.IsCompletedSuccessfully.Should().BeTrue();
        (await pending).Result.Should().Be(JNode.Parse("{\"n\":1}"));
    }

    private static TaskInvocation Invocation(string function) => new()
    {
        StateName = "S",
        Resource = $"arn:aws:lambda:us-east-1:123456789012:function:{function}",
        Input = JNode.Parse("""{"n":1}"""),
        ExecutionId = "exec",
        ActivityId = "exec:1",
    };
}
