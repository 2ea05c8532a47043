using Platform.Asl.Json;

namespace Platform.Engine.Orchestration;

/// <summary>Carries an ASL failure (Error, Cause) through a host that only moves exceptions: its message is the pair as
/// JSON, so the host's failure record (Durable's <c>TaskFailureDetails.ErrorMessage</c>) keeps both, and
/// <see cref="AslFailures.FromFailureDetails"/> reads them back for Retry and Catch to match.</summary>
public sealed class AslErrorException : Exception
{
    /// <summary>AWS's limit on a cause, in characters; longer causes are cut so the host's failure record stays small.</summary>
    public const int MaxCauseLength = 32_768;

    /// <summary>Creates the exception for an ASL error and its cause.</summary>
    public AslErrorException(string error, string? cause)
        : base(Encode(error, cause))
    {
        Error = error;
        Cause = cause is { Length: > MaxCauseLength } ? cause[..MaxCauseLength] : cause;
    }

    /// <summary>Creates the exception with States.TaskFailed and no cause.</summary>
    public AslErrorException()
        : this(Asl.Errors.StatesErrors.TaskFailed, (string?)null)
    {
    }

    /// <summary>Creates the exception with States.TaskFailed and <paramref name="message"/> as the cause.</summary>
    public AslErrorException(string message)
        : this(Asl.Errors.StatesErrors.TaskFailed, message)
    {
    }

    /// <summary>Creates the exception with States.TaskFailed and <paramref name="message"/> as the cause.</summary>
    public AslErrorException(string message, Exception innerException)
        : base(Encode(Asl.Errors.StatesErrors.TaskFailed, message), innerException)
    {
        Error = Asl.Errors.StatesErrors.TaskFailed;
        Cause = message;
    }

    /// <summary>Gets the ASL error name.</summary>
    public string Error { get; }

    /// <summary>Gets the ASL cause, if any.</summary>
    public string? Cause { get; }

    private static string Encode(string error, string? cause)
    {
        ArgumentNullException.ThrowIfNull(error);
        cause = cause is { Length: > MaxCauseLength } ? cause[..MaxCauseLength] : cause;
        return cause is null
            ? new JObject(["error"], [JNode.From(error)]).ToJson()
            : new JObject(["error", "cause"], [JNode.From(error), JNode.From(cause)]).ToJson();
    }
}
