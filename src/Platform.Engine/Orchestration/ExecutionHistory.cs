using Platform.Asl.Json;
using Platform.Engine.History;

namespace Platform.Engine.Orchestration;

/// <summary>The ASL history of an execution on a host that keeps only its own (Durable Functions): the documents the
/// orchestration writes, and how a reader puts them back together.</summary>
/// <remarks>
/// <para>The orchestration records its ASL history on every replay (the recorder is rebuilt, deterministically, from the
/// same events) and publishes it in two places (<see cref="HistoryCheckpointContext"/>):</para>
/// <list type="bullet">
/// <item>the events not yet stored ride in the orchestration's custom status (<see cref="Status"/>), which Durable saves
/// with every checkpoint at no extra cost, while they fit in <see cref="TailBudgetChars"/>;</item>
/// <item>when they no longer fit, and when the execution ends or continues as new, an activity
/// (<see cref="ActivityNames.WriteHistory"/>) stores them as one chunk (<see cref="Chunk"/>) in the history store.</item>
/// </list>
/// <para>So a reader gets the whole history up to the orchestration's last checkpoint: the stored chunks, then the tail
/// in the custom status (<see cref="Merge"/>).</para>
/// </remarks>
public static class ExecutionHistory
{
    /// <summary>The most characters of events the custom status carries (Durable's limit on it is 16 KB).</summary>
    public const int TailBudgetChars = 12_000;

    /// <summary>The custom status of a running execution: the last event id and the events not stored yet (AWS's shape).</summary>
    public static JObject Status(long lastEventId, IEnumerable<JObject> tail) =>
        new(["lastEventId", "historyTail"], [JNode.From(lastEventId), new JArray(tail)]);

    /// <summary>The document the history activity stores: the execution and a run of consecutive events (AWS's shape).</summary>
    public static JObject Chunk(string executionArn, IEnumerable<HistoryEvent> events) =>
        new(["executionArn", "events"], [JNode.From(executionArn), new JArray(events.Select(e => (JNode)e.ToAwsJson()))]);

    /// <summary>The history so far: the stored events, then those of the custom status that are not stored yet, by id.</summary>
    /// <param name="stored">The events of the stored chunks, in any order.</param>
    /// <param name="customStatus">The orchestration's custom status as JSON text, or null.</param>
    public static IReadOnlyList<JObject> Merge(IEnumerable<JObject> stored, string? customStatus)
    {
        var events = new SortedDictionary<long, JObject>();
        foreach (var e in stored)
        {
            events.TryAdd(IdOf(e), e);
        }

        if (customStatus is not null && JsonParser.TryParse(customStatus, out _) is JObject { } status && status["historyTail"] is JArray tail)
        {
            foreach (var e in tail.OfType<JObject>())
            {
                events.TryAdd(IdOf(e), e);
            }
        }

        return [.. events.Values];
    }

    /// <summary>The id of an event in AWS's shape.</summary>
    public static long IdOf(JObject historyEvent) =>
        historyEvent?["id"] is JNumber number && number.TryGetInt64(out long id) ? id : 0;
}
