namespace Platform.Runtime.Durable;

/// <summary>An operation on an execution (RedriveExecution) that changed nothing, with AWS's error code.</summary>
public sealed class ExecutionOperationException : Exception
{
    /// <summary>AWS's code for an execution id (ARN) that names no execution.</summary>
    public const string ExecutionDoesNotExist = "ExecutionDoesNotExist";

    /// <summary>AWS's code for an execution that cannot be redriven (running, succeeded, too old, too long a history, …).</summary>
    public const string ExecutionNotRedrivable = "ExecutionNotRedrivable";

    /// <summary>Creates the exception.</summary>
    public ExecutionOperationException(string code, string message)
        : base(message) => Code = code;

    /// <summary>Creates the exception.</summary>
    public ExecutionOperationException()
        : this(ExecutionDoesNotExist, "Execution does not exist.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExecutionOperationException(string message)
        : this(ExecutionDoesNotExist, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExecutionOperationException(string message, Exception innerException)
        : base(message, innerException) => Code = ExecutionDoesNotExist;

    /// <summary>Gets AWS's error code: <see cref="ExecutionDoesNotExist"/> or <see cref="ExecutionNotRedrivable"/>.</summary>
    public string Code { get; }
}
