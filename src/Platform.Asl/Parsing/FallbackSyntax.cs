using System.Diagnostics.CodeAnalysis;
using Platform.Asl.Paths;

namespace Platform.Asl.Parsing;

/// <summary>A coarse lexical stand-in for the JSONPath and intrinsic parsers, used only while they are stubs.</summary>
internal static class FallbackSyntax
{
    /// <summary>Checks the start of a path and classifies it.</summary>
    public static bool TryParsePath(string text, out PathSummary summary, [NotNullWhen(false)] out string? error)
    {
        summary = default;
        if (text.Length == 0 || text[0] != '$')
        {
            error = "a path must start with '$'";
            return false;
        }

        var root = text.StartsWith("$$", StringComparison.Ordinal) ? PathRoot.Context
            : text.Length > 1 && (char.IsLetter(text[1]) || text[1] == '_') ? PathRoot.Variable
            : PathRoot.Input;
        int brackets = 0;
        foreach (char c in text)
        {
            brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (brackets < 0)
            {
                error = "unbalanced ']'";
                return false;
            }
        }

        if (brackets != 0)
        {
            error = "unbalanced '['";
            return false;
        }

        bool reference = !text.Contains("..", StringComparison.Ordinal) && text.IndexOfAny(['*', '?', '@', ':', ',']) < 0;
        summary = new PathSummary(root, reference);
        error = null;
        return true;
    }

    /// <summary>Checks that the text looks like <c>Name(arguments)</c>.</summary>
    public static bool TryParseIntrinsic(string text, [NotNullWhen(false)] out string? error)
    {
        int open = text.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !text.EndsWith(')'))
        {
            error = "an intrinsic function call looks like States.Name(arguments)";
            return false;
        }

        foreach (char c in text.AsSpan(0, open))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '_')
            {
                error = $"the function name may only contain letters, digits, '.' and '_', found '{c}'";
                return false;
            }
        }

        error = null;
        return true;
    }
}
