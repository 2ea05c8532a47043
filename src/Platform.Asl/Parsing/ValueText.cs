using Platform.Asl.Json;

namespace Platform.Asl.Parsing;

/// <summary>Describes values for messages: <c>"abc"</c>, <c>5</c>, <c>true</c>, <c>null</c>, <c>an array</c>, <c>an object</c>.</summary>
internal static class ValueText
{
    private const int MaxStringLength = 80;

    /// <summary>Describes a value the way messages quote what was found.</summary>
    public static string Describe(JNode? value) => value switch
    {
        null => "nothing",
        JString s => Quote(s.Value),
        JArray => "an array",
        JObject => "an object",
        _ => value.ToString(),
    };

    /// <summary>Quotes a string as JSON, shortening very long ones.</summary>
    public static string Quote(string text)
    {
        string shown = text.Length > MaxStringLength ? text[..MaxStringLength] + "…" : text;
        return new JString(shown).ToString();
    }
}
