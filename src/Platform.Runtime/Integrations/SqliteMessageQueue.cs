using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Integrations;

namespace Platform.Runtime.Integrations;

/// <summary>Durable local queues on a SQLite file: messages survive restarts; a receive locks a message until it is
/// completed, abandoned, or its lock expires (then it is delivered again).</summary>
/// <remarks>Time comes from the given <see cref="TimeProvider"/>, so delays and lock expiry follow a test's fake clock.
/// Every operation is one immediate transaction, so several consumers (threads or processes) never take the same message.</remarks>
public sealed class SqliteMessageQueue : IMessageQueue
{
    /// <summary>The largest body, in UTF-8 bytes (SQS's 256 KiB; Service Bus Standard's limit is the same).</summary>
    public const int MaxBodyBytes = 262_144;

    /// <summary>How long a deduplication id is remembered (SQS's five minutes).</summary>
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromMinutes(5);

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS queue_messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            queue TEXT NOT NULL,
            message_id TEXT NOT NULL,
            body TEXT NOT NULL,
            attributes TEXT NOT NULL,
            group_id TEXT,
            dedup_id TEXT,
            enqueued_at INTEGER NOT NULL,
            visible_at INTEGER NOT NULL,
            lock_token TEXT,
            delivery_count INTEGER NOT NULL DEFAULT 0,
            completed INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS queue_messages_visible ON queue_messages (queue, completed, visible_at, seq);
        CREATE INDEX IF NOT EXISTS queue_messages_dedup ON queue_messages (queue, dedup_id) WHERE dedup_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS queue_messages_lock ON queue_messages (lock_token) WHERE lock_token IS NOT NULL;
        """;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Opens (or creates) the queues in the SQLite file at <paramref name="path"/>.</summary>
    public SqliteMessageQueue(string path, TimeProvider? timeProvider = null)
    {
        _database = new SqliteDatabase(path, Schema);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Returns why <paramref name="queue"/> cannot name a queue, or null: 1 to 80 letters, digits, '-' and '_',
    /// optionally ending in <c>.fifo</c> (SQS's rule, which Service Bus names also satisfy).</summary>
    public static string? ValidateQueueName(string? queue)
    {
        if (string.IsNullOrEmpty(queue))
        {
            return "the queue name is empty";
        }

        string stem = queue.EndsWith(".fifo", StringComparison.Ordinal) ? queue[..^5] : queue;
        if (queue.Length > 80 || stem.Length == 0)
        {
            return $"the queue name '{queue}' must have 1 to 80 characters";
        }

        foreach (char c in stem)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return $"the queue name '{queue}' contains '{c}'; only letters, digits, '-' and '_' are allowed (and a '.fifo' suffix)";
            }
        }

        return null;
    }

    /// <inheritdoc />
    public ValueTask<SentMessage> SendAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        CheckQueue(queue);
        ArgumentNullException.ThrowIfNull(message);
        int size = Encoding.UTF8.GetByteCount(message.Body);
        if (size > MaxBodyBytes)
        {
            throw new QueueException(QueueError.MessageTooLarge, $"The message for queue '{queue}' is {size} bytes, over the limit of {MaxBodyBytes}.");
        }

        if (message.Delay < TimeSpan.Zero)
        {
            throw new QueueException(QueueError.InvalidArgument, $"The delay of a message for queue '{queue}' cannot be negative ({message.Delay}).");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        string attributes = WriteAttributes(message.Attributes);
        return ValueTask.FromResult(_database.Write((c, t) =>
        {
            if (message.DeduplicationId is { } dedup)
            {
                using var find = SqliteDatabase.Command(c, t,
                    "SELECT message_id, seq FROM queue_messages WHERE queue = $q AND dedup_id = $d AND enqueued_at > $since ORDER BY seq LIMIT 1",
                    ("$q", queue), ("$d", dedup), ("$since", (now - DeduplicationWindow).UtcTicks));
                using var reader = find.ExecuteReader();
                if (reader.Read())
                {
                    return new SentMessage(reader.GetString(0), reader.GetInt64(1), true);
                }
            }

            string id = Guid.NewGuid().ToString();
            using var insert = SqliteDatabase.Command(c, t, """
                INSERT INTO queue_messages (queue, message_id, body, attributes, group_id, dedup_id, enqueued_at, visible_at)
                VALUES ($q, $id, $b, $a, $g, $d, $now, $visible) RETURNING seq
                """, ("$q", queue), ("$id", id), ("$b", message.Body), ("$a", attributes), ("$g", message.GroupId), ("$d", message.DeduplicationId),
                ("$now", now.UtcTicks), ("$visible", (now + message.Delay).UtcTicks));
            long seq = (long)insert.ExecuteScalar()!;
            return new SentMessage(id, seq, false);
        }));
    }

    /// <inheritdoc />
    public ValueTask<ReceivedMessage?> ReceiveAsync(string queue, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        CheckQueue(queue);
        if (lockDuration <= TimeSpan.Zero)
        {
            throw new QueueException(QueueError.InvalidArgument, $"The lock duration for queue '{queue}' must be positive, found {lockDuration}.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        return ValueTask.FromResult(_database.Write<ReceivedMessage?>((c, t) =>
        {
            using var find = SqliteDatabase.Command(c, t, """
                SELECT seq, message_id, body, attributes, group_id, enqueued_at, delivery_count FROM queue_messages
                WHERE queue = $q AND completed = 0 AND visible_at <= $now ORDER BY seq LIMIT 1
                """, ("$q", queue), ("$now", now.UtcTicks));
            long seq;
            string id, body, attributes;
            string? group;
            long enqueued;
            int deliveries;
            using (var reader = find.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return null;
                }

                (seq, id, body, attributes) = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
                group = reader.IsDBNull(4) ? null : reader.GetString(4);
                enqueued = reader.GetInt64(5);
                deliveries = reader.GetInt32(6) + 1;
            }

            string token = Guid.NewGuid().ToString("N");
            var lockedUntil = now + lockDuration;
            using var take = SqliteDatabase.Command(c, t,
                "UPDATE queue_messages SET lock_token = $token, visible_at = $until, delivery_count = $n WHERE seq = $seq",
                ("$token", token), ("$until", lockedUntil.UtcTicks), ("$n", deliveries), ("$seq", seq));
            take.ExecuteNonQuery();
            return new ReceivedMessage(id, body, ReadAttributes(attributes), token, deliveries, new DateTimeOffset(enqueued, TimeSpan.Zero), lockedUntil, group);
        }));
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(string queue, string lockToken, CancellationToken cancellationToken = default) =>
        Settle(queue, lockToken, complete: true, cancellationToken);

    /// <inheritdoc />
    public ValueTask AbandonAsync(string queue, string lockToken, CancellationToken cancellationToken = default) =>
        Settle(queue, lockToken, complete: false, cancellationToken);

    /// <summary>Counts the messages of a queue not yet completed (visible or locked), for tests and the console.</summary>
    public int CountPending(string queue)
    {
        CheckQueue(queue);
        return _database.Read((c, t) =>
        {
            using var count = SqliteDatabase.Command(c, t, "SELECT COUNT(*) FROM queue_messages WHERE queue = $q AND completed = 0", ("$q", queue));
            return Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    private ValueTask Settle(string queue, string lockToken, bool complete, CancellationToken cancellationToken)
    {
        CheckQueue(queue);
        ArgumentException.ThrowIfNullOrEmpty(lockToken);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        _database.Write((c, t) =>
        {
            // Completed rows are kept (flagged) for the deduplication window; a lock is valid until it expires.
            using var settle = SqliteDatabase.Command(c, t, complete
                ? "UPDATE queue_messages SET completed = 1, lock_token = NULL WHERE queue = $q AND lock_token = $token AND completed = 0 AND visible_at > $now"
                : "UPDATE queue_messages SET lock_token = NULL, visible_at = $now WHERE queue = $q AND lock_token = $token AND completed = 0 AND visible_at > $now",
                ("$q", queue), ("$token", lockToken), ("$now", now.UtcTicks));
            if (settle.ExecuteNonQuery() == 0)
            {
                throw new QueueException(QueueError.LockLost,
                    $"The lock token '{lockToken}' of queue '{queue}' is unknown or its lock expired; the message may have been delivered again.");
            }

            using var prune = SqliteDatabase.Command(c, t, "DELETE FROM queue_messages WHERE completed = 1 AND enqueued_at <= $since",
                ("$since", (now - DeduplicationWindow).UtcTicks));
            prune.ExecuteNonQuery();
            return 0;
        });
        return ValueTask.CompletedTask;
    }

    private static void CheckQueue(string queue)
    {
        if (ValidateQueueName(queue) is { } bad)
        {
            throw new QueueException(QueueError.InvalidQueueName, $"Invalid queue name: {bad}.");
        }
    }

    private static string WriteAttributes(IReadOnlyDictionary<string, QueueMessageAttribute>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return "{}";
        }

        var builder = new JObjectBuilder(attributes.Count);
        foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            builder.Set(name, new JObject(["DataType", "Value"], [JNode.From(value.DataType), JNode.From(value.Value)]));
        }

        return builder.Build().ToString();
    }

    private static Dictionary<string, QueueMessageAttribute> ReadAttributes(string json)
    {
        var result = new Dictionary<string, QueueMessageAttribute>(StringComparer.Ordinal);
        foreach (var (name, value) in (JObject)JNode.Parse(json))
        {
            var pair = (JObject)value;
            result[name] = new QueueMessageAttribute(((JString)pair["DataType"]!).Value, ((JString)pair["Value"]!).Value);
        }

        return result;
    }
}
