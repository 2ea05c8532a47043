namespace Platform.Engine.Orchestration;

/// <summary>The client port: starts, signals, reads, stops and purges orchestration instances from outside them.</summary>
/// <remarks>
/// Mirrors Durable Task's <c>DurableTaskClient</c> member for member, so the Azure adapter is one call per member.
/// Inputs, event payloads and outputs are wire text (<see cref="OrchestrationWire"/>); the adapter writes an
/// <c>object</c> argument with <see cref="OrchestrationWire.Write"/> and passes the text on.
/// </remarks>
public abstract class WorkflowClient
{
    /// <summary>Starts an instance of <paramref name="orchestratorName"/> (ScheduleNewOrchestrationInstanceAsync).</summary>
    /// <returns>The instance id.</returns>
    public abstract Task<string> ScheduleNewAsync(string orchestratorName, object? input, string? instanceId, CancellationToken cancellationToken = default);

    /// <summary>Raises an external event to an instance (RaiseEventAsync).</summary>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken = default);

    /// <summary>Reads an instance, or null when there is none (GetInstanceAsync).</summary>
    public abstract Task<WorkflowInstance?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of the instances whose ids start with <paramref name="instanceIdPrefix"/>, in one of
    /// <paramref name="statuses"/> (all when null), with their inputs and outputs (GetAllInstancesAsync with an
    /// OrchestrationQuery, first page of AsPages).</summary>
    /// <param name="instanceIdPrefix">The prefix of the instance ids.</param>
    /// <param name="statuses">The statuses to list, or null for all.</param>
    /// <param name="pageSize">The most instances on the page.</param>
    /// <param name="continuationToken">Where the previous page ended, or null for the first.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public abstract Task<WorkflowInstancePage> ListInstancesAsync(
        string instanceIdPrefix, IReadOnlyList<WorkflowRuntimeStatus>? statuses, int pageSize, string? continuationToken, CancellationToken cancellationToken = default);

    /// <summary>Terminates a running instance with an output (TerminateInstanceAsync).</summary>
    public abstract Task TerminateAsync(string instanceId, object? output, CancellationToken cancellationToken = default);

    /// <summary>Purges ended instances created before <paramref name="createdTo"/> in one of <paramref name="statuses"/>,
    /// for at most <paramref name="timeout"/> (PurgeAllInstancesAsync with a partial-purge timeout).</summary>
    public abstract Task<WorkflowPurgeResult> PurgeAllAsync(DateTimeOffset createdTo, IReadOnlyList<WorkflowRuntimeStatus> statuses, TimeSpan? timeout, CancellationToken cancellationToken = default);
}
