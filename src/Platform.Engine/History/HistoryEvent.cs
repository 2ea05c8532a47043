using System.Globalization;
using Platform.Asl.Json;

namespace Platform.Engine.History;

/// <summary>One ASL execution history event, named and detailed as AWS Step Functions names them.</summary>
/// <param name="Id">The 1-based event id.</param>
/// <param name="PreviousEventId">The id of the event this one follows in its branch (0 for the first).</param>
/// <param name="Timestamp">When it happened (orchestration time, UTC).</param>
/// <param name="Type">The AWS event type, e.g. <c>TaskStateEntered</c>.</param>
/// <param name="Details">The event details, as in AWS's <c>…EventDetails</c> object, or <see langword="null"/>.</param>
public sealed record HistoryEvent(long Id, long PreviousEventId, DateTime Timestamp, string Type, JObject? Details)
{
    /// <summary>Gets the name of the details field in AWS's GetExecutionHistory output, e.g. <c>stateEnteredEventDetails</c>.</summary>
    public string DetailsKey => DetailsKeyOf(Type);

    /// <summary>Returns the AWS name of the details field for an event type.</summary>
    public static string DetailsKeyOf(string type)
    {
        if (type.EndsWith("StateEntered", StringComparison.Ordinal))
        {
            return "stateEnteredEventDetails";
        }

        if (type.EndsWith("StateExited", StringComparison.Ordinal))
        {
            return "stateExitedEventDetails";
        }

        return char.ToLowerInvariant(type[0]) + type[1..] + "EventDetails";
    }

    /// <summary>Returns the event as AWS's GetExecutionHistory prints it.</summary>
    public JObject ToAwsJson()
    {
        var builder = new JObjectBuilder(5);
        builder.Set("timestamp", JNode.From(Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        builder.Set("type", JNode.From(Type));
        builder.Set("id", JNode.From(Id));
        builder.Set("previousEventId", JNode.From(PreviousEventId));
        if (Details is not null)
        {
            builder.Set(DetailsKey, Details);
        }

        return builder.Build();
    }
}
