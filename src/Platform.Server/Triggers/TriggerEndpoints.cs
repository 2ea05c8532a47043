using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Asl.Json;
using Platform.Engine.Integrations;
using Platform.Runtime.Durable;
using Platform.Runtime.Integrations;
using Platform.Server.Approvals;
using Platform.Server.Hosting;

namespace Platform.Server.Triggers;

/// <summary>The endpoints of events and integrations: <c>PUT/GET /objects/{container}/{key}</c>,
/// <c>POST /events/eventgrid</c> (and its <c>OPTIONS</c> handshake), <c>POST /queues/{name}/messages</c>,
/// <c>GET /platform/triggers</c>, <c>GET /platform/circuit-breakers</c>, and the approval pages. All but the approval
/// pages are behind the API key. Errors are <c>{"error": {"code", "message"}}</c> with a 4xx status.</summary>
internal static class TriggerEndpoints
{
    /// <summary>The largest queue message accepted (Service Bus standard tier's limit).</summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>Registers the trigger services and the inbox watcher.</summary>
    public static void AddTriggers(IServiceCollection services)
    {
        services.AddSingleton<TriggerService>();
        services.AddSingleton<InboxWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWatcher>());
    }

    /// <summary>Maps the endpoints.</summary>
    public static void Map(PlatformServer server)
    {
        var app = server.App;
        var backend = server.Backend;
        backend.Integrations.ListeningUrl = () => server.ApiUrl;
        var triggers = app.Services.GetRequiredService<TriggerService>();
        app.MapPut("/objects/{container}/{**key}", (string container, string key, HttpContext context) => UploadAsync(triggers, container, key, context));
        app.MapGet("/objects/{container}/{**key}", (string container, string key, HttpContext context) => DownloadAsync(backend, container, key, context));
        app.MapMethods("/events/eventgrid", ["OPTIONS"], (Delegate)Handshake);
        app.MapPost("/events/eventgrid", (Delegate)((HttpContext context) => EventGridAsync(triggers, context)));
        app.MapPost("/queues/{name}/messages", (string name, HttpContext context) => QueueAsync(triggers, backend.Durable, name, context));
        app.MapGet("/platform/triggers", (Delegate)((HttpContext context) => ListTriggersAsync(triggers, context)));
        app.MapGet("/platform/circuit-breakers", (Delegate)((HttpContext context) => CircuitBreakersAsync(backend, context)));
        ApprovalPages.Map(app, backend);
    }

    internal static IResult Error(int status, string code, string message) =>
        Json(new JObject(["error"], [new JObject(["code", "message"], [JNode.From(code), JNode.From(message)])]), status);

    internal static IResult Json(JNode body, int status = 200) => Results.Content(body.ToJson(), "application/json", Encoding.UTF8, status);

    private static JArray Deliveries(IEnumerable<TriggerDelivery> deliveries) => new(deliveries.Select(d => (JNode)d.ToJson()));

    private static async Task<IResult> UploadAsync(TriggerService triggers, string container, string key, HttpContext context)
    {
        if (FolderObjectStore.ValidateContainer(container) is { } badContainer)
        {
            return Error(400, "InvalidContainerName", $"the container '{container}' in the path is not valid: {badContainer}");
        }

        if (FolderObjectStore.ValidateKey(key) is { } badKey)
        {
            return Error(400, "InvalidKey", $"the key '{key}' in the path is not valid: {badKey}");
        }

        string eventId = context.Request.Headers["X-Event-Id"].ToString();
        if (eventId.Length > 256)
        {
            return Error(400, "InvalidEventId", $"the header X-Event-Id must be at most 256 characters, found {eventId.Length}");
        }

        if (eventId.Length == 0)
        {
            eventId = "upload:" + Guid.NewGuid().ToString("N");
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        string contentType = context.Request.ContentType is { Length: > 0 } type ? type : "application/octet-stream";
        try
        {
            var (properties, _, deliveries) = await triggers.StoreBlobAsync(container, key, buffer.ToArray(), contentType, eventId, "upload", context.RequestAborted);
            return Json(
                new JObject(
                    ["container", "key", "size", "eTag", "eventId", "deliveries"],
                    [JNode.From(properties.Container), JNode.From(properties.Key), JNode.From(properties.Size), JNode.From(properties.ETag), JNode.From(eventId), Deliveries(deliveries)]),
                201);
        }
        catch (ObjectStoreException ex)
        {
            return Error(400, ex.Code.ToString(), ex.Message);
        }
    }

    private static async Task<IResult> DownloadAsync(ServerBackend backend, string container, string key, HttpContext context)
    {
        if (FolderObjectStore.ValidateContainer(container) is { } badContainer)
        {
            return Error(400, "InvalidContainerName", $"the container '{container}' in the path is not valid: {badContainer}");
        }

        if (FolderObjectStore.ValidateKey(key) is { } badKey)
        {
            return Error(400, "InvalidKey", $"the key '{key}' in the path is not valid: {badKey}");
        }

        try
        {
            var stored = await backend.Integrations.Objects.GetAsync(container, key, context.RequestAborted);
            return stored is null
                ? Error(404, "NoSuchKey", $"the container '{container}' has no object '{key}'")
                : Results.Bytes(stored.Content.ToArray(), stored.Properties.ContentType);
        }
        catch (ObjectStoreException ex)
        {
            return Error(ex.Code == ObjectStoreError.ContainerNotFound ? 404 : 400, ex.Code.ToString(), ex.Message);
        }
    }

    /// <summary>The CloudEvents webhook handshake (CloudEvents HTTP webhook spec, section 4): echo the requesting origin.</summary>
    private static IResult Handshake(HttpContext context)
    {
        string origin = context.Request.Headers["WebHook-Request-Origin"].ToString();
        if (origin.Length == 0)
        {
            return Error(400, "MissingOrigin", "an OPTIONS request here is the CloudEvents webhook handshake and needs the header WebHook-Request-Origin");
        }

        context.Response.Headers["WebHook-Allowed-Origin"] = origin;
        context.Response.Headers["WebHook-Allowed-Rate"] = "*";
        context.Response.Headers.Allow = "OPTIONS, POST";
        return Results.Ok();
    }

    private static async Task<IResult> EventGridAsync(TriggerService triggers, HttpContext context)
    {
        string body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        var (events, error) = EventGridParser.Parse(body);
        if (events is null)
        {
            return Error(400, "InvalidEvents", error!);
        }

        var validation = events.FirstOrDefault(e => string.Equals(e.EventType, EventGridParser.SubscriptionValidation, StringComparison.OrdinalIgnoreCase));
        if (validation is not null)
        {
            return Json(new JObject(["validationResponse"], [JNode.From(validation.ValidationCode!)]));
        }

        var deliveries = new List<TriggerDelivery>();
        foreach (var e in events)
        {
            deliveries.AddRange(await triggers.DeliverAsync(e, context.RequestAborted));
        }

        // A failed delivery is answered 422 so Event Grid delivers the batch again (started events are then duplicates).
        bool failed = deliveries.Any(d => d.Status == TriggerDelivery.Failed);
        return Json(new JObject(["received", "deliveries"], [JNode.From(events.Count), Deliveries(deliveries)]), failed ? 422 : 200);
    }

    private static async Task<IResult> QueueAsync(TriggerService triggers, DurableHost durable, string name, HttpContext context)
    {
        if (SqliteMessageQueue.ValidateQueueName(name) is { } badName)
        {
            return Error(400, "InvalidQueueName", $"the queue '{name}' in the path is not valid: {badName}");
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxMessageBytes)
        {
            return Error(413, "MessageTooLarge", $"the message is {buffer.Length} bytes; at most {MaxMessageBytes} are accepted");
        }

        string text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var body = JsonParser.TryParse(text, out _) ?? JNode.From(text);
        if (body is JObject message && message.ContainsKey("taskToken"))
        {
            return await CompleteTokenAsync(durable, name, message);
        }

        string messageId = context.Request.Headers["X-Message-Id"].ToString();
        if (messageId.Length > 128)
        {
            return Error(400, "InvalidMessageId", $"the header X-Message-Id must be at most 128 characters (Service Bus's MessageId limit), found {messageId.Length}");
        }

        if (messageId.Length == 0)
        {
            messageId = Guid.NewGuid().ToString("N");
        }

        var document = new JObject(["id", "queue", "body"], [JNode.From(messageId), JNode.From(name), body]);
        var deliveries = await triggers.DeliverAsync(new TriggerEvent("queue:" + name + ":" + messageId, document, "queue") { Queue = name }, context.RequestAborted);
        if (deliveries.Count == 0)
        {
            return Error(404, "NoRoute", $"no trigger rule listens to the queue '{name}' (Platform:Triggers with Source 'queue' and Queue '{name}'), and the message has no 'taskToken' to complete");
        }

        bool failed = deliveries.Any(d => d.Status == TriggerDelivery.Failed);
        return Json(new JObject(["messageId", "deliveries"], [JNode.From(messageId), Deliveries(deliveries)]), failed ? 422 : 200);
    }

    private static async Task<IResult> CompleteTokenAsync(DurableHost durable, string queue, JObject message)
    {
        if (message["taskToken"] is not JString { Value.Length: > 0 and <= 2048 } token)
        {
            return Error(400, "InvalidMessage", $"the message's 'taskToken' must be a string of 1 to 2048 characters, found {message["taskToken"]!.KindName}");
        }

        bool success = message.ContainsKey("output");
        bool failure = message.ContainsKey("error") || message.ContainsKey("cause");
        if (success == failure)
        {
            return Error(400, "InvalidMessage", success
                ? "the message has both 'output' (success) and 'error'/'cause' (failure): send one"
                : "the message has a 'taskToken' but neither 'output' (SendTaskSuccess) nor 'error'/'cause' (SendTaskFailure)");
        }

        foreach (string field in (ReadOnlySpan<string>)["error", "cause"])
        {
            if (message[field] is { } value && value is not (JString or JNull))
            {
                return Error(400, "InvalidMessage", $"the message's '{field}' must be a string, found {value.KindName}");
            }
        }

        try
        {
            if (success)
            {
                await durable.SendTaskSuccessAsync(token.Value, message["output"]!);
            }
            else
            {
                await durable.SendTaskFailureAsync(token.Value, (message["error"] as JString)?.Value, (message["cause"] as JString)?.Value);
            }
        }
        catch (TaskCallbackException ex)
        {
            int status = ex.Code switch
            {
                TaskCallbackException.TaskTimedOut => 410,
                TaskCallbackException.TaskDoesNotExist => 404,
                _ => 400,
            };
            return Error(status, ex.Code, ex.Message);
        }

        return Json(new JObject(["queue", "taskToken"], [JNode.From(queue), JNode.From(success ? "succeeded" : "failed")]));
    }

    private static async Task<IResult> ListTriggersAsync(TriggerService triggers, HttpContext context)
    {
        var rules = new List<JNode>();
        foreach (var rule in triggers.Rules)
        {
            var deliveries = await triggers.DeliveriesAsync(rule, 100, context.RequestAborted);
            rules.Add(new JObject(
                ["name", "source", "stateMachine", "deliveries"],
                [JNode.From(rule.Name), JNode.From(rule.Source.ToString().ToUpperInvariant()), JNode.From(rule.StateMachine), new JArray(deliveries.Select(d => (JNode)d))]));
        }

        return Json(new JObject(["rules"], [new JArray(rules)]));
    }

    private static async Task<IResult> CircuitBreakersAsync(ServerBackend backend, HttpContext context)
    {
        if (backend.Integrations.Breakers is not { } store)
        {
            return Json(new JObject(["configured", "circuits"], [JNode.False, new JArray([])]));
        }

        var circuits = new List<JNode>();
        foreach (var status in await store.ListAsync(context.RequestAborted))
        {
            var transitions = await store.GetTransitionsAsync(status.Key, 20, null, context.RequestAborted);
            circuits.Add(new JObject(
                ["key", "state", "recentFailures", "openedAt", "halfOpenedAt", "lastError", "lastCause", "updatedAt", "transitions"],
                [JNode.From(status.Key), JNode.From(status.State.ToString()), new JArray(status.RecentFailures.Select(f => (JNode)Date(f))),
                 Date(status.OpenedAt), Date(status.HalfOpenedAt), Text(status.LastError), Text(status.LastCause), Date(status.UpdatedAt),
                 new JArray(transitions.Transitions.Select(t => (JNode)new JObject(
                     ["at", "from", "to", "reason"], [Date(t.At), JNode.From(t.From.ToString()), JNode.From(t.To.ToString()), JNode.From(t.Reason)])))]));
        }

        return Json(new JObject(["configured", "circuits"], [JNode.True, new JArray(circuits)]));
    }

    private static JNode Date(DateTimeOffset? at) =>
        at is { } value ? JNode.From(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)) : JNode.Null;

    private static JNode Text(string? text) => text is null ? JNode.Null : JNode.From(text);
}
