namespace Platform.Runtime.Durable;

/// <summary>A SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat that changed nothing, with AWS's error code.</summary>
public sealed class TaskCallbackException : Exception
{
    /// <summary>AWS's code for a malformed, forged or altered token.</summary>
    public const string InvalidToken = "InvalidToken";

    /// <summary>AWS's code for a token whose task no longer waits (answered, timed out, ended).</summary>
    public const string TaskTimedOut = "TaskTimedOut";

    /// <summary>AWS's code for a token whose execution is unknown.</summary>
    public const string TaskDoesNotExist = "TaskDoesNotExist";

    /// <summary>Creates the exception.</summary>
    public TaskCallbackException(string code, string message)
        : base(message) => Code = code;

    /// <summary>Creates the exception.</summary>
    public TaskCallbackException()
        : this(InvalidToken, "Invalid token.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TaskCallbackException(string message)
        : this(InvalidToken, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TaskCallbackException(string message, Exception innerException)
        : base(message, innerException) => Code = InvalidToken;

    /// <summary>Gets AWS's error code: <see cref="InvalidToken"/>, <see cref="TaskTimedOut"/> or <see cref="TaskDoesNotExist"/>.</summary>
    public string Code { get; }
}
