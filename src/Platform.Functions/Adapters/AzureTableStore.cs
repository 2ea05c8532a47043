using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Platform.Asl.Json;
using Platform.Engine.Integrations;

namespace Platform.Functions.Adapters;

/// <summary>The table store port over Azure Table storage, with ETag optimistic concurrency (what circuit breakers and
/// conditional DynamoDB-like writes rely on). An item's attributes are one JSON string property.</summary>
/// <remarks>Partition and sort keys are the entity's PartitionKey and RowKey; callers escape them (<see cref="TableKeys"/>),
/// so what is refused locally is refused here. A property holds at most 64 KiB, so an item's attributes must fit that.
/// Tables are created by deployment (infra/app/storage.bicep): a missing one is <see cref="TableStoreError.TableNotFound"/>,
/// never a failed condition, so read-modify-write loops do not retry it.</remarks>
/// <param name="service">The storage account's table service.</param>
internal sealed class AzureTableStore(TableServiceClient service) : ITableStore
{
    private const string Attributes = "attributes";

    /// <summary>The Table service's error code for a table that does not exist (a 404, as is a missing entity's <c>ResourceNotFound</c>).</summary>
    private const string TableNotFoundCode = "TableNotFound";

    /// <inheritdoc />
    public async ValueTask<TableItem?> GetAsync(string table, string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        var found = await Table(table, partitionKey, sortKey).GetEntityIfExistsAsync<TableEntity>(partitionKey, sortKey, cancellationToken: cancellationToken);
        return found.HasValue ? Item(found.Value!)
            : IsTableNotFound(found.GetRawResponse()) ? throw TableNotFound(table) : null;
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
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == TableNotFoundCode)
        {
            throw TableNotFound(table);
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
            return await GetAsync(table, partitionKey, sortKey, cancellationToken) is not null
                ? throw ConditionFailed(table, partitionKey, sortKey, condition, "the item exists")
                : false;
        }

        Response response;
        try
        {
            response = await client.DeleteEntityAsync(partitionKey, sortKey, condition.Kind == TableWriteConditionKind.IfMatch ? new ETag(condition.ETag!) : ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == TableNotFoundCode)
        {
            throw TableNotFound(table);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw ConditionFailed(table, partitionKey, sortKey, condition, "the item has another ETag");
        }

        // DeleteEntityAsync returns a 404 rather than throwing it: the item (or the whole table) is missing.
        if (response.Status != 404)
        {
            return true;
        }

        return IsTableNotFound(response) ? throw TableNotFound(table)
            : condition.Kind == TableWriteConditionKind.None ? false
            : throw ConditionFailed(table, partitionKey, sortKey, condition, "there is no such item");
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
        try
        {
            await foreach (var page in pages.WithCancellation(cancellationToken))
            {
                return new TablePage([.. page.Values.Select(Item)], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == TableNotFoundCode)
        {
            throw TableNotFound(table);
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

    private static TableStoreException TableNotFound(string table) => new(
        TableStoreError.TableNotFound, $"The table '{table}' does not exist in the storage account (PLATFORM_TABLE_ENDPOINT): create it (infra/app/storage.bicep creates the tables it is given).");

    private static TableStoreException ConditionFailed(string table, string partitionKey, string sortKey, TableWriteCondition condition, string found) => new(
        TableStoreError.ConditionFailed, $"The conditional delete of item ({partitionKey}, {sortKey}) in table '{table}' failed: {condition}, but {found}.");

    /// <summary>Whether a 404 the client returned (not threw) is the table's absence: the error code is in the
    /// <c>x-ms-error-code</c> header or the OData error body (<c>{"odata.error":{"code":...}}</c>).</summary>
    private static bool IsTableNotFound(Response response)
    {
        if (response.Status != 404)
        {
            return false;
        }

        if (response.Headers.TryGetValue("x-ms-error-code", out string? header))
        {
            return header == TableNotFoundCode;
        }

        try
        {
            using var body = JsonDocument.Parse(response.Content);
            return body.RootElement.TryGetProperty("odata.error", out var error) && error.TryGetProperty("code", out var code) && code.ValueEquals(TableNotFoundCode);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // No body, or not an OData error: a missing entity.
            return false;
        }
    }

    private static TableItem Item(TableEntity entity) => new(
        entity.PartitionKey, entity.RowKey, JNode.Parse(entity.GetString(Attributes) ?? "{}") as JObject ?? JObject.Empty, entity.ETag.ToString(), entity.Timestamp ?? default);
}
