using Platform.Asl.Json;
using Platform.Engine.History;

namespace Platform.Runtime.Durable;

/// <summary>Builds a redriven execution's ASL history: the events stored up to its last redrive (its earlier attempts, each
/// ending with its failure, and the ExecutionRedriven events), then what the redriven attempt recorded, renumbered.</summary>
/// <remarks>
/// A redriven execution's replay records again the events from before the failure (the same, with the same ids: replay is
/// deterministic) but not the failure itself, which the redrive superseded; the engine then records an ExecutionRedriven
/// event before the first event of each redriven attempt (see <c>ExecutionRun.Record</c>). So the new attempt's events are
/// those after the replay's last ExecutionRedriven, and each attempt's events are offset from the replay's numbering by the
/// difference between its ExecutionRedriven's stored id and its replayed id.
/// </remarks>
internal static class RedriveHistory
{
    private const string DetailsKey = "executionRedrivenEventDetails";

    /// <summary>Returns the history to store at the end of a redriven attempt.</summary>
    /// <param name="stored">The stored history: everything up to and including the ExecutionRedriven of this attempt.</param>
    /// <param name="replayed">The history the replayed orchestration recorded.</param>
    /// <param name="redriveCount">This attempt's redrive count.</param>
    /// <param name="redriveTime">When this attempt was redriven (stamps a failure that happened again at once).</param>
    public static string Compose(string stored, string replayed, int redriveCount, DateTime redriveTime)
    {
        var before = (JArray)JNode.Parse(stored);
        var after = (JArray)JNode.Parse(replayed);
        var storedIds = RedriveIds(before);
        var replayedIds = RedriveIds(after);

        // Offsets per attempt: an id at or after an attempt's replayed ExecutionRedriven moves by that attempt's offset.
        var offsets = replayedIds
            .Where(pair => storedIds.ContainsKey(pair.Key))
            .Select(pair => (From: pair.Value, Offset: storedIds[pair.Key] - pair.Value))
            .OrderBy(pair => pair.From)
            .ToList();
        long Map(long id)
        {
            long offset = 0;
            foreach (var (from, by) in offsets)
            {
                if (from <= id)
                {
                    offset = by;
                }
            }

            return id + offset;
        }

        var events = new List<JNode>(before.Count + after.Count);
        events.AddRange(before.Items);
        int start = -1;
        for (int i = after.Count - 1; i >= 0 && replayedIds.TryGetValue(redriveCount, out long marker); i--)
        {
            if (Id(after[i]) == marker)
            {
                start = i + 1;
                break;
            }
        }

        if (start < 0)
        {
            // Nothing ran after the redrive: the execution failed again at once (a Fail state, a Choice with no match), so its
            // end is recorded again after ExecutionRedriven.
            if (after.Count > 0 && after[^1] is JObject end)
            {
                long id = before.Count + 1;
                events.Add(end
                    .With("id", JNode.From(id))
                    .With("previousEventId", JNode.From(id - 1))
                    .With("timestamp", JNode.From(redriveTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture))));
            }

            return new JArray(events).ToString();
        }

        for (int i = start; i < after.Count; i++)
        {
            var e = (JObject)after[i];
            events.Add(e
                .With("id", JNode.From(Map(Id(e))))
                .With("previousEventId", JNode.From(Map(((JNumber)e["previousEventId"]!).TryGetInt64(out long previous) ? previous : 0))));
        }

        return new JArray(events).ToString();
    }

    /// <summary>Appends a continued run's events (numbered on from the stored ones already) to the stored history.</summary>
    public static string Append(string stored, string continued)
    {
        var before = (JArray)JNode.Parse(stored);
        var after = (JArray)JNode.Parse(continued);
        return new JArray([.. before.Items, .. after.Items]).ToString();
    }

    private static long Id(JNode e) => ((JNumber)((JObject)e)["id"]!).TryGetInt64(out long id) ? id : 0;

    private static Dictionary<int, long> RedriveIds(JArray events)
    {
        var ids = new Dictionary<int, long>();
        foreach (var node in events.Items)
        {
            if (node is JObject e && (e["type"] as JString)?.Value == HistoryEventTypes.ExecutionRedriven
                && (e[DetailsKey] as JObject)?["redriveCount"] is JNumber n && n.TryGetInt64(out long count))
            {
                ids[(int)count] = Id(e);
            }
        }

        return ids;
    }
}
