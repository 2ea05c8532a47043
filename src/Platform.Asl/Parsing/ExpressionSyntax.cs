using System.Diagnostics.CodeAnalysis;
using Platform.Asl.Intrinsics;
using Platform.Asl.Paths;

namespace Platform.Asl.Parsing;

/// <summary>
/// The one place where the validator calls the JSONPath and intrinsic-function parsers.
/// </summary>
/// <remarks>
/// While those parsers are still stubs (they throw <see cref="NotImplementedException"/>), a coarse lexical check
/// (<see cref="FallbackSyntax"/>) stands in so that definitions can still be validated structurally.
/// </remarks>
internal static class ExpressionSyntax
{
    /// <summary>Parses a JSONPath (input, Context Object or variable path).</summary>
    public static bool TryParsePath(string text, out PathSummary summary, [NotNullWhen(false)] out string? error)
    {
        try
        {
            if (JsonPath.TryParse(text, out var path, out error))
            {
                summary = new PathSummary(path.Root, path.IsReferencePath);
                return true;
            }

            summary = default;
            return false;
        }
        catch (NotImplementedException)
        {
            return FallbackSyntax.TryParsePath(text, out summary, out error);
        }
    }

    /// <summary>Parses an intrinsic function call such as <c>States.Format('{}', $.x)</c>.</summary>
    public static bool TryParseIntrinsic(string text, [NotNullWhen(false)] out string? error)
    {
        try
        {
            return IntrinsicFunction.TryParse(text, out _, out error);
        }
        catch (NotImplementedException)
        {
            return FallbackSyntax.TryParseIntrinsic(text, out error);
        }
    }

    /// <summary>Tells whether a <c>.$</c> value is meant as an intrinsic call rather than a path.</summary>
    public static bool IsIntrinsicSyntax(string text) => IntrinsicFunction.IsIntrinsicSyntax(text);
}
