namespace Platform.Asl.Paths;

/// <summary>A path that is not valid JSONPath, with the position where parsing failed.</summary>
public sealed class JsonPathException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public JsonPathException(string path, int position, string reason)
        : base($"Invalid JSONPath '{path}' at position {position}: {reason}")
    {
        Path = path;
        Position = position;
        Reason = reason;
    }

    /// <summary>Creates the exception.</summary>
    public JsonPathException()
        : this(string.Empty, 0, "invalid path")
    {
    }

    /// <summary>Creates the exception.</summary>
    public JsonPathException(string message)
        : this(string.Empty, 0, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public JsonPathException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Reason = message;
    }

    /// <summary>Gets the path text.</summary>
    public string Path { get; }

    /// <summary>Gets the 0-based character position.</summary>
    public int Position { get; }

    /// <summary>Gets why the path is invalid.</summary>
    public string Reason { get; }
}
