using Platform.Asl.Json;

namespace Platform.Runtime.Durable;

/// <summary>A durable execution's status as stored: what a client sees.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Orchestration">The registered orchestration (state machine) name.</param>
/// <param name="Status">The status.</param>
/// <param name="Input">The input (for state machines, the execution input's <c>Input</c>).</param>
/// <param name="Output">The output when it succeeded.</param>
/// <param name="Error">The error name when it failed or timed out.</param>
/// <param name="Cause">The cause, if any.</param>
/// <param name="CustomStatus">The last custom status the orchestration set, as JSON text.</param>
/// <param name="CreatedAt">When it started (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record DurableExecution(
    string InstanceId,
    string Orchestration,
    DurableStatus Status,
    JNode Input,
    JNode? Output,
    string? Error,
    string? Cause,
    string? CustomStatus,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>AWS's <c>redriveStatus</c> of an execution that RedriveExecution would accept.</summary>
    public const string Redrivable = "REDRIVABLE";

    /// <summary>AWS's <c>redriveStatus</c> of an execution that RedriveExecution would refuse.</summary>
    public const string NotRedrivable = "NOT_REDRIVABLE";

    /// <summary>Gets how many times the execution was redriven (AWS's <c>redriveCount</c>).</summary>
    public int RedriveCount { get; init; }

    /// <summary>Gets when the execution was last redriven (UTC; AWS's <c>redriveDate</c>), or null.</summary>
    public DateTime? RedriveDate { get; init; }

    /// <summary>Gets whether RedriveExecution would accept the execution now: <see cref="Redrivable"/> or
    /// <see cref="NotRedrivable"/> (AWS's <c>redriveStatus</c>); set by <see cref="DurableHost.GetExecution"/>, null in lists.</summary>
    public string? RedriveStatus { get; init; }

    /// <summary>Gets why the execution cannot be redriven (AWS's <c>redriveStatusReason</c>), when it cannot.</summary>
    public string? RedriveStatusReason { get; init; }
}
