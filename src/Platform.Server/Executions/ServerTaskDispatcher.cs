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

        return Handlers.DispatchAsync(invocation, cancellationToken);
    }
}
