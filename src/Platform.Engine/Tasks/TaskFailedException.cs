namespace Platform.Engine.Tasks;

/// <summary>Thrown by a task handler to fail with a chosen ASL error name and cause (for Retry and Catch to match).</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskFailedException(string error, string? cause)
        : base(cause ?? error)
    {
        Error = error;
        Cause = cause;
    }

    /// <summary>Creates the exception.</summary>
    public TaskFailedException()
        : this("States.TaskFailed", (string?)null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TaskFailedException(string message)
        : this("States.TaskFailed", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = "States.TaskFailed";
        Cause = message;
    }

    /// <summary>Gets the error name.</summary>
    public string Error { get; }

    /// <summary>Gets the cause.</summary>
    public string? Cause { get; }
}
