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
    DateTime UpdatedAt);
