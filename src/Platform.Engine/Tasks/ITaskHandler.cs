namespace Platform.Engine.Tasks;

/// <summary>Runs the work of a Task state. Return <see cref="TaskOutcome.Failure"/> (or throw) to fail with an ASL error.</summary>
public interface ITaskHandler
{
    /// <summary>Runs one invocation.</summary>
    ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken);
}
