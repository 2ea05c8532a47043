namespace Platform.Asl.Intrinsics;

/// <summary>An intrinsic call that cannot be parsed, with the position where parsing failed.</summary>
public sealed class IntrinsicSyntaxException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public IntrinsicSyntaxException(string text, int position, string reason)
        : base($"Invalid intrinsic function '{text}' at position {position}: {reason}")
    {
        Text = text;
        Position = position;
        Reason = reason;
    }

    /// <summary>Creates the exception.</summary>
    public IntrinsicSyntaxException()
        : this(string.Empty, 0, "invalid intrinsic function")
    {
    }

    /// <summary>Creates the exception.</summary>
    public IntrinsicSyntaxException(string message)
        : this(string.Empty, 0, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public IntrinsicSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Text = string.Empty;
        Reason = message;
    }

    /// <summary>Gets the expression text.</summary>
    public string Text { get; }

    /// <summary>Gets the 0-based character position.</summary>
    public int Position { get; }

    /// <summary>Gets why the call is invalid.</summary>
    public string Reason { get; }
}
