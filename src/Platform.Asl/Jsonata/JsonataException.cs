namespace Platform.Asl.Jsonata;

/// <summary>A JSONata syntax, type or evaluation error, with JSONata's error code (e.g. S0201, T2001, D3030).</summary>
public sealed class JsonataException : Exception
{
    /// <summary>Creates an error.</summary>
    public JsonataException(string code, string message, int position = -1, string? token = null)
        : base(code + ": " + message)
    {
        Code = code;
        Position = position;
        Token = token;
        Description = message;
    }

    /// <summary>Creates an error with no details.</summary>
    public JsonataException()
        : this("U0000", "JSONata error")
    {
    }

    /// <summary>Creates an error with a message.</summary>
    public JsonataException(string message)
        : this("U0000", message)
    {
    }

    /// <summary>Creates an error wrapping another.</summary>
    public JsonataException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "U0000";
        Position = -1;
    }

    /// <summary>Gets the message without the code prefix.</summary>
    public string Description { get; } = string.Empty;

    /// <summary>Gets JSONata's error code.</summary>
    public string Code { get; }

    /// <summary>Gets the character position in the expression, or -1 when unknown.</summary>
    public int Position { get; internal set; }

    /// <summary>Gets the token the error is about, when known.</summary>
    public string? Token { get; internal set; }
}
