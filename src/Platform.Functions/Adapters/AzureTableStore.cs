using Azure;
using Azure.Data.Tables;
using Platform.Asl.Json;
using Platform.Engine.Integrations;

namespace Platform.Functions.Adapters;

/// <summary>The table store port over Azure Table storage, with ETag optimistic concurrency (what circuit breakers and
/// conditional DynamoDB-like writes rely on). An item's attributes are one JSON string property.</summary>
/// <remarks>Partition and sort keys are the entity's PartitionKey and RowKey; callers escape them (<see cref="TableKeys"/>),
/// so what is refused locally is refused here. A property holds at most 64 KiB, so an item's attributes must fit that.</remarks>
/// <param name="service">The storage account's table service.</param>
internal sealed class AzureTableStore(TableServiceClient service) : ITableStore
{
    private const string Attributes = "attributes";

    /// <inheritdoc />
    public async ValueTask<TableItem?> GetAsync(string table, string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        var found = await Table(table, partitionKey, sortKey).GetEntityIfExistsAsync<TableEntity>(partitionKey, sortKey, cancellationToken: cancellationToken);
        return found.HasValue ? Item(found.Value!) : null;
    }

    /// <inheritdoc />
    public async ValueTask<TableItem> PutAsync(string table, string partitionKey, string sortKey, JObject attributes, TableWriteCondition condition, CancellationToken cancellationToken = default)
    {
        var client = Table(table, partitionKey, sortKey);
        var entity = new TableEntity(partitionKey, sortKey) { [Attributes] = attributes.ToJson() };
        try
        {
            var response = condition.Kind switch
            {
                TableWriteConditionKind.NotExists => await client.AddEntityAsync(entity, cancellationToken),
                TableWriteConditionKind.Exists => await client.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Replace, cancellationToken),
                TableWriteConditionKind.IfMatch => await client.UpdateEntityAsync(entity, new ETag(condition.ETag!), TableUpdateMode.Replace, cancellationToken),
                _ => await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken),
            };
            return new TableItem(partitionKey, sortKey, attributes, response.Headers.ETag?.ToString() ?? string.Empty, response.Headers.Date ?? default);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412 && condition.Kind != TableWriteConditionKind.None)
        {
            throw new TableStoreException(TableStoreError.ConditionFailed, $"The item ({partitionKey}, {sortKey}) of table '{table}' does not meet the condition: {condition}.");
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string table, string partitionKey, string sortKey, TableWriteCondition condition, CancellationToken cancellationToken = default)
    {
        var client = Table(table, partitionKey, sortKey);
        if (condition.Kind == TableWriteConditionKind.NotExists)
        {
            return (await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, sortKey, cancellationToken: cancellationToken)).HasValue
                ? throw new TableStoreException(TableStoreError.ConditionFailed, $"The item ({partitionKey}, {sortKey}) of table '{table}' does not meet the condition: {condition}.")
                : false;
        }

        try
        {
            var response = await client.DeleteEntityAsync(partitionKey, sortKey, condition.Kind == TableWriteConditionKind.IfMatch ? new ETag(condition.ETag!) : ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return condition.Kind == TableWriteConditionKind.None
                ? false
                : throw new TableStoreException(TableStoreError.ConditionFailed, $"The item ({partitionKey}, {sortKey}) of table '{table}' does not meet the condition: {condition}.");
        }
    }

    /// <inheritdoc />
    public async ValueTask<TablePage> QueryAsync(string table, string partitionKey, TableQueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TableQueryOptions();
        string prefix = options.SortKeyPrefix ?? string.Empty;
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {prefix + char.MaxValue}");
        var pages = Table(table, partitionKey, prefix.Length == 0 ? "x" : prefix)
            .QueryAsync<TableEntity>(filter, options.MaxResults, cancellationToken: cancellationToken)
            .AsPages(options.ContinuationToken, options.MaxResults);
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            return new TablePage([.. page.Values.Select(Item)], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new TablePage([], null);
    }

    private TableClient Table(string table, string partitionKey, string sortKey)
    {
        if ((TableKeys.ValidateTableName(table) ?? TableKeys.Validate(partitionKey) ?? TableKeys.Validate(sortKey)) is { } why)
        {
            throw new TableStoreException(TableKeys.ValidateTableName(table) is null ? TableStoreError.InvalidKey : TableStoreError.InvalidTableName, why);
        }

        return service.GetTableClient(table);
    }

    private static TableItem Item(TableEntity entity) => new(
        entity.PartitionKey, entity.RowKey, JNode.Parse(entity.GetString(Attributes) ?? "{}") as JObject ?? JObject.Empty, entity.ETag.ToString(), entity.Timestamp ?? default);
}
