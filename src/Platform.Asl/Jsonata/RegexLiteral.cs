namespace Platform.Asl.Jsonata;

/// <summary>A regular expression literal's pattern and flags, as written.</summary>
internal sealed record RegexLiteral(string Pattern, string Flags);
