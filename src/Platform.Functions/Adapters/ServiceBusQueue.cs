using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Platform.Engine.Integrations;

namespace Platform.Functions.Adapters;

/// <summary>The queue port over Azure Service Bus, for sending (the SQS-like integration). Receiving on Azure is the
/// Service Bus trigger's job, so the receive side of the port is not served here.</summary>
/// <param name="client">The namespace's client (identity-based).</param>
internal sealed class ServiceBusQueue(ServiceBusClient client) : IMessageQueue
{
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<SentMessage> SendAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        var sender = _senders.GetOrAdd(queue, client.CreateSender);
        var outgoing = new ServiceBusMessage(message.Body) { MessageId = message.DeduplicationId ?? Guid.NewGuid().ToString("N"), SessionId = message.GroupId };
        foreach (var (name, attribute) in message.Attributes ?? new Dictionary<string, QueueMessageAttribute>())
        {
            outgoing.ApplicationProperties[name] = attribute.Value;
        }

        if (message.Delay > TimeSpan.Zero)
        {
            long sequence = await sender.ScheduleMessageAsync(outgoing, DateTimeOffset.UtcNow + message.Delay, cancellationToken);
            return new SentMessage(outgoing.MessageId, sequence, false);
        }

        await sender.SendMessageAsync(outgoing, cancellationToken);
        return new SentMessage(outgoing.MessageId, 0, false);
    }

    /// <inheritdoc />
    public ValueTask<ReceivedMessage?> ReceiveAsync(string queue, TimeSpan lockDuration, CancellationToken cancellationToken = default) => throw NotHere();

    /// <inheritdoc />
    public ValueTask CompleteAsync(string queue, string lockToken, CancellationToken cancellationToken = default) => throw NotHere();

    /// <inheritdoc />
    public ValueTask AbandonAsync(string queue, string lockToken, CancellationToken cancellationToken = default) => throw NotHere();

    private static NotSupportedException NotHere() =>
        new("On Azure, Service Bus messages are received by the app's Service Bus trigger, not through the queue port.");
}
