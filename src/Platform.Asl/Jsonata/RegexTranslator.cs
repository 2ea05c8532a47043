using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Asl.Jsonata;

/// <summary>Turns a JavaScript regular expression into a .NET one that cannot backtrack catastrophically.</summary>
internal static class RegexTranslator
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public static Regex Create(string pattern, string flags)
    {
        pattern = Translate(pattern, multiline: flags.Contains('m', StringComparison.Ordinal));
        var options = RegexOptions.CultureInvariant;
        if (flags.Contains('i', StringComparison.Ordinal))
        {
            options |= RegexOptions.IgnoreCase;
        }

        if (flags.Contains('m', StringComparison.Ordinal))
        {
            options |= RegexOptions.Multiline;
        }

        try
        {
            // Linear time whatever the input: no catastrophic backtracking.
            return new Regex(pattern, options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            // Backreferences and lookarounds need the backtracking engine; a match timeout bounds it instead.
        }
        catch (ArgumentException)
        {
        }

        try
        {
            return new Regex(pattern, options, Timeout);
        }
        catch (ArgumentException e)
        {
            throw new JsonataException("S0301", "Invalid regular expression: " + e.Message, -1);
        }
    }

    /// <summary>Rewrites JavaScript-only meanings: \d is ASCII-only, [^] is any character, and $ (without m) is the very end.</summary>
    private static string Translate(string pattern, bool multiline)
    {
        var sb = new StringBuilder(pattern.Length);
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                char next = pattern[i + 1];
                if (next == 'd')
                {
                    sb.Append(inClass ? "0-9" : "[0-9]");
                }
                else if (next == 'D' && !inClass)
                {
                    sb.Append("[^0-9]");
                }
                else
                {
                    sb.Append(c).Append(next);
                }

                i++;
            }
            else if (!inClass && c == '[' && i + 2 < pattern.Length && pattern[i + 1] == '^' && pattern[i + 2] == ']')
            {
                sb.Append(@"[\s\S]");
                i += 2;
            }
            else if (c == '$' && !inClass && !multiline)
            {
                sb.Append(@"\z");
            }
            else
            {
                if (c == '[' && !inClass)
                {
                    inClass = true;
                }
                else if (c == ']' && inClass)
                {
                    inClass = false;
                }

                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
