namespace Platform.Engine.Orchestration;

/// <summary>Names of the activities the orchestrator calls.</summary>
public static class ActivityNames
{
    /// <summary>Runs one Task state invocation (<see cref="Tasks.TaskInvocation"/> in, <see cref="Tasks.TaskOutcome"/> out).</summary>
    public const string ExecuteTask = "asl-task";

    /// <summary>Stores a chunk of an execution's ASL history (<see cref="ExecutionHistory.Chunk"/> in, <c>null</c> out;
    /// <see cref="ExecutionHistoryStore.WriteAsync"/>).</summary>
    public const string WriteHistory = "asl-history";

    /// <summary>Stops child executions the orchestration no longer waits for (a JSON array of instance ids in, <c>null</c>
    /// out; <see cref="OrchestrationContext.StopSubOrchestrationsAsync"/> on a host whose orchestrations cannot stop
    /// another instance themselves).</summary>
    public const string StopExecutions = "asl-stop";
}
