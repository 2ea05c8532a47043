using System.Text.RegularExpressions;
using Platform.Asl.Errors;
using Platform.Asl.Json;

namespace Platform.Asl.Paths.Filters;

/// <summary>A <c>/pattern/flags</c> literal, compiled once per path and matched against a whole string (as Java's <c>matches()</c>).</summary>
internal sealed class RegexOperand : FilterOperand
{
    /// <summary>The match timeout used when the pattern needs the backtracking engine.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(500);

    private readonly Regex _regex;

    private RegexOperand(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    /// <summary>Gets the pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>Gets a value indicating whether the linear-time engine runs this pattern.</summary>
    public bool IsNonBacktracking => (_regex.Options & RegexOptions.NonBacktracking) != 0;

    /// <summary>Compiles a pattern: the linear-time engine when the pattern allows it, otherwise backtracking with a timeout.</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public static RegexOperand Create(string pattern, RegexOptions flags)
    {
        string anchored = @"\A(?:" + pattern + @")\z";
        var options = flags | RegexOptions.CultureInvariant;
        Regex regex;
        try
        {
            regex = new Regex(anchored, options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            regex = new Regex(anchored, options, MatchTimeout);
        }

        return new RegexOperand(pattern, regex);
    }

    /// <inheritdoc />
    public override JNode? Evaluate(JNode current, JNode root) => JNode.From(Pattern);

    /// <summary>Matches a value: strings as they are, numbers and booleans by their text, arrays when any item matches.</summary>
    /// <exception cref="StatesException"><c>States.Runtime</c> when the match times out.</exception>
    public bool IsMatch(JNode? value)
    {
        switch (value)
        {
            case JString s:
                return IsMatch(s.Value);
            case JNumber n:
                return IsMatch(n.ToString());
            case JBool b:
                return IsMatch(b.Value ? "true" : "false");
            case JArray a:
                foreach (var item in a.Items)
                {
                    if (item is JString or JNumber or JBool && IsMatch(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private bool IsMatch(string input)
    {
        try
        {
            return _regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new StatesException(
                StatesErrors.Runtime,
                $"The regular expression /{Pattern}/ took longer than {MatchTimeout.TotalMilliseconds} ms to match and was abandoned.");
        }
    }
}
