using System.Text.RegularExpressions;

namespace Platform.Asl.Jsonata;

/// <summary>Turns a JavaScript regular expression into a .NET one that cannot backtrack catastrophically.</summary>
internal static class RegexTranslator
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public static Regex Create(string pattern, string flags)
    {
        var options = RegexOptions.CultureInvariant | RegexOptions.ECMAScript;
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
            return new Regex(pattern, (options & ~RegexOptions.ECMAScript) | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
        }
        catch (ArgumentException)
        {
        }

        try
        {
            return new Regex(pattern, options, Timeout);
        }
        catch (ArgumentException)
        {
            try
            {
                return new Regex(pattern, options & ~RegexOptions.ECMAScript, Timeout);
            }
            catch (ArgumentException e)
            {
                throw new JsonataException("S0301", "Invalid regular expression: " + e.Message, -1);
            }
        }
    }
}
