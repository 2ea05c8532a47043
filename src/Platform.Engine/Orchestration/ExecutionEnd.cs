using System.Globalization;
using Platform.Asl.Json;
using Platform.Engine.Execution;

namespace Platform.Engine.Orchestration;

/// <summary>How an execution ended, as its orchestration returns it: the document a parent's
/// <c>CallSubOrchestratorAsync</c> receives for <c>.sync</c> tasks, and what a client reads to describe the execution.</summary>
/// <param name="Status">Succeeded, Failed, TimedOut or Aborted.</param>
/// <param name="Output">The output when it succeeded.</param>
/// <param name="Error">The error name when it failed or timed out.</param>
/// <param name="Cause">The cause, if any.</param>
/// <param name="StartedAt">When the execution started (UTC).</param>
/// <param name="EndedAt">When it ended (UTC).</param>
/// <remarks>The durable host's format: <c>{"status","output","error","cause","startedAt","endedAt"}</c>, times in ISO 8601.</remarks>
public sealed record ExecutionEnd(ExecutionStatus Status, JNode? Output, string? Error, string? Cause, DateTime StartedAt, DateTime EndedAt)
{
    /// <summary>Writes the document.</summary>
    public JObject ToJson()
    {
        var builder = new JObjectBuilder(6);
        builder.Set("status", JNode.From(Status.ToString()));
        if (Output is not null)
        {
            builder.Set("output", Output);
        }

        if (Error is not null)
        {
            builder.Set("error", JNode.From(Error));
        }

        if (Cause is not null)
        {
            builder.Set("cause", JNode.From(Cause));
        }

        builder.Set("startedAt", JNode.From(StartedAt.ToString("O", CultureInfo.InvariantCulture)));
        builder.Set("endedAt", JNode.From(EndedAt.ToString("O", CultureInfo.InvariantCulture)));
        return builder.Build();
    }

    /// <summary>Reads a document written by <see cref="ToJson"/>, or returns null when <paramref name="json"/> is not one.</summary>
    public static ExecutionEnd? Parse(string? json)
    {
        if (json is null || JsonParser.TryParse(json, out _) is not JObject o
            || o["status"] is not JString { Value: var text } || !Enum.TryParse<ExecutionStatus>(text, ignoreCase: false, out var status))
        {
            return null;
        }

        return new ExecutionEnd(status, o["output"], Str(o, "error"), Str(o, "cause"), Time(o, "startedAt"), Time(o, "endedAt"));

        static string? Str(JObject o, string key) => o[key] is JString s ? s.Value : null;

        static DateTime Time(JObject o, string key) =>
            o[key] is JString { Value: var value } && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                ? DateTime.SpecifyKind(at, DateTimeKind.Utc)
                : default;
    }
}
