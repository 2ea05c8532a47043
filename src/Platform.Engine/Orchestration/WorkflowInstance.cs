namespace Platform.Engine.Orchestration;

/// <summary>An orchestration instance as a client reads it (Durable's <c>OrchestrationMetadata</c>).</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Name">The orchestration's name.</param>
/// <param name="RuntimeStatus">The host's status of the instance.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LastUpdatedAt">When it last changed.</param>
/// <param name="Input">Its input as wire text, when read with inputs and outputs.</param>
/// <param name="Output">Its output as wire text, when read with inputs and outputs and it completed.</param>
/// <param name="FailureErrorType">The failure's exception type name, when the orchestration itself failed.</param>
/// <param name="FailureErrorMessage">The failure's message, when the orchestration itself failed.</param>
public sealed record WorkflowInstance(
    string InstanceId,
    string Name,
    WorkflowRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? Input,
    string? Output,
    string? FailureErrorType,
    string? FailureErrorMessage)
{
    /// <summary>Gets its custom status as wire text, when read with inputs and outputs and it set one.</summary>
    public string? CustomStatus { get; init; }
}

/// <summary>One page of instances (Durable's <c>Page&lt;OrchestrationMetadata&gt;</c>).</summary>
/// <param name="Instances">The instances on the page.</param>
/// <param name="ContinuationToken">Where the next page starts, or null after the last.</param>
public sealed record WorkflowInstancePage(IReadOnlyList<WorkflowInstance> Instances, string? ContinuationToken);

/// <summary>The host's status of an orchestration instance (Durable's <c>OrchestrationRuntimeStatus</c>, same names).</summary>
public enum WorkflowRuntimeStatus
{
    /// <summary>Running.</summary>
    Running,

    /// <summary>Returned normally (the ASL outcome is in its output).</summary>
    Completed,

    /// <summary>Continued as new (obsolete in Durable; a continued instance reports Running).</summary>
    ContinuedAsNew,

    /// <summary>The orchestration itself threw.</summary>
    Failed,

    /// <summary>Canceled (obsolete in Durable).</summary>
    Canceled,

    /// <summary>Terminated by a client.</summary>
    Terminated,

    /// <summary>Scheduled, not started yet.</summary>
    Pending,

    /// <summary>Suspended by a client.</summary>
    Suspended,
}

/// <summary>What one purge round did (Durable's <c>PurgeResult</c>).</summary>
/// <param name="PurgedInstanceCount">How many instances it purged.</param>
/// <param name="IsComplete">Whether it purged everything that matched; false when its timeout cut it short; null when the host does not say.</param>
public sealed record WorkflowPurgeResult(int PurgedInstanceCount, bool? IsComplete);
