namespace Platform.Asl.Jsonata.Formatting;

/// <summary>A regex fragment for one picture part and how to turn its match into a value (null when unknown).</summary>
internal sealed record PartMatcher(string Regex, Func<string, double?>? Parse, char Component);
