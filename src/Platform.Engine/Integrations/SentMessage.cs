namespace Platform.Engine.Integrations;

/// <summary>What sending a message returned.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="SequenceNumber">Its position in the queue (increasing).</param>
/// <param name="Duplicate">Whether an earlier message with the same deduplication id was found, and nothing was enqueued.</param>
public sealed record SentMessage(string MessageId, long SequenceNumber, bool Duplicate);
