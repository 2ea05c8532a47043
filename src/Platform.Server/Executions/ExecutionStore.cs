using Microsoft.Data.Sqlite;

namespace Platform.Server.Executions;

/// <summary>The server's index of Standard executions, in its own SQLite file: which state machine revision each execution
/// runs (so an update never changes a running execution, and a restart resumes each on its own definition), and the version
/// or alias it was started through (for DescribeExecution and ListExecutions by version or alias ARN).</summary>
/// <remarks>The journal holds the executions themselves; this file only what the journal does not know. Revisions are kept
/// whole (definition and role), because the registry forgets a revision when the state machine is updated or deleted.</remarks>
internal sealed class ExecutionStore : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS revisions (
            key TEXT PRIMARY KEY,
            state_machine_arn TEXT NOT NULL,
            revision_id TEXT NOT NULL,
            definition TEXT NOT NULL,
            role_arn TEXT NOT NULL,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS executions (
            arn TEXT PRIMARY KEY,
            state_machine_arn TEXT NOT NULL,
            version_arn TEXT,
            alias_arn TEXT,
            revision_key TEXT NOT NULL,
            started_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS executions_by_version ON executions (version_arn, started_at DESC, arn DESC);
        CREATE INDEX IF NOT EXISTS executions_by_alias ON executions (alias_arn, started_at DESC, arn DESC);
        """;

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    /// <summary>Opens (or creates) the index file.</summary>
    public ExecutionStore(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute(Schema);
    }

    /// <summary>The key of a revision: the state machine ARN and its revision id.</summary>
    public static string RevisionKey(string stateMachineArn, string revisionId) => stateMachineArn + "#" + revisionId;

    /// <summary>Keeps a revision's definition (once; a revision never changes).</summary>
    public void SaveRevision(StoredRevision revision)
    {
        lock (_lock)
        {
            using var command = Command(
                "INSERT OR IGNORE INTO revisions (key, state_machine_arn, revision_id, definition, role_arn, created_at) VALUES ($key, $arn, $revision, $definition, $role, $at);",
                ("$key", revision.Key), ("$arn", revision.StateMachineArn), ("$revision", revision.RevisionId),
                ("$definition", revision.Definition), ("$role", revision.RoleArn), ("$at", revision.CreatedAt.UtcTicks));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Gets a kept revision, or null.</summary>
    public StoredRevision? GetRevision(string key)
    {
        lock (_lock)
        {
            using var command = Command("SELECT key, state_machine_arn, revision_id, definition, role_arn, created_at FROM revisions WHERE key = $key;", ("$key", key));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new StoredRevision(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Date(reader.GetInt64(5)))
                : null;
        }
    }

    /// <summary>Records which revision an execution runs. An existing row is replaced only when <paramref name="replace"/>
    /// is set (the journal has no such execution: the row is a leftover); returns whether the row now holds this record.</summary>
    public bool PinExecution(IndexedExecution execution, bool replace)
    {
        lock (_lock)
        {
            using var command = Command(
                $"INSERT OR {(replace ? "REPLACE" : "IGNORE")} INTO executions (arn, state_machine_arn, version_arn, alias_arn, revision_key, started_at) VALUES ($arn, $machine, $version, $alias, $revision, $at);",
                ("$arn", execution.ExecutionArn), ("$machine", execution.StateMachineArn), ("$version", execution.VersionArn),
                ("$alias", execution.AliasArn), ("$revision", execution.RevisionKey), ("$at", execution.StartedAt.UtcTicks));
            return command.ExecuteNonQuery() > 0;
        }
    }

    /// <summary>Gets an execution's record, or null.</summary>
    public IndexedExecution? GetExecution(string executionArn)
    {
        lock (_lock)
        {
            using var command = Command($"SELECT {Columns} FROM executions WHERE arn = $arn;", ("$arn", executionArn));
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadExecution(reader) : null;
        }
    }

    /// <summary>Lists the executions started through a version (or an alias), newest first, after a position.</summary>
    public List<IndexedExecution> ListByQualifier(bool alias, string qualifiedArn, (long Ticks, string Arn)? after, int limit)
    {
        lock (_lock)
        {
            string column = alias ? "alias_arn" : "version_arn";
            using var command = Command(
                $"""
                SELECT {Columns} FROM executions WHERE {column} = $arn
                  AND ($ticks IS NULL OR started_at < $ticks OR (started_at = $ticks AND arn < $after))
                ORDER BY started_at DESC, arn DESC LIMIT $limit;
                """,
                ("$arn", qualifiedArn), ("$ticks", after?.Ticks), ("$after", after?.Arn), ("$limit", limit));
            using var reader = command.ExecuteReader();
            var rows = new List<IndexedExecution>();
            while (reader.Read())
            {
                rows.Add(ReadExecution(reader));
            }

            return rows;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _connection.Dispose();
        }
    }

    private const string Columns = "arn, state_machine_arn, version_arn, alias_arn, revision_key, started_at";

    private static IndexedExecution ReadExecution(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        Date(reader.GetInt64(5)));

    private static DateTimeOffset Date(long ticks) => new(ticks, TimeSpan.Zero);

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}

/// <summary>A state machine revision as the server keeps it.</summary>
/// <param name="Key">See <see cref="ExecutionStore.RevisionKey"/>.</param>
/// <param name="StateMachineArn">The unqualified state machine ARN.</param>
/// <param name="RevisionId">The registry's revision id.</param>
/// <param name="Definition">The ASL text.</param>
/// <param name="RoleArn">The role.</param>
/// <param name="CreatedAt">When the server first ran it.</param>
internal sealed record StoredRevision(string Key, string StateMachineArn, string RevisionId, string Definition, string RoleArn, DateTimeOffset CreatedAt);

/// <summary>A Standard execution as the server indexes it.</summary>
/// <param name="ExecutionArn">The execution ARN (the journal's instance id).</param>
/// <param name="StateMachineArn">The unqualified state machine ARN.</param>
/// <param name="VersionArn">The version it runs, when started through a version or an alias.</param>
/// <param name="AliasArn">The alias it was started through, if any.</param>
/// <param name="RevisionKey">The revision it runs.</param>
/// <param name="StartedAt">When it was indexed (its start).</param>
internal sealed record IndexedExecution(string ExecutionArn, string StateMachineArn, string? VersionArn, string? AliasArn, string RevisionKey, DateTimeOffset StartedAt);
