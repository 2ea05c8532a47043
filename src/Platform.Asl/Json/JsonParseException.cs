namespace Platform.Asl.Json;

/// <summary>JSON text that could not be parsed, with the line and column where parsing stopped.</summary>
public sealed class JsonParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public JsonParseException(string reason, long line, long column, string? pointer = null)
        : base(pointer is null
            ? $"Invalid JSON at line {line}, column {column}: {reason}"
            : $"Invalid JSON at line {line}, column {column} ({pointer}): {reason}")
    {
        Reason = reason;
        Line = line;
        Column = column;
        Pointer = pointer;
    }

    /// <summary>Creates the exception.</summary>
    public JsonParseException()
        : this("invalid JSON", 0, 0)
    {
    }

    /// <summary>Creates the exception.</summary>
    public JsonParseException(string message)
        : this(message, 0, 0)
    {
    }

    /// <summary>Creates the exception.</summary>
    public JsonParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Gets why parsing failed.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>Gets the 1-based line.</summary>
    public long Line { get; }

    /// <summary>Gets the 1-based column (in bytes).</summary>
    public long Column { get; }

    /// <summary>Gets the JSON pointer of the value being read, when known.</summary>
    public string? Pointer { get; }
}
