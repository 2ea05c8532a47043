namespace Platform.Engine.Integrations;

/// <summary>What happened to one published event: its id, or why it was refused.</summary>
/// <param name="EventId">The id given to the event, when it was accepted.</param>
/// <param name="ErrorCode">Why it was refused (EventBridge's <c>ErrorCode</c>), or null.</param>
/// <param name="ErrorMessage">The refusal in words, or null.</param>
public sealed record EventPublishResult(string? EventId, string? ErrorCode, string? ErrorMessage)
{
    /// <summary>Gets a value indicating whether the event was accepted.</summary>
    public bool IsSuccess => ErrorCode is null;

    /// <summary>An accepted event.</summary>
    public static EventPublishResult Accepted(string eventId) => new(eventId, null, null);

    /// <summary>A refused event.</summary>
    public static EventPublishResult Refused(string errorCode, string errorMessage) => new(null, errorCode, errorMessage);
}
