using Platform.Asl.Json;

namespace Platform.Asl.Parsing;

/// <summary>Recognises JSONata strings: a string that starts with <c>{%</c> and ends with <c>%}</c>.</summary>
internal static class JsonataText
{
    /// <summary>Tells whether the value is a JSONata expression string.</summary>
    public static bool IsExpression(JNode? value) => value is JString s && IsExpression(s.Value);

    /// <summary>Tells whether the text is a JSONata expression string.</summary>
    public static bool IsExpression(string text) =>
        text.Length >= 4 && text.StartsWith("{%", StringComparison.Ordinal) && text.EndsWith("%}", StringComparison.Ordinal);
}
