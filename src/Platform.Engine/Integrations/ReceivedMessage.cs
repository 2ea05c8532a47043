namespace Platform.Engine.Integrations;

/// <summary>A message taken from a queue under a lock.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="Body">Its body.</param>
/// <param name="Attributes">Its application properties.</param>
/// <param name="LockToken">The token that completes or abandons this delivery.</param>
/// <param name="DeliveryCount">How many times it was delivered, this time included.</param>
/// <param name="EnqueuedAt">When it was sent.</param>
/// <param name="LockedUntil">When the lock expires and the message becomes visible again.</param>
/// <param name="GroupId">Its ordering group, or null.</param>
public sealed record ReceivedMessage(
    string MessageId, string Body, IReadOnlyDictionary<string, QueueMessageAttribute> Attributes, string LockToken, int DeliveryCount,
    DateTimeOffset EnqueuedAt, DateTimeOffset LockedUntil, string? GroupId);
