using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Paths;
using Platform.Engine.Execution;
using Platform.Engine.Integrations;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;

namespace Platform.Server.Triggers;

/// <summary>The server's trigger rules for a host that receives events itself (the Azure Functions app's blob, Event Grid
/// and Service Bus triggers): which executions an event starts, and starting them once through a <see cref="WorkflowClient"/>.</summary>
/// <remarks>
/// The same rules (<c>Platform:Triggers</c>), matching, input templates, event documents and execution names as
/// <c>platform serve</c>, so a rule behaves the same locally and on Azure. Idempotency comes from the execution name
/// (derived from the rule and the event id) being the instance id: a redelivered event finds its instance and starts
/// nothing. Service Bus messages that carry a <c>taskToken</c> complete a task instead, as the local queue endpoint does.
/// </remarks>
/// <param name="rules">The trigger rules.</param>
/// <param name="region">The region in ARNs.</param>
/// <param name="account">The account in ARNs.</param>
public sealed class TriggerRouter(IReadOnlyList<TriggerRule> rules, string region, string account)
{
    /// <summary>What a blob-created event starts.</summary>
    public IReadOnlyList<TriggerStart> RouteBlob(string container, string key, long size, string contentType, string eTag, DateTimeOffset lastModified, string eventId) =>
        Route(TriggerService.BlobEvent(new ObjectProperties(container, key, size, eTag, lastModified, contentType, new Dictionary<string, string>()), eventId, "blob"));

    /// <summary>What an Event Grid delivery (one event or a batch, either schema) starts, or why it is refused.</summary>
    public (IReadOnlyList<TriggerStart> Starts, string? Error) RouteEventGrid(string body)
    {
        var (events, error) = EventGridParser.Parse(body);
        return events is null ? ([], error) : ([.. events.SelectMany(Route)], null);
    }

    /// <summary>What a queue message starts (none when it is a task-token callback: see <see cref="Callback"/>).</summary>
    public IReadOnlyList<TriggerStart> RouteMessage(string queue, string messageId, string body)
    {
        var document = new JObject(["id", "queue", "body"], [JNode.From(messageId), JNode.From(queue), JsonParser.TryParse(body, out _) ?? JNode.From(body)]);
        return Route(new TriggerEvent("queue:" + queue + ":" + messageId, document, "queue") { Queue = queue });
    }

    /// <summary>The task-token callback a queue message carries (<c>{"taskToken", "output"}</c> succeeds the task,
    /// <c>{"taskToken", "error", "cause"}</c> fails it, <c>{"taskToken", "heartbeat": true}</c> beats), null when it carries
    /// none, or a refusal when it is malformed.</summary>
    public static (TaskCallback? Callback, string? Error) Callback(string body, TaskTokens? tokens, DateTime nowUtc)
    {
        if (JsonParser.TryParse(body, out _) is not JObject message || !message.ContainsKey("taskToken"))
        {
            return (null, null);
        }

        if (message["taskToken"] is not JString { Value.Length: > 0 and <= 2048 } token)
        {
            return (null, "the message's 'taskToken' must be a string of 1 to 2048 characters");
        }

        if (tokens is null)
        {
            return (null, "this app has no task-token key configured (TASK_TOKEN_KEY), so it cannot verify the message's 'taskToken'");
        }

        bool success = message.ContainsKey("output");
        bool failure = message.ContainsKey("error") || message.ContainsKey("cause");
        bool heartbeat = message["heartbeat"] is JBool { Value: true };
        if ((success ? 1 : 0) + (failure ? 1 : 0) + (heartbeat ? 1 : 0) != 1)
        {
            return (null, "the message has a 'taskToken' and must have exactly one of 'output' (success), 'error'/'cause' (failure) or \"heartbeat\": true");
        }

        if ((message["error"] is { } e && e is not (JString or JNull)) || (message["cause"] is { } c && c is not (JString or JNull)))
        {
            return (null, "the message's 'error' and 'cause' must be strings");
        }

        return (success ? TaskCallback.Success(tokens, token.Value, message["output"]!, nowUtc)
            : failure ? TaskCallback.Failure(tokens, token.Value, (message["error"] as JString)?.Value, (message["cause"] as JString)?.Value, nowUtc)
            : TaskCallback.Heartbeat(tokens, token.Value, nowUtc), null);
    }

    /// <summary>Starts each execution unless its instance already exists (a redelivered event), and says what happened.</summary>
    public static async Task<IReadOnlyList<TriggerOutcome>> StartAsync(WorkflowClient client, IReadOnlyList<TriggerStart> starts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(starts);
        var outcomes = new List<TriggerOutcome>(starts.Count);
        foreach (var start in starts)
        {
            if (start.Execution is null)
            {
                outcomes.Add(new TriggerOutcome(start.Rule, start.EventId, TriggerDelivery.Failed, null, start.Error));
                continue;
            }

            string arn = start.Execution.ExecutionArn;
            if (await client.GetInstanceAsync(arn, getInputsAndOutputs: false, cancellationToken) is not null)
            {
                outcomes.Add(new TriggerOutcome(start.Rule, start.EventId, TriggerDelivery.Duplicate, arn, null));
                continue;
            }

            await client.ScheduleNewAsync(OrchestratorNames.Execution, start.Execution, arn, cancellationToken);
            outcomes.Add(new TriggerOutcome(start.Rule, start.EventId, TriggerDelivery.Started, arn, null));
        }

        return outcomes;
    }

    /// <summary>Handles one queue message as the local queue endpoint does, and says how to settle it: a task-token
    /// callback is raised, anything else starts the executions its queue's rules give. A message that can never succeed
    /// (malformed, refused token, no rule, a rule that does not apply) is dead-lettered with the reason; one that was
    /// handled, or was a duplicate, is completed. Failures of the client itself propagate, so the caller abandons the
    /// message and Service Bus delivers it again.</summary>
    public async Task<MessageSettlement> HandleMessageAsync(
        WorkflowClient client, TaskTokens? tokens, string queue, string messageId, string body, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (callback, error) = Callback(body, tokens, nowUtc);
        if (error is not null)
        {
            return MessageSettlement.DeadLetter("InvalidMessage", error);
        }

        if (callback is not null)
        {
            if (!callback.IsValid)
            {
                return MessageSettlement.DeadLetter(callback.Check.Status == TaskTokenStatus.Expired ? "TaskTimedOut" : "InvalidToken", callback.Check.Reason!);
            }

            var instance = await client.GetInstanceAsync(callback.InstanceId!, getInputsAndOutputs: false, cancellationToken);
            if (instance is null || instance.RuntimeStatus is not (WorkflowRuntimeStatus.Running or WorkflowRuntimeStatus.Pending or WorkflowRuntimeStatus.Suspended))
            {
                return MessageSettlement.DeadLetter("TaskDoesNotExist", $"the execution '{callback.InstanceId}' is not running");
            }

            await client.RaiseEventAsync(callback.InstanceId!, callback.EventName!, callback.Payload, cancellationToken);
            return MessageSettlement.Complete($"raised '{callback.EventName}' to '{callback.InstanceId}'");
        }

        var starts = RouteMessage(queue, messageId, body);
        if (starts.Count == 0)
        {
            return MessageSettlement.DeadLetter("NoRoute", $"no trigger rule listens to the queue '{queue}' (Platform:Triggers with Source 'queue' and Queue '{queue}'), and the message has no 'taskToken' to complete");
        }

        var outcomes = await StartAsync(client, starts, cancellationToken);
        var failed = outcomes.Where(o => o.Status == TriggerDelivery.Failed).ToList();
        return failed.Count > 0
            ? MessageSettlement.DeadLetter("StartFailed", string.Join("; ", failed.Select(o => o.Reason)))
            : MessageSettlement.Complete(string.Join("; ", outcomes.Select(o => $"{o.Status} {o.ExecutionArn}")));
    }

    private List<TriggerStart> Route(TriggerEvent e)
    {
        var starts = new List<TriggerStart>();
        foreach (var rule in rules.Where(r => r.Matches(e)))
        {
            var (input, problem) = rule.InputFor(e);
            if (input is null)
            {
                starts.Add(new TriggerStart(rule.Name, e.Id, null, problem));
                continue;
            }

            string machine = rule.StateMachine.StartsWith("arn:", StringComparison.Ordinal) ? rule.StateMachine.Split(':')[^1] : rule.StateMachine;
            starts.Add(new TriggerStart(rule.Name, e.Id, new ExecutionInput
            {
                Input = input,
                Name = TriggerService.ExecutionName(rule, e.Id),
                StateMachineName = machine,
                Region = region,
                Account = account,
            }, null));
        }

        return starts;
    }
}

/// <summary>An execution an event starts by a rule, or why the rule could not start it.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="EventId">The event's id.</param>
/// <param name="Execution">The execution to start (its name derived from the rule and the event id), or null on error.</param>
/// <param name="Error">Why not, when <paramref name="Execution"/> is null.</param>
public sealed record TriggerStart(string Rule, string EventId, ExecutionInput? Execution, string? Error);

/// <summary>What happened to one start: started, duplicate (already started by an earlier delivery) or failed.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="EventId">The event's id.</param>
/// <param name="Status">started, duplicate or failed.</param>
/// <param name="ExecutionArn">The execution, when started or duplicate.</param>
/// <param name="Reason">Why it failed.</param>
public sealed record TriggerOutcome(string Rule, string EventId, string Status, string? ExecutionArn, string? Reason);

/// <summary>How to settle a Service Bus message: complete it, or dead-letter it with a reason.</summary>
/// <param name="DeadLettered">Whether to dead-letter the message (false: complete it).</param>
/// <param name="Reason">The dead-letter reason code, or "Completed".</param>
/// <param name="Description">What was done, or why it can never succeed.</param>
public sealed record MessageSettlement(bool DeadLettered, string Reason, string Description)
{
    /// <summary>Complete: the message was handled (or was a duplicate).</summary>
    public static MessageSettlement Complete(string description) => new(false, "Completed", description);

    /// <summary>Dead-letter: the message can never succeed.</summary>
    public static MessageSettlement DeadLetter(string reason, string description) => new(true, reason, description);
}
