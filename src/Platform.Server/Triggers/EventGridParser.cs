using System.Globalization;
using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using Platform.Asl.Json;

namespace Platform.Server.Triggers;

/// <summary>Reads Event Grid deliveries: the EventGridEvent schema (a JSON array) and CloudEvents 1.0 (one event as
/// <c>application/cloudevents+json</c>, or a batch array), into trigger events.</summary>
/// <remarks>The events are read by Azure's own parsers (<see cref="EventGridEvent.ParseMany(BinaryData)"/>,
/// <see cref="CloudEvent.ParseMany(BinaryData, bool)"/>) and their system events by <c>TryGetSystemEventData</c>
/// (<see cref="SubscriptionValidationEventData"/>, <see cref="StorageBlobCreatedEventData"/>), as the Azure Functions app
/// reads them. The body is checked first, element by element, so that a refusal says which event, which field and why
/// (the SDK's own exceptions name neither the event nor always the field); what the SDK still refuses is reported with
/// the event's index and its message.</remarks>
internal static class EventGridParser
{
    /// <summary>Event Grid's blob-created event type.</summary>
    public const string BlobCreated = "Microsoft.Storage.BlobCreated";

    /// <summary>Event Grid's subscription validation event type.</summary>
    public const string SubscriptionValidation = "Microsoft.EventGrid.SubscriptionValidationEvent";

    private const string BlobSubjectPrefix = "/blobServices/default/containers/";

    /// <summary>Parses a delivery body, or returns why it is refused.</summary>
    public static (IReadOnlyList<TriggerEvent>? Events, string? Error) Parse(string body)
    {
        var node = JsonParser.TryParse(body, out var error);
        if (node is null)
        {
            return (null, $"the body is not JSON: {error?.Message}");
        }

        if (node is not (JArray or JObject))
        {
            return (null, $"the body must be an array of events (EventGridEvent schema or a CloudEvents batch) or one CloudEvent object, found {node.KindName}");
        }

        JNode[] items = node is JArray array ? [.. array] : [node];
        if (items.Length == 0)
        {
            return (null, "the body holds no events: an empty array");
        }

        var events = new List<TriggerEvent>(items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] is not JObject e)
            {
                return (null, $"event [{i}] must be an object, found {items[i].KindName}");
            }

            bool cloud = e.ContainsKey("specversion");
            string? why = cloud ? CheckCloudEvent(e, i) : CheckGridEvent(e, i);
            if (why is not null)
            {
                return (null, why);
            }

            try
            {
                var data = BinaryData.FromString(e.ToJson());
                events.Add(cloud ? FromCloudEvent(CloudEvent.ParseMany(data).Single(), e.ContainsKey("data_base64"), e.ContainsKey("time")) : FromGridEvent(EventGridEvent.ParseMany(data).Single()));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or InvalidOperationException or NotSupportedException)
            {
                return (null, $"event [{i}] ({(cloud ? "CloudEvents 1.0" : "EventGridEvent schema")}) cannot be read: {ex.Message}");
            }
            catch (InvalidSystemEventDataException ex)
            {
                return (null, $"event [{i}] ({(cloud ? "CloudEvents 1.0" : "EventGridEvent schema")}): {ex.Message}");
            }
        }

        return (events, null);
    }

    private static string? CheckGridEvent(JObject e, int index)
    {
        foreach (string field in (ReadOnlySpan<string>)["id", "eventType", "subject", "eventTime", "dataVersion"])
        {
            // Event Grid's own validation event has an empty subject.
            if (e[field] is not JString { Value: var value } || (value.Length == 0 && field != "subject"))
            {
                return $"event [{index}] (EventGridEvent schema) needs the string field '{field}'{Found(e[field])}";
            }
        }

        string time = ((JString)e["eventTime"]!).Value;
        if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            return $"event [{index}] (EventGridEvent schema): 'eventTime' must be an ISO 8601 date and time, found \"{Clip(time)}\"";
        }

        return e["topic"] is { } topic && topic is not JString
            ? $"event [{index}] (EventGridEvent schema): 'topic' must be a string, found {topic.KindName}"
            : null;
    }

    private static string? CheckCloudEvent(JObject e, int index)
    {
        if (e["specversion"] is not JString { Value: "1.0" })
        {
            return $"event [{index}] (CloudEvents) has 'specversion' {e["specversion"]}: only \"1.0\" is supported";
        }

        foreach (string field in (ReadOnlySpan<string>)["id", "source", "type"])
        {
            if (e[field] is not JString { Value.Length: > 0 })
            {
                return $"event [{index}] (CloudEvents 1.0) needs the string field '{field}'{Found(e[field])}";
            }
        }

        foreach (string field in (ReadOnlySpan<string>)["subject", "time", "datacontenttype", "dataschema", "data_base64"])
        {
            if (e[field] is { } value && value is not JString)
            {
                return $"event [{index}] (CloudEvents 1.0): '{field}' must be a string, found {value.KindName}";
            }
        }

        if (e["time"] is JString { Value: var time } && !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            return $"event [{index}] (CloudEvents 1.0): 'time' must be an RFC 3339 date and time, found \"{Clip(time)}\"";
        }

        if (e.ContainsKey("data") && e.ContainsKey("data_base64"))
        {
            return $"event [{index}] (CloudEvents 1.0) has both 'data' and 'data_base64': send one";
        }

        return e["data_base64"] is JString { Value: var base64 } && !IsBase64(base64)
            ? $"event [{index}] (CloudEvents 1.0): 'data_base64' is not base64, found \"{Clip(base64)}\""
            : null;
    }

    private static TriggerEvent FromGridEvent(EventGridEvent e)
    {
        JNode? data = Data(e.Data);
        string? validationCode = null;
        StorageBlobCreatedEventData? blob = null;
        if (IsSystem(e.EventType) && e.TryGetSystemEventData(out object? system))
        {
            validationCode = (system as SubscriptionValidationEventData)?.ValidationCode;
            blob = system as StorageBlobCreatedEventData;
        }

        if (string.Equals(e.EventType, SubscriptionValidation, StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(validationCode))
        {
            throw new InvalidSystemEventDataException($"the subscription validation event '{e.Id}' has no string 'data.validationCode'");
        }

        return Build("EventGridEvent", e.Id, e.EventType, e.Subject ?? string.Empty, e.Topic, Time(e.EventTime), data, blob, validationCode);
    }

    private static TriggerEvent FromCloudEvent(CloudEvent e, bool base64, bool timed)
    {
        // Binary data (data_base64) stays base64 text in the document: a state machine carries text. An absent 'time' stays
        // absent (the SDK fills in the current time).
        JNode? data = base64 && e.Data is not null ? JNode.From(Convert.ToBase64String(e.Data.ToArray())) : Data(e.Data);
        StorageBlobCreatedEventData? blob = null;
        if (IsSystem(e.Type) && e.TryGetSystemEventData(out object? system))
        {
            blob = system as StorageBlobCreatedEventData;
        }

        return Build("CloudEvent", e.Id, e.Type, e.Subject ?? string.Empty, e.Source, timed && e.Time is { } time ? Time(time) : string.Empty, data, blob, null);
    }

    private static TriggerEvent Build(
        string schema, string id, string type, string subject, string? source, string time, JNode? data, StorageBlobCreatedEventData? blob, string? validationCode)
    {
        string? container = null;
        string? key = null;
        if (string.Equals(type, BlobCreated, StringComparison.OrdinalIgnoreCase) && subject.StartsWith(BlobSubjectPrefix, StringComparison.Ordinal))
        {
            string rest = subject[BlobSubjectPrefix.Length..];
            int blobs = rest.IndexOf("/blobs/", StringComparison.Ordinal);
            if (blobs > 0 && blobs + "/blobs/".Length < rest.Length)
            {
                container = rest[..blobs];
                key = rest[(blobs + "/blobs/".Length)..];
            }
        }

        var names = new List<string> { "id", "schema", "eventType", "subject", "source", "time", "data" };
        var values = new List<JNode> { JNode.From(id), JNode.From(schema), JNode.From(type), JNode.From(subject), source is null ? JNode.Null : JNode.From(source), JNode.From(time), data ?? JNode.Null };
        if (container is not null && key is not null)
        {
            names.AddRange(["container", "name", "key", "fileName", "url", "size", "contentType", "eTag"]);
            values.AddRange([
                JNode.From(container), JNode.From(key), JNode.From(key), JNode.From(key[(key.LastIndexOf('/') + 1)..]),
                Text(blob?.Url), blob?.ContentLength is { } size ? JNode.From(size) : JNode.Null, Text(blob?.ContentType), Text(blob?.ETag)]);
        }

        return new TriggerEvent(id, new JObject([.. names], [.. values]), "eventgrid")
        {
            EventType = type, Subject = subject, Container = container, Key = key, ValidationCode = validationCode,
        };
    }

    private static bool IsSystem(string type) =>
        string.Equals(type, SubscriptionValidation, StringComparison.OrdinalIgnoreCase) || string.Equals(type, BlobCreated, StringComparison.OrdinalIgnoreCase);

    /// <summary>The event's data as JSON (absent, or JSON <c>null</c>, is null).</summary>
    private static JNode? Data(BinaryData? data)
    {
        if (data is null || data.ToMemory().IsEmpty)
        {
            return null;
        }

        var node = JsonParser.TryParse(data.ToString(), out _);
        return node ?? JNode.From(data.ToString());
    }

    private static bool IsBase64(string text)
    {
        Span<byte> buffer = new byte[((text.Length * 3) / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static JNode Text(string? value) => value is null ? JNode.Null : JNode.From(value);

    private static string Found(JNode? value) => value is null ? " (it is missing)" : $" (found {value.KindName} {Clip(value.ToJson())})";

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>A system event whose data does not hold what its type promises.</summary>
    private sealed class InvalidSystemEventDataException(string message) : Exception(message);
}
