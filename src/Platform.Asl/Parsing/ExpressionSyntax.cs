using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Platform.Asl.DataFlow;
using Platform.Asl.Intrinsics;
using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.Parsing;

/// <summary>
/// The one place where the validator calls the JSONPath parser, the intrinsic-function parser and the payload-template
/// compiler; everything else in the validator is structural.
/// </summary>
internal static class ExpressionSyntax
{
    /// <summary>Parses a JSONPath (input, Context Object or variable path); the error is the reason and its position.</summary>
    public static bool TryParsePath(string text, out PathSummary summary, [NotNullWhen(false)] out string? error)
    {
        try
        {
            var path = JsonPath.Parse(text);
            summary = new PathSummary(path.Root, path.IsReferencePath);
            error = null;
            return true;
        }
        catch (JsonPathException ex)
        {
            summary = default;
            error = $"{ex.Reason} (position {ex.Position.ToString(CultureInfo.InvariantCulture)})";
            return false;
        }
    }

    /// <summary>Parses an intrinsic function call such as <c>States.Format('{}', $.x)</c>; the error is the reason and its position.</summary>
    public static bool TryParseIntrinsic(string text, [NotNullWhen(false)] out string? error)
    {
        try
        {
            IntrinsicFunction.Parse(text);
            error = null;
            return true;
        }
        catch (IntrinsicSyntaxException ex)
        {
            error = $"{ex.Reason} (position {ex.Position.ToString(CultureInfo.InvariantCulture)})";
            return false;
        }
    }

    /// <summary>Tells whether a <c>.$</c> value is meant as an intrinsic call rather than a path.</summary>
    public static bool IsIntrinsicSyntax(string text) => IntrinsicFunction.IsIntrinsicSyntax(text);

    /// <summary>Compiles a payload template, returning its problems (each with the pointer of the offending key).</summary>
    public static IReadOnlyList<Diagnostic> CheckTemplate(JNode template, string pointer) =>
        PayloadTemplate.TryCompile(template, pointer, out _, out var errors) ? [] : errors;
}
