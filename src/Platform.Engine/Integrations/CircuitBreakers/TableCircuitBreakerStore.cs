using System.Globalization;
using Platform.Asl.Json;

namespace Platform.Engine.Integrations.CircuitBreakers;

/// <summary>Circuit breaker state and transitions in an <see cref="ITableStore"/> (SQLite locally, Azure Table storage on
/// Azure), so every worker and execution on the same table shares them.</summary>
/// <remarks>
/// States are items of partition <c>breakers</c>, sort key = the escaped circuit key. Transitions are items of partition
/// <c>transitions:&lt;escaped key&gt;</c>, sort key = the inverted transition number, so an ascending query (all Azure Tables
/// can do) reads them newest first. The number is counted in the state item, whose writes are conditional on the ETag read,
/// so no two writers give out the same one; a transition is appended after its state write succeeded.
/// </remarks>
public sealed class TableCircuitBreakerStore : ICircuitBreakerStore
{
    private const string StatePartition = "breakers";
    private const string TransitionPartition = "transitions:";
    private const int MaxCause = 1000;

    private readonly ITableStore _table;
    private readonly string _tableName;

    /// <summary>Creates the store on <paramref name="table"/>, in the table named <paramref name="tableName"/>.</summary>
    public TableCircuitBreakerStore(ITableStore table, string tableName = "circuitbreakers")
    {
        ArgumentNullException.ThrowIfNull(table);
        if (TableKeys.ValidateTableName(tableName) is { } bad)
        {
            throw new ArgumentException($"Invalid circuit breaker table name: {bad}.", nameof(tableName));
        }

        _table = table;
        _tableName = tableName;
    }

    /// <inheritdoc />
    public async ValueTask<CircuitBreakerStatus?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var item = await _table.GetAsync(_tableName, StatePartition, TableKeys.Escape(key), cancellationToken);
        return item is null ? null : Read(key, item);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CircuitBreakerStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<CircuitBreakerStatus>();
        string? token = null;
        do
        {
            var page = await _table.QueryAsync(_tableName, StatePartition, new TableQueryOptions { ContinuationToken = token }, cancellationToken);
            result.AddRange(page.Items.Select(i => Read(TableKeys.Unescape(i.SortKey), i)));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return result;
    }

    /// <inheritdoc />
    public async ValueTask<CircuitTransitionPage> GetTransitionsAsync(string key, int maxResults = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var page = await _table.QueryAsync(_tableName, TransitionPartition + TableKeys.Escape(key), new TableQueryOptions { MaxResults = maxResults, ContinuationToken = continuationToken }, cancellationToken);
        var transitions = page.Items.Select(i => new CircuitTransition(
            key,
            Time(i.Attributes["at"])!.Value,
            Enum.Parse<CircuitState>(((JString)i.Attributes["from"]!).Value),
            Enum.Parse<CircuitState>(((JString)i.Attributes["to"]!).Value),
            ((JString)i.Attributes["reason"]!).Value)).ToList();
        return new CircuitTransitionPage(transitions, page.ContinuationToken);
    }

    /// <inheritdoc />
    public async ValueTask<CircuitBreakerStatus?> TryReplaceAsync(CircuitBreakerStatus next, CircuitTransition? transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (transition is not null)
        {
            next = next with { TransitionCount = next.TransitionCount + 1 };
        }

        var condition = next.Version is null ? TableWriteCondition.NotExists : TableWriteCondition.IfMatch(next.Version);
        TableItem stored;
        try
        {
            stored = await _table.PutAsync(_tableName, StatePartition, TableKeys.Escape(next.Key), Write(next), condition, cancellationToken);
        }
        catch (TableStoreException ex) when (ex.Code == TableStoreError.ConditionFailed)
        {
            return null;
        }

        if (transition is not null)
        {
            string sortKey = (long.MaxValue - next.TransitionCount).ToString("D19", CultureInfo.InvariantCulture);
            var entry = new JObject(
                ["at", "from", "to", "reason"],
                [JNode.From(transition.At.UtcTicks), JNode.From(transition.From.ToString()), JNode.From(transition.To.ToString()), JNode.From(transition.Reason)]);
            await _table.PutAsync(_tableName, TransitionPartition + TableKeys.Escape(next.Key), sortKey, entry, TableWriteCondition.NotExists, cancellationToken);
        }

        return next with { Version = stored.ETag };
    }

    private static JObject Write(CircuitBreakerStatus status)
    {
        var builder = new JObjectBuilder(12);
        builder.Set("state", JNode.From(status.State.ToString()));
        builder.Set("failures", new JArray(status.RecentFailures.Select(f => (JNode)JNode.From(f.UtcTicks))));
        Set("openedAt", status.OpenedAt);
        Set("halfOpenedAt", status.HalfOpenedAt);
        builder.Set("trialsStarted", JNode.From(status.TrialsStarted));
        builder.Set("trialsSucceeded", JNode.From(status.TrialsSucceeded));
        Set("lastTrialAt", status.LastTrialAt);
        if (status.LastError is { } error)
        {
            builder.Set("lastError", JNode.From(error));
        }

        if (status.LastCause is { } cause)
        {
            builder.Set("lastCause", JNode.From(cause.Length > MaxCause ? cause[..MaxCause] : cause));
        }

        builder.Set("transitions", JNode.From(status.TransitionCount));
        builder.Set("updatedAt", JNode.From(status.UpdatedAt.UtcTicks));
        return builder.Build();

        void Set(string name, DateTimeOffset? time)
        {
            if (time is { } t)
            {
                builder.Set(name, JNode.From(t.UtcTicks));
            }
        }
    }

    private static CircuitBreakerStatus Read(string key, TableItem item)
    {
        var a = item.Attributes;
        return new CircuitBreakerStatus
        {
            Key = key,
            State = Enum.Parse<CircuitState>(((JString)a["state"]!).Value),
            RecentFailures = a["failures"] is JArray failures ? [.. failures.Select(f => Time(f)!.Value)] : [],
            OpenedAt = Time(a["openedAt"]),
            HalfOpenedAt = Time(a["halfOpenedAt"]),
            TrialsStarted = Int(a["trialsStarted"]),
            TrialsSucceeded = Int(a["trialsSucceeded"]),
            LastTrialAt = Time(a["lastTrialAt"]),
            LastError = (a["lastError"] as JString)?.Value,
            LastCause = (a["lastCause"] as JString)?.Value,
            TransitionCount = a["transitions"] is JNumber count && count.TryGetInt64(out long n) ? n : 0,
            UpdatedAt = Time(a["updatedAt"]) ?? item.Timestamp,
            Version = item.ETag,
        };

        static int Int(JNode? n) => n is JNumber number && number.TryGetInt64(out long v) ? (int)v : 0;
    }

    private static DateTimeOffset? Time(JNode? ticks) =>
        ticks is JNumber n && n.TryGetInt64(out long t) ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}
