namespace Platform.Asl.Jsonata;

/// <summary>A lexical token: its type (operator, string, number, value, name, variable, regex), value and end position.</summary>
internal sealed record Token(string Type, object? Value, int Position);
