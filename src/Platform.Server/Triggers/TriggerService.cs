using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Paths;
using Platform.Engine.Integrations;
using Platform.Runtime.Registry;
using Platform.Server.Api;
using Platform.Server.Hosting;

namespace Platform.Server.Triggers;

/// <summary>Routes events to executions by the configured rules, once per event id: the execution's name is derived from
/// the rule and the event id, and each delivery is recorded in the table <c>triggerdeliveries</c>, so a redelivered event
/// starts nothing twice.</summary>
internal sealed class TriggerService(ServerBackend backend)
{
    /// <summary>The table of delivery records (partition: the rule; row: the event id).</summary>
    public const string DeliveriesTable = "triggerdeliveries";

    private ITableStore Tables => backend.Integrations.Tables;

    /// <summary>Gets the rules.</summary>
    public IReadOnlyList<TriggerRule> Rules => backend.Options.Triggers;

    /// <summary>The execution name a rule gives the event: the rule's name and 32 hex digits of the event id's SHA-256
    /// (at most 73 characters, all valid in AWS execution names).</summary>
    public static string ExecutionName(TriggerRule rule, string eventId) =>
        rule.Name + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))[..32];

    /// <summary>Starts an execution for every rule that matches <paramref name="e"/> (none when no rule matches).</summary>
    public async Task<IReadOnlyList<TriggerDelivery>> DeliverAsync(TriggerEvent e, CancellationToken cancellationToken)
    {
        var deliveries = new List<TriggerDelivery>();
        foreach (var rule in Rules.Where(r => r.Matches(e)))
        {
            deliveries.Add(await DeliverAsync(rule, e, cancellationToken));
        }

        return deliveries;
    }

    /// <summary>Stores an object and routes its creation (upload endpoint, inbox).</summary>
    public async Task<(ObjectProperties Properties, TriggerEvent Event, IReadOnlyList<TriggerDelivery> Deliveries)> StoreBlobAsync(
        string container, string key, ReadOnlyMemory<byte> content, string contentType, string eventId, string origin, CancellationToken cancellationToken)
    {
        var properties = await backend.Integrations.Objects.PutAsync(container, key, content, new ObjectPutOptions { ContentType = contentType }, cancellationToken);
        var e = BlobEvent(properties, eventId, origin);
        return (properties, e, await DeliverAsync(e, cancellationToken));
    }

    /// <summary>The event of a stored object: the fields blob rules' templates read.</summary>
    public static TriggerEvent BlobEvent(ObjectProperties properties, string eventId, string origin)
    {
        string fileName = properties.Key[(properties.Key.LastIndexOf('/') + 1)..];
        var document = new JObject(
            ["id", "source", "eventType", "container", "name", "key", "fileName", "size", "contentType", "eTag", "time"],
            [JNode.From(eventId), JNode.From(origin), JNode.From(EventGridParser.BlobCreated), JNode.From(properties.Container), JNode.From(properties.Key),
             JNode.From(properties.Key), JNode.From(fileName), JNode.From(properties.Size), JNode.From(properties.ContentType), JNode.From(properties.ETag),
             JNode.From(properties.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))]);
        return new TriggerEvent(eventId, document, origin) { Container = properties.Container, Key = properties.Key };
    }

    /// <summary>A rule's delivery records, in the order of their (escaped) event ids.</summary>
    public async Task<IReadOnlyList<JObject>> DeliveriesAsync(TriggerRule rule, int maxResults, CancellationToken cancellationToken)
    {
        var page = await Tables.QueryAsync(DeliveriesTable, TableKeys.Escape(rule.Name), new TableQueryOptions { MaxResults = maxResults }, cancellationToken);
        return [.. page.Items.Select(i => i.Attributes)];
    }

    private async Task<TriggerDelivery> DeliverAsync(TriggerRule rule, TriggerEvent e, CancellationToken cancellationToken)
    {
        string partition = TableKeys.Escape(rule.Name);
        string row = TableKeys.Escape(e.Id);
        var record = await Tables.GetAsync(DeliveriesTable, partition, row, cancellationToken);
        if (record is not null && Text(record, "status") == TriggerDelivery.Started)
        {
            return new TriggerDelivery(rule.Name, e.Id, TriggerDelivery.Duplicate, Text(record, "executionArn"), null);
        }

        var (input, problem) = rule.InputFor(e);
        if (input is null)
        {
            return await RecordAsync(rule, e, TriggerDelivery.Failed, null, problem, cancellationToken);
        }

        string machineArn = rule.StateMachine.StartsWith("arn:", StringComparison.Ordinal)
            ? rule.StateMachine
            : $"arn:aws:states:{backend.Options.Region}:{backend.Options.AccountId}:stateMachine:{rule.StateMachine}";
        string name = ExecutionName(rule, e.Id);
        try
        {
            // Claim the event first: of two concurrent deliveries of one event id, one writes and the other is a duplicate.
            record = await Tables.PutAsync(DeliveriesTable, partition, row, Attributes(rule, e, "starting", null, null), TableWriteCondition.Unchanged(record), cancellationToken);
        }
        catch (TableStoreException ex) when (ex.Code == TableStoreError.ConditionFailed)
        {
            return new TriggerDelivery(rule.Name, e.Id, TriggerDelivery.Duplicate, null, "another delivery of this event is being handled");
        }

        try
        {
            var (arn, _) = await backend.Executions.StartAsync(machineArn, name, input.ToJson());
            return await RecordAsync(rule, e, TriggerDelivery.Started, arn, null, cancellationToken);
        }
        catch (ApiException ex) when (ex.Code == ApiErrorCodes.ExecutionAlreadyExists)
        {
            // Started by an earlier delivery whose record was not completed (a crash between start and record).
            await RecordAsync(rule, e, TriggerDelivery.Started, null, null, cancellationToken);
            return new TriggerDelivery(rule.Name, e.Id, TriggerDelivery.Duplicate, null, ex.Message);
        }
        catch (ApiException ex)
        {
            return await RecordAsync(rule, e, TriggerDelivery.Failed, null, $"{ex.Code}: {ex.Message} (rule '{rule.Name}', state machine '{rule.StateMachine}')", cancellationToken);
        }
        catch (RegistryException ex)
        {
            return await RecordAsync(rule, e, TriggerDelivery.Failed, null, $"{ex.ErrorCode}: {ex.Message} (rule '{rule.Name}', state machine '{rule.StateMachine}')", cancellationToken);
        }
    }

    private async Task<TriggerDelivery> RecordAsync(TriggerRule rule, TriggerEvent e, string status, string? arn, string? reason, CancellationToken cancellationToken)
    {
        await Tables.PutAsync(DeliveriesTable, TableKeys.Escape(rule.Name), TableKeys.Escape(e.Id), Attributes(rule, e, status, arn, reason), TableWriteCondition.None, cancellationToken);
        return new TriggerDelivery(rule.Name, e.Id, status, arn, reason);
    }

    private JObject Attributes(TriggerRule rule, TriggerEvent e, string status, string? arn, string? reason) => new(
        ["rule", "eventId", "origin", "status", "executionArn", "reason", "at"],
        [JNode.From(rule.Name), JNode.From(e.Id), JNode.From(e.Origin), JNode.From(status), arn is null ? JNode.Null : JNode.From(arn),
         reason is null ? JNode.Null : JNode.From(reason), JNode.From(backend.Options.TimeProvider.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture))]);

    private static string Text(TableItem item, string attribute) => item.Attributes[attribute] is JString { Value: var value } ? value : string.Empty;
}
