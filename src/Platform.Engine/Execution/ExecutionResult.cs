using Platform.Asl.Json;
using Platform.Engine.History;

namespace Platform.Engine.Execution;

/// <summary>How an execution ended: output, or error and cause; and its history.</summary>
/// <param name="Status">The final status.</param>
/// <param name="Output">The output when it succeeded.</param>
/// <param name="Error">The error name when it failed or timed out (null when a Fail state names none).</param>
/// <param name="Cause">The cause, if any.</param>
/// <param name="History">The history events (empty when history was off).</param>
public sealed record ExecutionResult(ExecutionStatus Status, JNode? Output, string? Error, string? Cause, IReadOnlyList<HistoryEvent> History);
