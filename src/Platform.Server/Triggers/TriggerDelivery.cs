using Platform.Asl.Json;

namespace Platform.Server.Triggers;

/// <summary>What one rule did with one event.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="EventId">The event's id.</param>
/// <param name="Status"><c>started</c>, <c>duplicate</c> (an earlier delivery of this event id started it) or <c>failed</c>.</param>
/// <param name="ExecutionArn">The execution started (or started earlier), when there is one.</param>
/// <param name="Reason">Why it failed, or null.</param>
internal sealed record TriggerDelivery(string Rule, string EventId, string Status, string? ExecutionArn, string? Reason)
{
    public const string Started = "started";
    public const string Duplicate = "duplicate";
    public const string Failed = "failed";

    public JObject ToJson() => new(
        ["rule", "eventId", "status", "executionArn", "reason"],
        [JNode.From(Rule), JNode.From(EventId), JNode.From(Status), ExecutionArn is null ? JNode.Null : JNode.From(ExecutionArn), Reason is null ? JNode.Null : JNode.From(Reason)]);
}
