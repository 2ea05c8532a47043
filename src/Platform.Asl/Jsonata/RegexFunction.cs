using System.Text.RegularExpressions;

namespace Platform.Asl.Jsonata;

/// <summary>A regular expression value (JSONata treats a regex as a matching function).</summary>
internal sealed class RegexFunction : JFunction
{
    public RegexFunction(Regex regex) => Regex = regex;

    public Regex Regex { get; }

    public override int Arity => 1;
}
