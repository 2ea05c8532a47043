namespace Platform.Engine.Tasks;

/// <summary>The activity side of a Task: routes an invocation to whatever serves its resource.</summary>
public interface ITaskDispatcher
{
    /// <summary>Runs one invocation; never throws for handler failures (they become failed outcomes).</summary>
    ValueTask<TaskOutcome> DispatchAsync(TaskInvocation invocation, CancellationToken cancellationToken);
}
