using Platform.Asl.Json;

namespace Platform.Server.Triggers;

/// <summary>An event a trigger rule may route: its id (the idempotency key), what rules match on, and the document the
/// rule's input template reads.</summary>
/// <param name="Id">The event's id: a redelivery carries the same id and starts nothing again.</param>
/// <param name="Document">The JSON the input template's paths read (see <c>docs/triggers.md</c> for each source's fields).</param>
/// <param name="Origin">Where it came from, for the delivery record: <c>upload</c>, <c>inbox</c>, <c>eventgrid</c>, <c>queue</c>.</param>
internal sealed record TriggerEvent(string Id, JObject Document, string Origin)
{
    /// <summary>Gets the container of a created blob, or null.</summary>
    public string? Container { get; init; }

    /// <summary>Gets the key (blob name) of a created blob, or null.</summary>
    public string? Key { get; init; }

    /// <summary>Gets the Event Grid event type, or null for events that did not come through Event Grid.</summary>
    public string? EventType { get; init; }

    /// <summary>Gets the Event Grid subject, or null.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the queue a message was posted to, or null.</summary>
    public string? Queue { get; init; }

    /// <summary>Gets the code of an Event Grid subscription validation event (its <c>SubscriptionValidationEventData</c>), or null.</summary>
    public string? ValidationCode { get; init; }
}
