using Platform.Asl.Json;

namespace Platform.Engine.Integrations;

/// <summary>An event to publish (EventBridge entry, CloudEvent on Event Grid).</summary>
/// <param name="Bus">The event bus or topic name.</param>
/// <param name="Source">Who emits it (EventBridge <c>Source</c>, CloudEvents <c>source</c>).</param>
/// <param name="Type">What happened (EventBridge <c>DetailType</c>, CloudEvents <c>type</c>).</param>
/// <param name="Data">The payload (EventBridge <c>Detail</c>, CloudEvents <c>data</c>).</param>
/// <param name="Time">When it happened (UTC).</param>
/// <param name="Resources">The resources it concerns (EventBridge <c>Resources</c>; a CloudEvents extension on Azure).</param>
public sealed record OutgoingEvent(string Bus, string Source, string Type, JNode Data, DateTimeOffset Time, IReadOnlyList<string> Resources);
