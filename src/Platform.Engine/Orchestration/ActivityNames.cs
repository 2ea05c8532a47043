namespace Platform.Engine.Orchestration;

/// <summary>Names of the activities the orchestrator calls.</summary>
public static class ActivityNames
{
    /// <summary>Runs one Task state invocation (<see cref="Tasks.TaskInvocation"/> in, <see cref="Tasks.TaskOutcome"/> out).</summary>
    public const string ExecuteTask = "asl-task";
}
