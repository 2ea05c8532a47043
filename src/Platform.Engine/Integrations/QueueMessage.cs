namespace Platform.Engine.Integrations;

/// <summary>A message to send.</summary>
public sealed record QueueMessage
{
    /// <summary>Gets the body (text).</summary>
    public required string Body { get; init; }

    /// <summary>Gets the application properties (SQS message attributes, Service Bus application properties).</summary>
    public IReadOnlyDictionary<string, QueueMessageAttribute>? Attributes { get; init; }

    /// <summary>Gets how long the message stays invisible after it is sent (SQS DelaySeconds, Service Bus scheduled enqueue).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Gets the ordering group (SQS MessageGroupId, Service Bus SessionId), or null.</summary>
    public string? GroupId { get; init; }

    /// <summary>Gets the deduplication id (SQS MessageDeduplicationId, Service Bus MessageId with duplicate detection), or null.</summary>
    public string? DeduplicationId { get; init; }
}
