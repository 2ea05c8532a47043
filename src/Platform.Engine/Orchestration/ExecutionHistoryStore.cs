using System.Globalization;
using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Integrations;

namespace Platform.Engine.Orchestration;

/// <summary>Stores the ASL history chunks of executions in an object store (a blob container on Azure): one object per
/// chunk, <c>&lt;escaped execution ARN&gt;/&lt;first event id, 12 digits&gt;.json</c>, holding the chunk's events.</summary>
/// <param name="objects">The object store.</param>
/// <param name="container">The container (bucket) of the histories.</param>
public sealed class ExecutionHistoryStore(IObjectStore objects, string container)
{
    /// <summary>The default container of the histories.</summary>
    public const string DefaultContainer = "asl-history";

    /// <summary>Gets the container of the histories.</summary>
    public string Container => container;

    /// <summary>Stores one chunk (<see cref="ExecutionHistory.Chunk"/>, as JSON text): the body of the history activity.</summary>
    /// <remarks>Writing the same chunk again (an activity retried by the host) replaces it with the same events.</remarks>
    /// <exception cref="FormatException">The text is not a chunk.</exception>
    public async Task WriteAsync(string chunk, CancellationToken cancellationToken = default)
    {
        if (JsonParser.TryParse(chunk, out _) is not JObject { } document || document["executionArn"] is not JString { Value: var arn }
            || document["events"] is not JArray { Count: > 0 } events)
        {
            throw new FormatException("A history chunk is {\"executionArn\": \"…\", \"events\": [at least one event]}.");
        }

        long first = ExecutionHistory.IdOf((JObject)events[0]);
        string key = Prefix(arn) + first.ToString("D12", CultureInfo.InvariantCulture) + ".json";
        await objects.PutAsync(container, key, Encoding.UTF8.GetBytes(events.ToString()), new ObjectPutOptions { ContentType = "application/json" }, cancellationToken);
    }

    /// <summary>Reads every stored event of an execution, in id order.</summary>
    public async Task<IReadOnlyList<JObject>> ReadAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        var events = new List<JObject>();
        string? next = null;
        do
        {
            var page = await objects.ListAsync(container, new ObjectListOptions { Prefix = Prefix(executionArn), ContinuationToken = next }, cancellationToken);
            foreach (var item in page.Items)
            {
                if (await objects.GetAsync(container, item.Key, cancellationToken) is { } stored
                    && JsonParser.TryParse(Encoding.UTF8.GetString(stored.Content.Span), out _) is JArray chunk)
                {
                    events.AddRange(chunk.OfType<JObject>());
                }
            }

            next = page.ContinuationToken;
        }
        while (next is not null);

        return [.. events.OrderBy(ExecutionHistory.IdOf)];
    }

    private static string Prefix(string executionArn) => Uri.EscapeDataString(executionArn) + "/";
}
