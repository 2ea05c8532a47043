using Microsoft.Data.Sqlite;
using Platform.Asl.Json;
using Platform.Engine.Integrations;

namespace Platform.Runtime.Integrations;

/// <summary>The table store on a local SQLite file: every table in one SQLite table, keyed by (table, partition, sort).</summary>
/// <remarks>
/// Conditional writes check and write inside one immediate transaction, so they are atomic across every store instance,
/// worker and process that opens the same file. ETags are random (a deleted and re-created item never matches an old
/// ETag). Keys and table names follow <see cref="TableKeys"/>, Azure Table storage's rules.
/// </remarks>
public sealed class SqliteTableStore : ITableStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS table_items (
            table_name TEXT NOT NULL,
            partition_key TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            attributes TEXT NOT NULL,
            etag TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (table_name, partition_key, sort_key)
        ) WITHOUT ROWID;
        """;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Opens (or creates) the store in the SQLite file at <paramref name="path"/>.</summary>
    public SqliteTableStore(string path, TimeProvider? timeProvider = null)
    {
        _database = new SqliteDatabase(path, Schema);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the SQLite file's path.</summary>
    public string Path => _database.Path;

    /// <inheritdoc />
    public ValueTask<TableItem?> GetAsync(string table, string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        Check(table, partitionKey, sortKey);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_database.Read((c, t) => Find(c, t, table, partitionKey, sortKey)));
    }

    /// <inheritdoc />
    public ValueTask<TableItem> PutAsync(string table, string partitionKey, string sortKey, JObject attributes, TableWriteCondition condition, CancellationToken cancellationToken = default)
    {
        Check(table, partitionKey, sortKey);
        ArgumentNullException.ThrowIfNull(attributes);
        cancellationToken.ThrowIfCancellationRequested();
        string json = attributes.ToString();
        return ValueTask.FromResult(_database.Write((c, t) =>
        {
            var current = Find(c, t, table, partitionKey, sortKey);
            Require(condition, current, table, partitionKey, sortKey, "write");
            var now = _time.GetUtcNow();
            string etag = NewETag();
            using var upsert = SqliteDatabase.Command(c, t, """
                INSERT INTO table_items (table_name, partition_key, sort_key, attributes, etag, updated_at) VALUES ($t, $p, $s, $a, $e, $u)
                ON CONFLICT (table_name, partition_key, sort_key) DO UPDATE SET attributes = excluded.attributes, etag = excluded.etag, updated_at = excluded.updated_at
                """, ("$t", table), ("$p", partitionKey), ("$s", sortKey), ("$a", json), ("$e", etag), ("$u", now.UtcTicks));
            upsert.ExecuteNonQuery();
            return new TableItem(partitionKey, sortKey, attributes, etag, now);
        }));
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string table, string partitionKey, string sortKey, TableWriteCondition condition, CancellationToken cancellationToken = default)
    {
        Check(table, partitionKey, sortKey);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_database.Write((c, t) =>
        {
            var current = Find(c, t, table, partitionKey, sortKey);
            Require(condition, current, table, partitionKey, sortKey, "delete");
            if (current is null)
            {
                return false;
            }

            using var delete = SqliteDatabase.Command(c, t, "DELETE FROM table_items WHERE table_name = $t AND partition_key = $p AND sort_key = $s",
                ("$t", table), ("$p", partitionKey), ("$s", sortKey));
            delete.ExecuteNonQuery();
            return true;
        }));
    }

    /// <inheritdoc />
    public ValueTask<TablePage> QueryAsync(string table, string partitionKey, TableQueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TableQueryOptions();
        Check(table, partitionKey, string.Empty);
        if (options.MaxResults is < 1 or > 1000)
        {
            throw new TableStoreException(TableStoreError.InvalidArgument, $"MaxResults must be between 1 and 1000, found {options.MaxResults}.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        string scope = $"table {table}, partition {partitionKey}";
        string? after = LocalPageToken.Decode(options.ContinuationToken, scope, m => new TableStoreException(TableStoreError.InvalidContinuationToken, m));
        string prefix = options.SortKeyPrefix ?? string.Empty;
        return ValueTask.FromResult(_database.Read((c, t) =>
        {
            // Ordinal order: SQLite compares TEXT with BINARY collation (UTF-8 bytes), which orders as ordinal for BMP text.
            using var query = SqliteDatabase.Command(c, t, """
                SELECT partition_key, sort_key, attributes, etag, updated_at FROM table_items
                WHERE table_name = $t AND partition_key = $p AND sort_key > $after AND substr(sort_key, 1, length($prefix)) = $prefix
                ORDER BY sort_key LIMIT $limit
                """, ("$t", table), ("$p", partitionKey), ("$after", after ?? string.Empty), ("$prefix", prefix), ("$limit", options.MaxResults + 1));
            var items = new List<TableItem>();
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                items.Add(ReadItem(reader));
            }

            // The empty sort key sorts first and is excluded by "> ''": fetch it on the first page.
            if (after is null && prefix.Length == 0 && Find(c, t, table, partitionKey, string.Empty) is { } first)
            {
                items.Insert(0, first);
            }

            string? next = null;
            if (items.Count > options.MaxResults)
            {
                items.RemoveRange(options.MaxResults, items.Count - options.MaxResults);
                next = LocalPageToken.Encode(scope, items[^1].SortKey);
            }

            return new TablePage(items, next);
        }));
    }

    private static TableItem? Find(SqliteConnection connection, SqliteTransaction transaction, string table, string partitionKey, string sortKey)
    {
        using var query = SqliteDatabase.Command(connection, transaction,
            "SELECT partition_key, sort_key, attributes, etag, updated_at FROM table_items WHERE table_name = $t AND partition_key = $p AND sort_key = $s",
            ("$t", table), ("$p", partitionKey), ("$s", sortKey));
        using var reader = query.ExecuteReader();
        return reader.Read() ? ReadItem(reader) : null;
    }

    private static TableItem ReadItem(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), (JObject)JNode.Parse(reader.GetString(2)), reader.GetString(3), new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero));

    private static void Require(TableWriteCondition condition, TableItem? current, string table, string partitionKey, string sortKey, string what)
    {
        bool holds = condition.Kind switch
        {
            TableWriteConditionKind.NotExists => current is null,
            TableWriteConditionKind.Exists => current is not null,
            TableWriteConditionKind.IfMatch => current is not null && string.Equals(current.ETag, condition.ETag, StringComparison.Ordinal),
            _ => true,
        };
        if (!holds)
        {
            string found = current is null ? "there is no such item" : $"the item has ETag {current.ETag}";
            throw new TableStoreException(
                TableStoreError.ConditionFailed,
                $"The conditional {what} of item ({partitionKey}, {sortKey}) in table '{table}' failed: {condition}, but {found}.");
        }
    }

    private static void Check(string table, string partitionKey, string sortKey)
    {
        if (TableKeys.ValidateTableName(table) is { } badTable)
        {
            throw new TableStoreException(TableStoreError.InvalidTableName, $"Invalid table name: {badTable}.");
        }

        if (TableKeys.Validate(partitionKey) is { } badPartition)
        {
            throw new TableStoreException(TableStoreError.InvalidKey, $"Invalid partition key in table '{table}': {badPartition}.");
        }

        if (partitionKey.Length == 0)
        {
            throw new TableStoreException(TableStoreError.InvalidKey, $"Invalid partition key in table '{table}': the partition key is empty.");
        }

        if (TableKeys.Validate(sortKey) is { } badSort)
        {
            throw new TableStoreException(TableStoreError.InvalidKey, $"Invalid sort key in table '{table}', partition '{partitionKey}': {badSort}.");
        }
    }

    private static string NewETag() => "W/\"" + Guid.NewGuid().ToString("N") + "\"";
}
