namespace Platform.Asl.Errors;

/// <summary>An ASL runtime error raised by the language layer (a path, a template, an intrinsic), carried as (Error, Cause).</summary>
/// <remarks>The engine catches it at the state boundary and turns it into a failure value; it never crosses states.</remarks>
public sealed class StatesException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StatesException(string error, string cause)
        : base(cause)
    {
        Error = error;
        Cause = cause;
    }

    /// <summary>Creates the exception.</summary>
    public StatesException()
        : this(StatesErrors.Runtime, string.Empty)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StatesException(string message)
        : this(StatesErrors.Runtime, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StatesException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = StatesErrors.Runtime;
        Cause = message;
    }

    /// <summary>Gets the ASL error name, e.g. <c>States.Runtime</c>.</summary>
    public string Error { get; }

    /// <summary>Gets the cause text.</summary>
    public string Cause { get; }
}
