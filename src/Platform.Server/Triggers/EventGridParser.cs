using Platform.Asl.Json;

namespace Platform.Server.Triggers;

/// <summary>Reads Event Grid deliveries: the EventGridEvent schema (a JSON array) and CloudEvents 1.0 (one event as
/// <c>application/cloudevents+json</c>, or a batch array), into trigger events. Every refusal says which event and field.</summary>
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

        JNode[] items = node switch
        {
            JArray array => [.. array],
            JObject single => [single],
            _ => [],
        };
        if (node is not (JArray or JObject))
        {
            return (null, $"the body must be an array of events (EventGridEvent schema or a CloudEvents batch) or one CloudEvent object, found {node.KindName}");
        }

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

            var (parsed, why) = e.ContainsKey("specversion") ? CloudEvent(e, i) : GridEvent(e, i);
            if (parsed is null)
            {
                return (null, why);
            }

            events.Add(parsed);
        }

        return (events, null);
    }

    private static (TriggerEvent?, string?) GridEvent(JObject e, int index)
    {
        foreach (string field in (ReadOnlySpan<string>)["id", "eventType", "subject", "eventTime", "dataVersion"])
        {
            // Event Grid's own validation event has an empty subject.
            if (e[field] is not JString { Value: var value } || (value.Length == 0 && field != "subject"))
            {
                return (null, $"event [{index}] (EventGridEvent schema) needs the string field '{field}'{Found(e[field])}");
            }
        }

        return (Build("EventGridEvent", Str(e, "id"), Str(e, "eventType"), Str(e, "subject"), e["topic"] as JString, Str(e, "eventTime"), e["data"]), null);
    }

    private static (TriggerEvent?, string?) CloudEvent(JObject e, int index)
    {
        if (e["specversion"] is not JString { Value: "1.0" })
        {
            return (null, $"event [{index}] (CloudEvents) has 'specversion' {e["specversion"]}: only \"1.0\" is supported");
        }

        foreach (string field in (ReadOnlySpan<string>)["id", "source", "type"])
        {
            if (e[field] is not JString { Value.Length: > 0 })
            {
                return (null, $"event [{index}] (CloudEvents 1.0) needs the string field '{field}'{Found(e[field])}");
            }
        }

        foreach (string field in (ReadOnlySpan<string>)["subject", "time"])
        {
            if (e[field] is { } value && value is not JString)
            {
                return (null, $"event [{index}] (CloudEvents 1.0): '{field}' must be a string, found {value.KindName}");
            }
        }

        var data = e["data"] ?? (e["data_base64"] is { } base64 ? base64 : null);
        return (Build("CloudEvent", Str(e, "id"), Str(e, "type"), (e["subject"] as JString)?.Value ?? string.Empty, e["source"] as JString, (e["time"] as JString)?.Value ?? string.Empty, data), null);
    }

    private static TriggerEvent Build(string schema, string id, string type, string subject, JString? source, string time, JNode? data)
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
        var values = new List<JNode> { JNode.From(id), JNode.From(schema), JNode.From(type), JNode.From(subject), (JNode?)source ?? JNode.Null, JNode.From(time), data ?? JNode.Null };
        if (container is not null && key is not null)
        {
            var blob = data as JObject;
            names.AddRange(["container", "name", "key", "fileName", "url", "size", "contentType", "eTag"]);
            values.AddRange([
                JNode.From(container), JNode.From(key), JNode.From(key), JNode.From(key[(key.LastIndexOf('/') + 1)..]),
                blob?["url"] ?? JNode.Null, blob?["contentLength"] ?? JNode.Null, blob?["contentType"] ?? JNode.Null, blob?["eTag"] ?? JNode.Null]);
        }

        return new TriggerEvent(id, new JObject([.. names], [.. values]), "eventgrid")
        {
            EventType = type, Subject = subject, Container = container, Key = key,
        };
    }

    private static string Str(JObject e, string field) => ((JString)e[field]!).Value;

    private static string Found(JNode? value) => value is null ? " (it is missing)" : $" (found {value.KindName} {Clip(value.ToJson())})";

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
