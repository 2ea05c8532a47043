using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Server.Executions;

/// <summary>Serves the server's Task states from its task handlers (see <see cref="TaskHandlerRegistry"/>), with one
/// addition: a <c>.waitForTaskToken</c> Task whose resource no handler serves calls nothing and waits for
/// SendTaskSuccess or SendTaskFailure with the token from <c>$$.Task.Token</c>, which whoever reads the execution's
/// history (or an earlier state's output) can answer.</summary>
/// <remarks>Any other Task whose resource has no handler fails with <c>States.Runtime</c> and "No task handler …", exactly
/// as <c>platform run</c> fails it, so a missing handler ends the execution instead of hanging it.</remarks>
internal sealed class ServerTaskDispatcher(TaskHandlerRegistry handlers) : ITaskDispatcher
{
    /// <summary>Gets the handlers.</summary>
    public TaskHandlerRegistry Handlers { get; } = handlers;

    /// <inheritdoc />
    public ValueTask<TaskOutcome> DispatchAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (ResourceInfo.Parse(invocation.Resource).Pattern == IntegrationPattern.WaitForTaskToken && !Handlers.HasHandlerFor(invocation))
        {
            // Submitted without calling anything: the TaskSubmitted event's output is empty.
            return ValueTask.FromResult(TaskOutcome.Success(JObject.Empty));
        }

        var pending = Handlers.DispatchAsync(invocation, cancellationToken);
        return pending.IsCompleted ? pending : OffSocketThreadAsync(pending);
    }

    /// <summary>Awaits a handler that went asynchronous, and goes on from the thread pool.</summary>
    /// <remarks><c>platform serve</c> completes socket operations on the socket threads
    /// (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c>), so a handler that awaited a socket (<c>http:invoke</c>)
    /// resumes on one; the execution goes on from the task's result, and must not hold up that thread's other sockets.</remarks>
    private static async ValueTask<TaskOutcome> OffSocketThreadAsync(ValueTask<TaskOutcome> pending)
    {
        var outcome = await pending;
        if (!Thread.CurrentThread.IsThreadPoolThread)
        {
            await Task.Yield();
        }

        return outcome;
    }
}
