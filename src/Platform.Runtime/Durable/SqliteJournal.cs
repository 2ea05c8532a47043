using System.Globalization;
using Microsoft.Data.Sqlite;
using Platform.Asl.Json;

namespace Platform.Runtime.Durable;

/// <summary>The durable journal: one SQLite file in WAL mode holding instances, their orchestration histories, the activity
/// work queue and durable timers.</summary>
/// <remarks>
/// Reads open their own (pooled) connections, which WAL lets run beside the single writer. Every change goes through
/// <see cref="JournalWriter"/>, which calls the <c>Apply…</c> methods inside its batch transaction. Times are stored as UTC ticks.
/// </remarks>
internal sealed class SqliteJournal : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS instances (
            id TEXT PRIMARY KEY,
            orchestration TEXT NOT NULL,
            status TEXT NOT NULL,
            input TEXT NOT NULL,
            output TEXT,
            error TEXT,
            cause TEXT,
            custom_status TEXT,
            open_waits TEXT NOT NULL DEFAULT '',
            asl_history TEXT,
            parent_id TEXT,
            parent_seq INTEGER,
            processed INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            redrive_count INTEGER NOT NULL DEFAULT 0,
            redrive_date INTEGER,
            generation INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS history (
            instance_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            seq INTEGER NOT NULL,
            name TEXT,
            payload TEXT,
            timestamp INTEGER NOT NULL,
            PRIMARY KEY (instance_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS work_items (
            instance_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (instance_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS timers (
            instance_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            fire_at INTEGER NOT NULL,
            PRIMARY KEY (instance_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS timers_by_time ON timers (fire_at);
        CREATE INDEX IF NOT EXISTS instances_by_status ON instances (status);
        CREATE INDEX IF NOT EXISTS instances_by_creation ON instances (created_at, id);
        CREATE INDEX IF NOT EXISTS instances_by_parent ON instances (parent_id) WHERE parent_id IS NOT NULL;
        """;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, Dictionary<string, JournalStatement>> Statements = new();

    /// <summary>How long any statement waits out a busy database before it fails (Microsoft.Data.Sqlite's default, 30 s).</summary>
    internal const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _connectionString;
    private readonly System.Collections.Concurrent.ConcurrentBag<SqliteConnection> _readers = [];

    private readonly FileStream? _lock;

    public SqliteJournal(string path, bool fullSync)
    {
        Path = path;
        _lock = Lock(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        FullSync = fullSync;
        try
        {
            using var connection = Open();
            Execute(connection, null, "PRAGMA journal_mode=WAL;");
            Execute(connection, null, Schema);
            AddColumnIfMissing(connection, "instances", "redrive_count", "INTEGER NOT NULL DEFAULT 0");
            AddColumnIfMissing(connection, "instances", "redrive_date", "INTEGER");
            AddColumnIfMissing(connection, "instances", "generation", "INTEGER NOT NULL DEFAULT 0");
        }
        catch
        {
            _lock?.Dispose();
            throw;
        }
    }

    /// <summary>Takes the journal for this process alone: two hosts appending to one journal would each replay and run the
    /// same executions (tasks twice, timers fired twice). The lock is the operating system's on <c>&lt;path&gt;.lock</c>, so a
    /// killed process leaves none behind.</summary>
    /// <exception cref="JournalInUseException">Another host (in this or another process) has the journal open.</exception>
    private static FileStream? Lock(string path)
    {
        if (path.Length == 0 || path.StartsWith(':') || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string lockPath = path + ".lock";
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException ex) when (File.Exists(lockPath))
        {
            throw new JournalInUseException(
                $"The journal '{path}' is in use: another durable host (a running 'platform serve' or another process) has it open, " +
                $"and two hosts on one journal would run the same executions twice. Stop that one, or use another data folder. ({ex.Message})",
                ex);
        }
    }

    /// <summary>Brings a journal made by an earlier version up to the current schema (CREATE TABLE IF NOT EXISTS adds no columns).</summary>
    private static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string definition)
    {
        using var info = connection.CreateCommand();
#pragma warning disable CA2100 // Table and column names are constants of this class.
        info.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if (Convert.ToInt64(info.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            Execute(connection, null, $"ALTER TABLE {table} ADD COLUMN {column} {definition};");
        }
#pragma warning restore CA2100
    }

    public string Path { get; }

    public bool FullSync { get; }

    /// <summary>Opens a connection; the writer's gets the chosen synchronous level.</summary>
    public SqliteConnection Open(bool writer = false)
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // DefaultTimeout makes SqliteCommand retry a busy database, but the journal prepares and steps its statements on
        // the handle (JournalStatement), and preparing the first statement of a connection reads the schema, which SQLite
        // may answer "database is locked" while another connection holds a lock. SQLite's own busy handler waits that out
        // everywhere (a call on the handle, no SQL parsed, so cheap on every pooled open).
        SqliteException.ThrowExceptionForRC(SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds), connection.Handle);
        if (writer)
        {
            Execute(connection, null, FullSync ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        }

        return connection;
    }

    /// <summary>Lends an open read connection (its prepared statements kept); give it back by disposing the lease.</summary>
    public ReadLease Read() => new(this, _readers.TryTake(out var connection) ? connection : Open());

    public void Dispose()
    {
        while (_readers.TryTake(out var reader))
        {
            Close(reader);
        }

        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        _lock?.Dispose();
    }

    // ---- reads ----

    public (DurableExecution Execution, string StoredInput)? GetInstance(string instanceId)
    {
        using var lease = Read();
        var connection = lease.Connection;
        var command = Command(connection, null, "SELECT orchestration, status, input, output, error, cause, custom_status, created_at, updated_at, redrive_count, redrive_date FROM instances WHERE id = $id", ("$id", instanceId));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        string input = reader.GetString(2);
        var execution = new DurableExecution(
            instanceId,
            reader.GetString(0),
            Enum.Parse<DurableStatus>(reader.GetString(1)),
            Platform.Asl.Json.JNode.Null,
            reader.IsDBNull(3) ? null : Platform.Asl.Json.JNode.Parse(reader.GetString(3)),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            new DateTime(reader.GetInt64(7), DateTimeKind.Utc),
            new DateTime(reader.GetInt64(8), DateTimeKind.Utc))
        {
            RedriveCount = reader.GetInt32(9),
            RedriveDate = reader.IsDBNull(10) ? null : new DateTime(reader.GetInt64(10), DateTimeKind.Utc),
        };
        return (execution, input);
    }

    /// <summary>Reads an instance's status alone, or null when there is no such instance.</summary>
    public DurableStatus? GetStatus(string instanceId)
    {
        using var lease = Read();
        var command = Command(lease.Connection, null, "SELECT status FROM instances WHERE id = $id", ("$id", instanceId));
        return command.ExecuteScalar() is string status ? Enum.Parse<DurableStatus>(status) : null;
    }

    /// <summary>Lists instance rows newest first (created time, then id, descending), after a page position.</summary>
    public List<(DurableExecution Execution, string StoredInput)> ListInstances(string? orchestration, string? status, int limit, (long Ticks, string Id)? after, bool mapRunChildren = true)
    {
        using var lease = Read();
        var connection = lease.Connection;
        var command = Command(
            connection,
            null,
            """
            SELECT id, orchestration, status, input, output, error, cause, custom_status, created_at, updated_at, redrive_count, redrive_date FROM instances
            WHERE ($orchestration IS NULL OR orchestration = $orchestration)
              AND ($status IS NULL OR status = $status)
              AND ($afterTicks IS NULL OR created_at < $afterTicks OR (created_at = $afterTicks AND id < $afterId))
              AND ($mapRunChildren = 1 OR parent_id IS NULL OR id NOT GLOB '*:execution:*/*')
            ORDER BY created_at DESC, id DESC
            LIMIT $limit
            """,
            ("$orchestration", orchestration),
            ("$status", status),
            ("$afterTicks", after?.Ticks),
            ("$afterId", after?.Id),
            ("$limit", limit),
            ("$mapRunChildren", mapRunChildren ? 1 : 0));
        using var reader = command.ExecuteReader();
        var rows = new List<(DurableExecution, string)>();
        while (reader.Read())
        {
            var execution = new DurableExecution(
                reader.GetString(0),
                reader.GetString(1),
                Enum.Parse<DurableStatus>(reader.GetString(2)),
                Platform.Asl.Json.JNode.Null,
                reader.IsDBNull(4) ? null : Platform.Asl.Json.JNode.Parse(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                new DateTime(reader.GetInt64(8), DateTimeKind.Utc),
                new DateTime(reader.GetInt64(9), DateTimeKind.Utc))
            {
                RedriveCount = reader.GetInt32(10),
                RedriveDate = reader.IsDBNull(11) ? null : new DateTime(reader.GetInt64(11), DateTimeKind.Utc),
            };
            rows.Add((execution, reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>Reads an ended execution's ASL history (AWS's event JSON array), or null when there is none.</summary>
    public string? GetAslHistory(string instanceId)
    {
        using var lease = Read();
        var connection = lease.Connection;
        var command = Command(connection, null, "SELECT asl_history FROM instances WHERE id = $id", ("$id", instanceId));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Loads the instance row and its history events after <paramref name="afterPosition"/>, in one read transaction.</summary>
    public InstanceHistory? LoadHistory(string instanceId, long afterPosition)
    {
        using var lease = Read();
        var connection = lease.Connection;
        using var transaction = connection.BeginTransaction(deferred: true);
        string orchestration, input;
        DurableStatus status;
        long processed;
        int generation, redrives;
        var instance = Command(connection, transaction, "SELECT orchestration, input, status, processed, generation, redrive_count FROM instances WHERE id = $id", ("$id", instanceId));
        using (var reader = instance.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            orchestration = reader.GetString(0);
            input = reader.GetString(1);
            status = Enum.Parse<DurableStatus>(reader.GetString(2));
            processed = reader.GetInt64(3);
            generation = reader.GetInt32(4);
            redrives = reader.GetInt32(5);
        }

        var events = new List<JournalEvent>();
        var history = Command(
            connection,
            transaction,
            "SELECT position, kind, seq, name, payload, timestamp FROM history WHERE instance_id = $id AND position > $after ORDER BY position",
            ("$id", instanceId),
            ("$after", afterPosition));
        using (var reader = history.ExecuteReader())
        {
            while (reader.Read())
            {
                events.Add(new JournalEvent(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    new DateTime(reader.GetInt64(5), DateTimeKind.Utc)));
            }
        }

        transaction.Commit();
        return new InstanceHistory(orchestration, input, status, processed, events) { Generation = generation, RedriveCount = redrives };
    }

    /// <summary>Running instances with history their last episode has not processed (to resume after a restart).</summary>
    public List<string> InstancesWithNewEvents()
    {
        using var lease = Read();
        var connection = lease.Connection;
        var command = Command(
            connection,
            null,
            "SELECT i.id FROM instances i WHERE i.status = 'Running' AND (SELECT MAX(position) FROM history h WHERE h.instance_id = i.id) > i.processed");
        return ReadStrings(command);
    }

    public List<WorkItem> PendingWork()
    {
        using var lease = Read();
        var connection = lease.Connection;
        var command = Command(
            connection,
            null,
            "SELECT w.instance_id, w.seq, w.name, w.payload, COALESCE(i.generation, 0) FROM work_items w LEFT JOIN instances i ON i.id = w.instance_id ORDER BY w.created_at, w.instance_id, w.seq");
        using var reader = command.ExecuteReader();
        var items = new List<WorkItem>();
        while (reader.Read())
        {
            items.Add(new WorkItem(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return items;
    }

    public DateTime? NextTimer()
    {
        using var lease = Read();
        var connection = lease.Connection;
        var command = Command(connection, null, "SELECT MIN(fire_at) FROM timers");
        object? value = command.ExecuteScalar();
        return value is long ticks ? new DateTime(ticks, DateTimeKind.Utc) : null;
    }

    public List<DurableTimer> DueTimers(DateTime now)
    {
        using var lease = Read();
        var connection = lease.Connection;
        var command = Command(connection, null, "SELECT instance_id, seq, fire_at FROM timers WHERE fire_at <= $now ORDER BY fire_at, instance_id, seq", ("$now", now.Ticks));
        using var reader = command.ExecuteReader();
        var timers = new List<DurableTimer>();
        while (reader.Read())
        {
            timers.Add(new DurableTimer(reader.GetString(0), reader.GetInt32(1), new DateTime(reader.GetInt64(2), DateTimeKind.Utc)));
        }

        return timers;
    }

    public int CountHistory(string instanceId, string kind)
    {
        using var lease = Read();
        var connection = lease.Connection;
        var command = Command(connection, null, "SELECT COUNT(*) FROM history WHERE instance_id = $id AND kind = $kind", ("$id", instanceId), ("$kind", kind));
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    // ---- writes (called by the writer, inside its transaction) ----

    /// <summary>Creates an instance with its ExecutionStarted event; false when the id is taken.</summary>
    public static bool ApplyCreate(SqliteConnection c, SqliteTransaction t, string instanceId, string orchestration, string input, DateTime now, string? parentId = null, int parentSeq = -1)
    {
        var exists = Command(c, t, "SELECT 1 FROM instances WHERE id = $id", ("$id", instanceId));
        if (exists.ExecuteScalar() is not null)
        {
            return false;
        }

        var insert = Command(
            c,
            t,
            "INSERT INTO instances (id, orchestration, status, input, created_at, updated_at, parent_id, parent_seq) VALUES ($id, $o, 'Running', $input, $now, $now, $parent, $parentSeq)",
            ("$id", instanceId),
            ("$o", orchestration),
            ("$input", input),
            ("$now", now.Ticks),
            ("$parent", parentId),
            ("$parentSeq", parentId is null ? null : parentSeq));
        insert.ExecuteNonQuery();
        Append(c, t, instanceId, HistoryKinds.ExecutionStarted, -1, orchestration, input, now);
        return true;
    }

    /// <summary>Records an activity's outcome and removes its work item; false when it was already recorded (a redelivery).</summary>
    public static bool ApplyTaskCompleted(SqliteConnection c, SqliteTransaction t, string instanceId, int seq, string outcome, DateTime now)
    {
        var delete = Command(c, t, "DELETE FROM work_items WHERE instance_id = $id AND seq = $seq", ("$id", instanceId), ("$seq", seq));
        if (delete.ExecuteNonQuery() == 0)
        {
            return false;
        }

        Append(c, t, instanceId, HistoryKinds.TaskCompleted, seq, null, outcome, now);
        return true;
    }

    /// <summary>Records a task's result and the episode that processed it, in one transaction, when nothing but the
    /// context's own actions was appended after position <paramref name="delivered"/> (the last event it processed);
    /// otherwise records the result alone. Returns the result's position, and the parent told of the end (if the
    /// episode ended a child instance).</summary>
    public static (FusedCommit Outcome, long Position, string? Parent) ApplyTaskCompletedWithEpisode(
        SqliteConnection c, SqliteTransaction t, string instanceId, int seq, string outcome, DateTime now, long delivered, EpisodeCommit commit)
    {
        // One read for both: was anything but the context's own actions appended after what it processed, and where does the
        // history end (the result goes right after; nothing else appends to it within this write).
        var state = Command(
            c,
            t,
            """
            SELECT (SELECT COUNT(*) FROM history WHERE instance_id = $id AND position > $delivered AND kind NOT IN ($scheduled, $timer, $child)),
                   (SELECT COALESCE(MAX(position), 0) FROM history WHERE instance_id = $id)
            """,
            ("$id", instanceId),
            ("$delivered", delivered),
            ("$scheduled", HistoryKinds.TaskScheduled),
            ("$timer", HistoryKinds.TimerCreated),
            ("$child", HistoryKinds.SubOrchestrationScheduled));
        bool current;
        long position;
        using (var reader = state.ExecuteReader())
        {
            reader.Read();
            current = reader.GetInt64(0) == 0;
            position = reader.GetInt64(1) + 1;
        }

        var delete = Command(c, t, "DELETE FROM work_items WHERE instance_id = $id AND seq = $seq", ("$id", instanceId), ("$seq", seq));
        if (delete.ExecuteNonQuery() == 0)
        {
            return (FusedCommit.Duplicate, 0, null);
        }

        AppendAt(c, t, instanceId, position, HistoryKinds.TaskCompleted, seq, null, outcome, now);
        if (!current)
        {
            return (FusedCommit.ResultOnly, position, null);
        }

        // The result is the only event the episode processed: if the run ended, it ended there (what a redrive rewinds).
        string? parent = ApplyEpisode(c, t, commit with { Processed = position, EndedAt = commit.Completion is null ? commit.EndedAt : position });
        return (FusedCommit.Committed, position, parent);
    }

    /// <summary>Fires a timer; false when it already fired or its instance ended.</summary>
    public static bool ApplyTimerFired(SqliteConnection c, SqliteTransaction t, string instanceId, int seq, DateTime firedAt)
    {
        var delete = Command(c, t, "DELETE FROM timers WHERE instance_id = $id AND seq = $seq", ("$id", instanceId), ("$seq", seq));
        if (delete.ExecuteNonQuery() == 0)
        {
            return false;
        }

        Append(c, t, instanceId, HistoryKinds.TimerFired, seq, null, DurableJson.Ticks(firedAt), firedAt);
        return true;
    }

    /// <summary>Appends an external event; false when the instance does not exist or has ended.</summary>
    public static bool ApplyEventRaised(SqliteConnection c, SqliteTransaction t, string instanceId, string name, string payload, DateTime now)
    {
        var status = Command(c, t, "SELECT status FROM instances WHERE id = $id", ("$id", instanceId));
        if (status.ExecuteScalar() as string != nameof(DurableStatus.Running))
        {
            return false;
        }

        Append(c, t, instanceId, HistoryKinds.EventRaised, -1, name, payload, now);
        return true;
    }

    /// <summary>Gets the running children of an instance, with their stored inputs.</summary>
    public List<(string Id, string Input)> RunningChildren(string parentId)
    {
        using var lease = Read();
        var command = Command(
            lease.Connection,
            null,
            "SELECT id, input FROM instances WHERE parent_id = $id AND status = $running",
            ("$id", parentId),
            ("$running", nameof(DurableStatus.Running)));
        using var reader = command.ExecuteReader();
        var children = new List<(string, string)>();
        while (reader.Read())
        {
            children.Add((reader.GetString(0), reader.GetString(1)));
        }

        return children;
    }

    /// <summary>Tells a child's parent (in the same transaction as the child's end) that its sub-orchestration ended;
    /// returns the parent, or null when the instance has none.</summary>
    private static string? NotifyParent(SqliteConnection c, SqliteTransaction t, string childId, InstanceCompletion end, DateTime now)
    {
        var read = Command(c, t, "SELECT parent_id, parent_seq, created_at FROM instances WHERE id = $id", ("$id", childId));
        string? parentId;
        long parentSeq, created;
        using (var reader = read.ExecuteReader())
        {
            if (!reader.Read() || reader.IsDBNull(0))
            {
                return null;
            }

            (parentId, parentSeq, created) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        var result = new JObjectBuilder(6);
        result.Set("status", JNode.From(end.Status.ToString()));
        if (end.Output is not null)
        {
            result.Set("output", JNode.Parse(end.Output));
        }

        if (end.Error is not null)
        {
            result.Set("error", JNode.From(end.Error));
        }

        if (end.Cause is not null)
        {
            result.Set("cause", JNode.From(end.Cause));
        }

        result.Set("startedAt", JNode.From(new DateTime(created, DateTimeKind.Utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        result.Set("endedAt", JNode.From(now.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        Append(c, t, parentId, HistoryKinds.SubOrchestrationCompleted, (int)parentSeq, null, result.Build().ToString(), now);
        return parentId;
    }

    /// <summary>Appends the answer (or heartbeat) <paramref name="eventName"/> for the wait <paramref name="waitId"/>, but only
    /// while that wait is open and not already answered: a used, timed-out or stale token changes nothing.</summary>
    public static CallbackResult ApplyTaskCallback(
        SqliteConnection c, SqliteTransaction t, string instanceId, string waitId, string eventName, string payload, DateTime now)
    {
        var read = Command(c, t, "SELECT status, open_waits, processed FROM instances WHERE id = $id", ("$id", instanceId));
        string status, openWaits;
        long processed;
        using (var reader = read.ExecuteReader())
        {
            if (!reader.Read())
            {
                return CallbackResult.NoExecution;
            }

            (status, openWaits, processed) = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }

        if (status != nameof(DurableStatus.Running))
        {
            return CallbackResult.ExecutionEnded;
        }

        if (!openWaits.Split('\n').Contains(waitId, StringComparer.Ordinal))
        {
            return CallbackResult.NotWaiting;
        }

        // An answer already on its way (appended, not yet processed) uses the token up.
        var answered = Command(
            c,
            t,
            "SELECT COUNT(*) FROM history WHERE instance_id = $id AND position > $processed AND kind = $kind AND name = $name",
            ("$id", instanceId),
            ("$processed", processed),
            ("$kind", HistoryKinds.EventRaised),
            ("$name", waitId));
        if (Convert.ToInt64(answered.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            return CallbackResult.NotWaiting;
        }

        Append(c, t, instanceId, HistoryKinds.EventRaised, -1, eventName, payload, now);
        return CallbackResult.Accepted;
    }

    /// <summary>Reads a setting, or stores <paramref name="create"/>'s value when there is none.</summary>
    public string GetOrAddSetting(string name, Func<string> create)
    {
        using var lease = Read();
        var connection = lease.Connection;
        using var transaction = connection.BeginTransaction();
        var read = Command(connection, transaction, "SELECT value FROM settings WHERE name = $name", ("$name", name));
        if (read.ExecuteScalar() is string existing)
        {
            return existing;
        }

        string value = create();
        var write = Command(connection, transaction, "INSERT INTO settings (name, value) VALUES ($name, $value)", ("$name", name), ("$value", value));
        write.ExecuteNonQuery();
        transaction.Commit();
        return value;
    }

    /// <summary>Opens the savepoint of one write of a batch (see <see cref="JournalWriter"/>).</summary>
    public static void Savepoint(SqliteConnection c) => Command(c, null, "SAVEPOINT w").ExecuteNonQuery();

    /// <summary>Releases the savepoint of one write: its changes join the batch's transaction.</summary>
    public static void ReleaseSavepoint(SqliteConnection c) => Command(c, null, "RELEASE w").ExecuteNonQuery();

    /// <summary>Undoes one write's changes (its savepoint stays open until released).</summary>
    public static void RollbackToSavepoint(SqliteConnection c) => Command(c, null, "ROLLBACK TO w").ExecuteNonQuery();

    /// <summary>Commits an episode: its new actions (history events plus work items and timers), how far it processed the
    /// history, and the instance's end if it ended (which also drops its outstanding work and timers). Returns the parent
    /// told of the end, when the episode ended a child instance.</summary>
    public static string? ApplyEpisode(SqliteConnection c, SqliteTransaction t, EpisodeCommit commit)
    {
        string id = commit.InstanceId;
        string? parent = null;
        foreach (var action in commit.Actions)
        {
            Append(c, t, id, action.Kind, action.Sequence, action.Name, action.Payload, commit.Now);
            if (action.Kind == HistoryKinds.SubOrchestrationScheduled)
            {
                // The child starts in the same transaction that records the action: both happen, or neither.
                var child = (JObject)JNode.Parse(action.Payload);
                string childId = ((JString)child["instanceId"]!).Value;
                if (commit.Completion is not null)
                {
                    // The parent ends in this very commit (say a sibling branch failed): nobody waits for the child.
                    continue;
                }

                if (commit.IsRegistered?.Invoke(action.Name!) == false)
                {
                    string missing = new JObject(["status", "error", "cause"], [JNode.From("Failed"), JNode.From("StateMachineDoesNotExist"), JNode.From($"State Machine Does Not Exist: '{action.Name}'")]).ToString();
                    Append(c, t, id, HistoryKinds.SubOrchestrationCompleted, action.Sequence, null, missing, commit.Now);
                    continue;
                }

                if (!ApplyCreate(c, t, childId, action.Name!, ((JString)child["input"]!).Value, commit.Now, id, action.Sequence))
                {
                    // The id is taken: the child's end is reported at once, as a failure to start it.
                    string refused = new JObject(["status", "error", "cause"], [JNode.From("Failed"), JNode.From("ExecutionAlreadyExists"), JNode.From($"An execution with id '{childId}' already exists.")]).ToString();
                    Append(c, t, id, HistoryKinds.SubOrchestrationCompleted, action.Sequence, null, refused, commit.Now);
                }

                continue;
            }

            Schedule(c, t, id, action, commit.Now);
        }

        foreach (var timer in commit.Rearm)
        {
            Schedule(c, t, id, timer, commit.Now);
        }

        if (commit.Completion is { ContinueInput: { } continued } next)
        {
            ApplyContinueAsNew(c, t, commit, continued, next.History);
        }
        else if (commit.Completion is { } end)
        {
            // The end's seq is the position of the event that ended the run: what a redrive rewinds.
            Append(c, t, id, HistoryKinds.ExecutionCompleted, (int)Math.Min(commit.EndedAt, int.MaxValue), end.Status.ToString(), end.Output, commit.Now);
            var update = Command(
                c,
                t,
                "UPDATE instances SET status = $status, output = $output, error = $error, cause = $cause, custom_status = $custom, open_waits = '', asl_history = $history, processed = $processed, updated_at = $now WHERE id = $id",
                ("$id", id),
                ("$status", end.Status.ToString()),
                ("$output", end.Output),
                ("$error", end.Error),
                ("$cause", end.Cause),
                ("$history", end.History),
                ("$custom", commit.CustomStatus),
                ("$processed", commit.Processed),
                ("$now", commit.Now.Ticks));
            update.ExecuteNonQuery();
            parent = NotifyParent(c, t, id, end, commit.Now);
            var dropWork = Command(c, t, "DELETE FROM work_items WHERE instance_id = $id", ("$id", id));
            dropWork.ExecuteNonQuery();
            var dropTimers = Command(c, t, "DELETE FROM timers WHERE instance_id = $id", ("$id", id));
            dropTimers.ExecuteNonQuery();
        }
        else
        {
            var update = Command(
                c,
                t,
                "UPDATE instances SET processed = $processed, custom_status = $custom, open_waits = $waits, updated_at = $now WHERE id = $id",
                ("$id", id),
                ("$custom", commit.CustomStatus),
                ("$waits", commit.OpenWaits),
                ("$processed", commit.Processed),
                ("$now", commit.Now.Ticks));
            update.ExecuteNonQuery();
        }

        return parent;
    }

    /// <summary>RedriveExecution in one transaction: checks that the execution may be redriven, supersedes the failure that
    /// ended it and every failure recorded after that, appends the redrive marker (and AWS's ExecutionRedriven event to the
    /// stored ASL history), and sets it running. A refused redrive changes nothing.</summary>
    public static RedriveOutcome ApplyRedrive(SqliteConnection c, SqliteTransaction t, string instanceId, DateTime now)
    {
        var read = Command(c, t, "SELECT status, error, created_at, updated_at, asl_history, redrive_count FROM instances WHERE id = $id", ("$id", instanceId));
        DurableStatus status;
        string? error, aslHistory;
        DateTime created, ended;
        int redrives;
        using (var reader = read.ExecuteReader())
        {
            if (!reader.Read())
            {
                return new RedriveOutcome(RedriveOutcomeStatus.NoExecution);
            }

            status = Enum.Parse<DurableStatus>(reader.GetString(0));
            error = reader.IsDBNull(1) ? null : reader.GetString(1);
            created = new DateTime(reader.GetInt64(2), DateTimeKind.Utc);
            ended = new DateTime(reader.GetInt64(3), DateTimeKind.Utc);
            aslHistory = reader.IsDBNull(4) ? null : reader.GetString(4);
            redrives = reader.GetInt32(5);
        }

        var history = aslHistory is null ? null : (JArray)JNode.Parse(aslHistory);
        if (RedriveRules.Refusal(status, error, created, ended, history?.Count ?? 0, now) is { } reason)
        {
            return new RedriveOutcome(RedriveOutcomeStatus.NotRedrivable, redrives, reason);
        }

        var end = Command(
            c,
            t,
            "SELECT seq FROM history WHERE instance_id = $id AND kind = $kind ORDER BY position DESC LIMIT 1",
            ("$id", instanceId),
            ("$kind", HistoryKinds.ExecutionCompleted));
        if (end.ExecuteScalar() is not long endedBy || endedBy <= 0)
        {
            return new RedriveOutcome(RedriveOutcomeStatus.NotRedrivable, redrives, "The journal does not record which event ended the execution, so it cannot be redriven.");
        }

        // The failure that ended the run, and any failure recorded after it (a sibling branch's, a timeout that fired
        // meanwhile): the redriven attempt runs that work again. Successes recorded after it stay (their tasks do not rerun).
        // A run that ended in a Fail state (even one reached by catching a task's failure) fails there again, as on AWS: its
        // ending event stays.
        long supersedeFrom = history is not null && RedriveRules.EndedInFailState(history) ? endedBy + 1 : endedBy;

        var outcomes = Command(
            c,
            t,
            "SELECT position, kind, name, payload FROM history WHERE instance_id = $id AND position >= $from AND kind IN ('TaskCompleted', 'TimerFired', 'EventRaised', 'SubOrchestrationCompleted') ORDER BY position",
            ("$id", instanceId),
            ("$from", supersedeFrom));
        var superseded = new List<(long Position, string Kind)>();
        using (var reader = outcomes.ExecuteReader())
        {
            while (reader.Read())
            {
                string kind = reader.GetString(1);
                if (RedriveRules.IsFailure(kind, reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)))
                {
                    superseded.Add((reader.GetInt64(0), kind));
                }
            }
        }

        foreach (var (position, kind) in superseded)
        {
            var rewind = Command(
                c,
                t,
                "UPDATE history SET kind = $kind WHERE instance_id = $id AND position = $position",
                ("$id", instanceId),
                ("$position", position),
                ("$kind", HistoryKinds.RewoundPrefix + kind));
            rewind.ExecuteNonQuery();
        }

        int count = redrives + 1;
        var marker = new JObject(["redriveCount", "from"], [JNode.From(count), JNode.From(endedBy + 1)]);
        Append(c, t, instanceId, HistoryKinds.ExecutionRedriven, -1, null, marker.ToString(), now);
        string? newHistory = null;
        if (history is not null)
        {
            long last = history.Count;
            var redriven = new Platform.Engine.History.HistoryEvent(
                last + 1, last, now, Platform.Engine.History.HistoryEventTypes.ExecutionRedriven, new JObject(["redriveCount"], [JNode.From(count)]));
            newHistory = new JArray([.. history.Items, redriven.ToAwsJson()]).ToString();
        }

        var update = Command(
            c,
            t,
            "UPDATE instances SET status = 'Running', output = NULL, error = NULL, cause = NULL, open_waits = '', asl_history = $history, redrive_count = $count, redrive_date = $now, updated_at = $now WHERE id = $id",
            ("$id", instanceId),
            ("$history", newHistory),
            ("$count", count),
            ("$now", now.Ticks));
        update.ExecuteNonQuery();
        return new RedriveOutcome(RedriveOutcomeStatus.Redriven, count);
    }

    /// <summary>Counts the events of an ended execution's stored ASL history (0 when it kept none).</summary>
    public int CountAslHistory(string instanceId)
    {
        using var lease = Read();
        var command = Command(lease.Connection, null, "SELECT COALESCE(json_array_length(asl_history), 0) FROM instances WHERE id = $id", ("$id", instanceId));
        return Convert.ToInt32(command.ExecuteScalar() ?? 0, CultureInfo.InvariantCulture);
    }

    /// <summary>Continue-as-new: the instance's journal starts over with <paramref name="input"/> (a new ExecutionStarted),
    /// its generation goes up, and the ASL history so far is stored. External events raised after the last processed
    /// position are kept, after the new start (Durable Task's preserveUnprocessedEvents); late task results and timer
    /// firings belong to the old journal and go with it, as do its timers and work items.</summary>
    private static void ApplyContinueAsNew(SqliteConnection c, SqliteTransaction t, EpisodeCommit commit, string input, string? aslHistory)
    {
        string id = commit.InstanceId;
        var kept = new List<(string? Name, string? Payload, long Timestamp)>();
        var unprocessed = Command(
            c,
            t,
            "SELECT name, payload, timestamp FROM history WHERE instance_id = $id AND position > $processed AND kind = $kind ORDER BY position",
            ("$id", id),
            ("$processed", commit.Processed),
            ("$kind", HistoryKinds.EventRaised));
        using (var reader = unprocessed.ExecuteReader())
        {
            while (reader.Read())
            {
                kept.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));
            }
        }

        foreach (string table in new[] { "history", "work_items", "timers" })
        {
            var drop = Command(c, t, $"DELETE FROM {table} WHERE instance_id = $id", ("$id", id));
            drop.ExecuteNonQuery();
        }

        var started = Command(c, t, "SELECT orchestration FROM instances WHERE id = $id", ("$id", id));
        Append(c, t, id, HistoryKinds.ExecutionStarted, -1, (string?)started.ExecuteScalar(), input, commit.Now);
        foreach (var (name, payload, timestamp) in kept)
        {
            Append(c, t, id, HistoryKinds.EventRaised, -1, name, payload, new DateTime(timestamp, DateTimeKind.Utc));
        }

        var update = Command(
            c,
            t,
            """
            UPDATE instances SET input = $input, generation = generation + 1, processed = 0, open_waits = '',
                asl_history = COALESCE($history, asl_history), custom_status = $custom, updated_at = $now
            WHERE id = $id
            """,
            ("$id", id),
            ("$input", input),
            ("$history", aslHistory),
            ("$custom", commit.CustomStatus),
            ("$now", commit.Now.Ticks));
        update.ExecuteNonQuery();
    }

    /// <summary>Queues what an action waits on: a work item for a scheduled task, a timer otherwise (a row already there stays).</summary>
    private static void Schedule(SqliteConnection c, SqliteTransaction t, string instanceId, NewAction action, DateTime now)
    {
        var command = action.Kind == HistoryKinds.TaskScheduled
            ? Command(
                c,
                t,
                "INSERT OR IGNORE INTO work_items (instance_id, seq, name, payload, created_at) VALUES ($id, $seq, $name, $payload, $now)",
                ("$id", instanceId),
                ("$seq", action.Sequence),
                ("$name", action.Name!),
                ("$payload", action.Payload),
                ("$now", now.Ticks))
            : Command(
                c,
                t,
                "INSERT OR IGNORE INTO timers (instance_id, seq, fire_at) VALUES ($id, $seq, $fireAt)",
                ("$id", instanceId),
                ("$seq", action.Sequence),
                ("$fireAt", action.FireAt.Ticks));
        command.ExecuteNonQuery();
    }

    /// <summary>Appends an event at a position the caller read in this same write (the one after the last).</summary>
    private static void AppendAt(SqliteConnection c, SqliteTransaction t, string instanceId, long position, string kind, int seq, string? name, string? payload, DateTime timestamp)
    {
        var command = Command(
            c,
            t,
            "INSERT INTO history (instance_id, position, kind, seq, name, payload, timestamp) VALUES ($id, $position, $kind, $seq, $name, $payload, $ts)",
            ("$id", instanceId),
            ("$position", position),
            ("$kind", kind),
            ("$seq", seq),
            ("$name", name),
            ("$payload", payload),
            ("$ts", timestamp.Ticks));
        command.ExecuteNonQuery();
    }

    private static void Append(SqliteConnection c, SqliteTransaction t, string instanceId, string kind, int seq, string? name, string? payload, DateTime timestamp)
    {
        var command = Command(
            c,
            t,
            """
            INSERT INTO history (instance_id, position, kind, seq, name, payload, timestamp)
            VALUES ($id, (SELECT COALESCE(MAX(position), 0) + 1 FROM history WHERE instance_id = $id), $kind, $seq, $name, $payload, $ts)
            """,
            ("$id", instanceId),
            ("$kind", kind),
            ("$seq", seq),
            ("$name", name),
            ("$payload", payload),
            ("$ts", timestamp.Ticks));
        command.ExecuteNonQuery();
    }

    /// <summary>Runs SQL once (pragmas, the schema: it may hold several statements).</summary>
    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is constant.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    private static List<string> ReadStrings(JournalStatement command)
    {
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Returns the connection's prepared statement for <paramref name="sql"/> (made once per connection and kept, so
    /// SQLite parses each statement once), bound to the parameter values.</summary>
    /// <remarks>Callers must not dispose the statement: it belongs to the connection and goes with it (<see cref="Close"/>).
    /// The transaction is the connection's: SQLite runs every statement of a connection in its open transaction.</remarks>
    private static JournalStatement Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        _ = transaction;
        var statements = Statements.GetOrCreateValue(connection);
        if (!statements.TryGetValue(sql, out var statement))
        {
            statement = new JournalStatement(connection, sql, parameters);
            statements[sql] = statement;
        }

        return statement.Bind(parameters);
    }

    /// <summary>Closes a connection this journal opened, with the statements it prepared on it.</summary>
    public static void Close(SqliteConnection connection)
    {
        if (Statements.TryGetValue(connection, out var statements))
        {
            foreach (var statement in statements.Values)
            {
                statement.Dispose();
            }

            Statements.Remove(connection);
        }

        connection.Dispose();
    }

    /// <summary>A read connection on loan from the journal's pool.</summary>
    internal readonly struct ReadLease(SqliteJournal journal, SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public void Dispose() => journal._readers.Add(Connection);
    }
}
