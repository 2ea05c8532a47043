using Platform.Asl.Json;

namespace Platform.Asl.Parsing;

/// <summary>Parses ASL text (JSON or YAML) and validates it (STUB: replaced by the implementation).</summary>
public static class AslParser
{
    /// <summary>Parses and validates a definition written as JSON or YAML.</summary>
    public static ParseResult Parse(string text) => throw new NotImplementedException();

    /// <summary>Validates a definition already parsed as JSON.</summary>
    public static ParseResult Parse(JNode definition) => throw new NotImplementedException();
}
