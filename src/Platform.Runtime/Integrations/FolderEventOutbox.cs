using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Integrations;

namespace Platform.Runtime.Integrations;

/// <summary>An event publisher that appends each event, as one JSON line, to <c>&lt;folder&gt;/&lt;bus&gt;.jsonl</c>: a local
/// outbox that tests, the console or a forwarder read back with <see cref="ReadAsync"/>.</summary>
/// <remarks>
/// <para>A line is <c>{"id","bus","source","type","time","resources","data"}</c> (CloudEvents-like, time in RFC 3339).
/// Lines are appended and flushed one batch at a time under a lock, so a batch's lines are never interleaved with another's
/// within the process. A bus name is 1 to 256 letters, digits, '.', '-' and '_' (EventBridge's rule without '/'), so it is
/// always a safe file name.</para>
/// <para>Events are refused one by one, as EventBridge refuses entries: an empty source or type gets
/// <c>InvalidArgument</c>, an invalid bus name <c>ResourceNotFoundException</c>.</para>
/// </remarks>
public sealed class FolderEventOutbox : IEventPublisher, IDisposable
{
    private readonly string _folder;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the outbox in <paramref name="folder"/> (created if missing).</summary>
    public FolderEventOutbox(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    /// <summary>Gets the outbox folder.</summary>
    public string Folder => _folder;

    /// <summary>Returns why <paramref name="bus"/> cannot name a bus, or null when it can.</summary>
    public static string? ValidateBusName(string? bus)
    {
        if (string.IsNullOrEmpty(bus) || bus.Length > 256)
        {
            return $"the event bus name '{bus}' must have 1 to 256 characters";
        }

        if (bus is "." or "..")
        {
            return $"the event bus name '{bus}' is reserved";
        }

        foreach (char c in bus)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '-' and not '_')
            {
                return $"the event bus name '{bus}' contains '{c}'; only letters, digits, '.', '-' and '_' are allowed";
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<EventPublishResult>> PublishAsync(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var results = new EventPublishResult[events.Count];
        var lines = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (ValidateBusName(e.Bus) is { } badBus)
            {
                results[i] = EventPublishResult.Refused("ResourceNotFoundException", $"Event bus {e.Bus} does not exist: {badBus}.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(e.Source) || string.IsNullOrWhiteSpace(e.Type))
            {
                results[i] = EventPublishResult.Refused("InvalidArgument", string.IsNullOrWhiteSpace(e.Source) ? "Parameter Source is not valid. Reason: Source is empty." : "Parameter DetailType is not valid. Reason: DetailType is empty.");
                continue;
            }

            string id = Guid.NewGuid().ToString();
            var line = new JObject(
                ["id", "bus", "source", "type", "time", "resources", "data"],
                [JNode.From(id), JNode.From(e.Bus), JNode.From(e.Source), JNode.From(e.Type), JNode.From(Rfc3339(e.Time)), new JArray(e.Resources.Select(r => (JNode)JNode.From(r))), e.Data]);
            if (!lines.TryGetValue(e.Bus, out var text))
            {
                lines[e.Bus] = text = new StringBuilder();
            }

            line.WriteTo(text);
            text.Append('\n');
            results[i] = EventPublishResult.Accepted(id);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var (bus, text) in lines)
            {
                await using var stream = new FileStream(FileOf(bus), FileMode.Append, FileAccess.Write, FileShare.Read);
                byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }

        return results;
    }

    /// <summary>Reads every event published to <paramref name="bus"/>, oldest first (an empty list when there are none).</summary>
    /// <remarks>A torn last line (the process was killed while writing it) is skipped.</remarks>
    public async ValueTask<IReadOnlyList<JObject>> ReadAsync(string bus, CancellationToken cancellationToken = default)
    {
        if (ValidateBusName(bus) is { } bad)
        {
            throw new ArgumentException($"Invalid event bus name: {bad}.", nameof(bus));
        }

        string file = FileOf(bus);
        if (!File.Exists(file))
        {
            return [];
        }

        string text;
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        var events = new List<JObject>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            try
            {
                events.Add((JObject)JNode.Parse(lines[i]));
            }
            catch (JsonParseException) when (i == lines.Length - 1)
            {
                // A torn last line (no newline yet): the writer was killed in the middle of it.
            }
        }

        return events;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private string FileOf(string bus) => Path.Combine(_folder, bus + ".jsonl");

    private static string Rfc3339(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
