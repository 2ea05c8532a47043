using System.Text.RegularExpressions;

namespace Platform.Asl.Jsonata;

/// <summary>A regular expression literal's pattern and flags, as written; translated to .NET once, on first use.</summary>
internal sealed record RegexLiteral(string Pattern, string Flags)
{
    private readonly Lazy<Regex> _regex = new(() => RegexTranslator.Create(Pattern, Flags), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets the compiled expression (thread-safe, shared by every evaluation).</summary>
    public Regex Regex => _regex.Value;
}
