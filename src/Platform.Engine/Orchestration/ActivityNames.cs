namespace Platform.Engine.Orchestration;

/// <summary>Names of the activities the orchestrator calls.</summary>
public static class ActivityNames
{
    /// <summary>Runs one Task state invocation (<see cref="Tasks.TaskInvocation"/> in, <see cref="Tasks.TaskOutcome"/> out).</summary>
    public const string ExecuteTask = "asl-task";
}

/// <summary>Names of the external events the orchestrator and its hosts exchange.</summary>
public static class OrchestrationEvents
{
    /// <summary>Asks a state machine execution to stop (StopExecution, or a Map Run that is given up stopping its child
    /// executions); the payload is <c>{"error", "cause"}</c>, both optional.</summary>
    public const string Stop = "$stop";
}
