using System.Globalization;
using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Engine.Integrations.Services;

/// <summary><c>arn:aws:states:::events:putEvents</c> (and <c>.waitForTaskToken</c>) on an <see cref="IEventPublisher"/>:
/// <c>Entries</c> in, <c>Entries</c> and <c>FailedEntryCount</c> out; a refused entry fails the task with
/// <c>EventBridge.FailedEntry</c> and the response as the cause.</summary>
internal sealed class EventBridgeIntegration(IEventPublisher? publisher, TimeProvider time) : ITaskHandler
{
    private static readonly string[] Fields = ["Entries"];
    private static readonly string[] EntryFields = ["Detail", "DetailType", "Source", "EventBusName", "Resources", "Time", "TraceHeader"];

    public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var request = IntegrationRequest.Read(invocation, Fields, IntegrationPattern.WaitForTaskToken);
        if (request.Resource.Name != "putEvents")
        {
            throw request.Invalid($"The EventBridge action '{request.Resource.Name}' is not built in; supported: putEvents.");
        }

        var events = publisher ?? throw request.Invalid("The events:putEvents integration has no event publisher configured (IntegrationServices.Events).");
        if (request.Parameters["Entries"] is not JArray entries)
        {
            throw request.Invalid($"The 'Entries' parameter of events:putEvents is required and must be an array, found {request.Parameters["Entries"]?.KindName ?? "none"}.");
        }

        if (entries.Count is 0 or > 10)
        {
            return TaskOutcome.Failure("EventBridge.AmazonEventBridgeException",
                $"1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and 10 (found {entries.Count})"
                + AwsResults.SdkV1Suffix("AmazonEventBridge", 400, "ValidationException", invocation));
        }

        var outgoing = new List<OutgoingEvent>(entries.Count);
        var refused = new Dictionary<int, EventPublishResult>();
        for (int i = 0; i < entries.Count; i++)
        {
            if (Entry(request, entries[i], i, out var problem) is { } e)
            {
                outgoing.Add(e);
            }
            else
            {
                refused[i] = problem!;
            }
        }

        var published = outgoing.Count == 0 ? [] : await events.PublishAsync(outgoing, cancellationToken);
        var results = new List<JNode>(entries.Count);
        int failed = 0;
        for (int i = 0, next = 0; i < entries.Count; i++)
        {
            var result = refused.TryGetValue(i, out var r) ? r : published[next++];
            if (result.IsSuccess)
            {
                results.Add(new JObject(["EventId"], [JNode.From(result.EventId!)]));
            }
            else
            {
                failed++;
                results.Add(new JObject(["ErrorCode", "ErrorMessage"], [JNode.From(result.ErrorCode!), JNode.From(result.ErrorMessage ?? string.Empty)]));
            }
        }

        var response = new JObjectBuilder(4);
        response.Set("Entries", new JArray(results));
        response.Set("FailedEntryCount", JNode.From(failed));
        var output = AwsResults.WithSdkMetadata(response, invocation);
        return failed == 0
            ? TaskOutcome.Success(output)
            : TaskOutcome.Failure("EventBridge.FailedEntry", new JObject(["Entries", "FailedEntryCount"], [output["Entries"]!, output["FailedEntryCount"]!]).ToString());
    }

    private OutgoingEvent? Entry(IntegrationRequest request, JNode raw, int index, out EventPublishResult? problem)
    {
        problem = null;
        if (raw is not JObject entry)
        {
            throw request.Invalid($"Entries[{index}] of events:putEvents must be an object, found {raw.KindName}.");
        }

        foreach (var (key, _) in entry)
        {
            if (Array.IndexOf(EntryFields, key) < 0)
            {
                throw request.Invalid($"The field 'Entries[{index}].{key}' is not supported by events:putEvents; supported fields: {string.Join(", ", EntryFields)}.");
            }
        }

        string? source = Text(request, entry, "Source", index);
        string? type = Text(request, entry, "DetailType", index);
        if (string.IsNullOrEmpty(source) || string.IsNullOrEmpty(type))
        {
            string missing = string.IsNullOrEmpty(source) ? "Source" : "DetailType";
            problem = EventPublishResult.Refused("InvalidArgument", $"Parameter {missing} is not valid. Reason: {missing} is a required argument.");
            return null;
        }

        JNode detail;
        switch (entry["Detail"])
        {
            case null:
                problem = EventPublishResult.Refused("InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument.");
                return null;
            case JObject json:
                detail = json;
                break;
            case JString text:
                try
                {
                    detail = JNode.Parse(text.Value);
                }
                catch (JsonParseException)
                {
                    detail = JNode.Null;
                }

                if (detail is not JObject)
                {
                    problem = EventPublishResult.Refused("MalformedDetail", "Detail is malformed.");
                    return null;
                }

                break;
            default:
                problem = EventPublishResult.Refused("MalformedDetail", "Detail is malformed.");
                return null;
        }

        string bus = Text(request, entry, "EventBusName", index) ?? "default";
        int slash = bus.IndexOf(":event-bus/", StringComparison.Ordinal);
        if (bus.StartsWith("arn:", StringComparison.Ordinal) && slash > 0)
        {
            bus = bus[(slash + ":event-bus/".Length)..];
        }

        var resources = new List<string>();
        if (entry["Resources"] is { } list)
        {
            if (list is not JArray array || array.Any(r => r is not JString))
            {
                throw request.Invalid($"Entries[{index}].Resources of events:putEvents must be an array of strings.");
            }

            resources.AddRange(array.Select(r => ((JString)r).Value));
        }

        var at = time.GetUtcNow();
        if (Text(request, entry, "Time", index) is { } when)
        {
            if (!DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at))
            {
                throw request.Invalid($"Entries[{index}].Time of events:putEvents must be an ISO 8601 timestamp, found \"{when}\".");
            }
        }

        return new OutgoingEvent(bus, source, type, detail, at, resources);
    }

    private static string? Text(IntegrationRequest request, JObject entry, string field, int index) => entry[field] switch
    {
        null => null,
        JString s => s.Value,
        var other => throw request.Invalid($"Entries[{index}].{field} of events:putEvents must be a string, found {other.KindName}."),
    };
}
