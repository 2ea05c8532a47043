using Platform.Asl.Json;

namespace Platform.Engine.Integrations;

/// <summary>A key-value table store: named tables of items keyed by a partition key and a sort key, written with
/// optimistic concurrency (every write gives the item a new ETag; writes can be made conditional on it).</summary>
/// <remarks>
/// <para>One member per operation of Azure Table storage (PartitionKey, RowKey, ETag, If-Match) and of a DynamoDB table with
/// a composite key, so either backs it one-to-one. Keys follow the stricter of the two rule sets, checked by
/// <see cref="TableKeys.Validate"/>: at most 1,024 characters, none of <c>/ \ # ?</c> and no control characters (the sort
/// key may be empty). <see cref="TableKeys.Escape"/> turns any string into a valid key.</para>
/// <para>Attributes are a JSON object that the store keeps as it is given; what they mean is the caller's business (the
/// DynamoDB integration keeps typed attribute values in them, the circuit breakers plain JSON). Read-modify-write updates
/// read an item, change it, and write it back on condition of the ETag they read, retrying on a conflict.</para>
/// </remarks>
public interface ITableStore
{
    /// <summary>Reads an item, or returns <see langword="null"/> when there is none.</summary>
    ValueTask<TableItem?> GetAsync(string table, string partitionKey, string sortKey, CancellationToken cancellationToken = default);

    /// <summary>Writes (creates or replaces) an item if <paramref name="condition"/> holds; otherwise throws
    /// <see cref="TableStoreException"/> with <see cref="TableStoreError.ConditionFailed"/> and changes nothing.</summary>
    /// <returns>The item as stored, with its new ETag.</returns>
    ValueTask<TableItem> PutAsync(string table, string partitionKey, string sortKey, JObject attributes, TableWriteCondition condition, CancellationToken cancellationToken = default);

    /// <summary>Deletes an item if <paramref name="condition"/> holds (else throws as <see cref="PutAsync"/> does).</summary>
    /// <returns><see langword="false"/> when there was no item (and the condition allowed that).</returns>
    ValueTask<bool> DeleteAsync(string table, string partitionKey, string sortKey, TableWriteCondition condition, CancellationToken cancellationToken = default);

    /// <summary>Reads the items of one partition in ascending (ordinal) sort-key order, one page at a time.</summary>
    ValueTask<TablePage> QueryAsync(string table, string partitionKey, TableQueryOptions? options = null, CancellationToken cancellationToken = default);
}
