using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>Wait states.</summary>
internal sealed partial class Validator
{
    private static readonly string[] WaitFields = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"];

    private WaitState ValidateWait(StateContext context)
    {
        var reader = context.Reader;
        var present = WaitFields.Where(reader.Has).ToList();
        if (present.Count != 1)
        {
            string options = context.IsJsonata ? "Seconds or Timestamp" : "Seconds, SecondsPath, Timestamp, TimestampPath";
            Error(context.Pointer, AslRules.WaitDuration,
                $"must have exactly one of {options}, found {(present.Count == 0 ? "none" : string.Join(" and ", present))}");
        }

        return new WaitState
        {
            Name = context.Name,
            Pointer = context.Pointer,
            Seconds = ReadIntegerOrJsonata(reader, "Seconds", 0, long.MaxValue, AslRules.FieldValue, context.Language),
            SecondsPath = ReadPath(reader, "SecondsPath"),
            Timestamp = ReadTimestamp(reader, "Timestamp", context.Language),
            TimestampPath = ReadPath(reader, "TimestampPath"),
        };
    }

    private JNode? ReadTimestamp(ObjectReader reader, string name, QueryLanguage language)
    {
        var node = reader.Get(name);
        if (node is null || (language == QueryLanguage.JSONata && JsonataText.IsExpression(node)))
        {
            return node;
        }

        if (node is not JString s)
        {
            TypeError(reader.At(name), "an RFC 3339 timestamp (a string)", node);
            return null;
        }

        if (!Time.Rfc3339.TryParse(s.Value, out _))
        {
            ReportTimestamp(reader.At(name), s.Value, language == QueryLanguage.JSONata);
            return null;
        }

        return node;
    }

    private void ReportTimestamp(string pointer, string text, bool jsonataAllowed) =>
        Error(pointer, AslRules.Timestamp,
            $"must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z (uppercase T, and Z or an offset){(jsonataAllowed ? " or a JSONata expression {% ... %}" : string.Empty)}, found {ValueText.Quote(text)}");
}
