namespace Platform.Engine.Integrations;

/// <summary>Publishes events to named buses (EventBridge event buses, Event Grid topics).</summary>
/// <remarks>Each event succeeds or fails on its own, as EventBridge's PutEvents and Event Grid's batch publish report.</remarks>
public interface IEventPublisher
{
    /// <summary>Publishes a batch; the results are in the order of <paramref name="events"/>.</summary>
    ValueTask<IReadOnlyList<EventPublishResult>> PublishAsync(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken = default);
}
