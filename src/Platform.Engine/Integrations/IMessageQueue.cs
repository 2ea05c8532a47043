namespace Platform.Engine.Integrations;

/// <summary>Durable message queues: send; and, for consumers, receive under a lock, then complete or abandon.</summary>
/// <remarks>
/// One member per operation of Azure Service Bus queues (send, peek-lock receive, complete, abandon) and of SQS (send,
/// receive with a visibility timeout, delete, change visibility to 0), so either backs it one-to-one. A message whose lock
/// expires is delivered again (at least once).
/// </remarks>
public interface IMessageQueue
{
    /// <summary>Sends a message. A repeated <see cref="QueueMessage.DeduplicationId"/> within the store's window enqueues
    /// nothing and returns the first message's id.</summary>
    ValueTask<SentMessage> SendAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>Takes the oldest visible message and locks it for <paramref name="lockDuration"/>; null when none is visible.</summary>
    ValueTask<ReceivedMessage?> ReceiveAsync(string queue, TimeSpan lockDuration, CancellationToken cancellationToken = default);

    /// <summary>Removes a received message. Throws <see cref="QueueException"/> with <see cref="QueueError.LockLost"/> when its
    /// lock expired (it may have been delivered again).</summary>
    ValueTask CompleteAsync(string queue, string lockToken, CancellationToken cancellationToken = default);

    /// <summary>Releases a received message's lock so it is delivered again at once (throws as <see cref="CompleteAsync"/>).</summary>
    ValueTask AbandonAsync(string queue, string lockToken, CancellationToken cancellationToken = default);
}
