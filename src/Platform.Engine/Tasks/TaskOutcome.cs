using Platform.Asl.Json;

namespace Platform.Engine.Tasks;

/// <summary>The result of a task: a JSON value, or an ASL error (name and cause). Failures are values, not exceptions.</summary>
public readonly struct TaskOutcome
{
    private TaskOutcome(JNode? result, string? error, string? cause)
    {
        Result = result;
        Error = error;
        Cause = cause;
    }

    /// <summary>Gets the result when the task succeeded.</summary>
    public JNode? Result { get; }

    /// <summary>Gets the error name when the task failed.</summary>
    public string? Error { get; }

    /// <summary>Gets the cause when the task failed (may be null).</summary>
    public string? Cause { get; }

    /// <summary>Gets a value indicating whether the task succeeded (a <see langword="default"/> outcome did not).</summary>
    public bool IsSuccess => Result is not null;

    /// <summary>A successful outcome.</summary>
    public static TaskOutcome Success(JNode result) => new(result ?? JNode.Null, null, null);

    /// <summary>A failed outcome.</summary>
    public static TaskOutcome Failure(string error, string? cause) => new(null, error ?? throw new ArgumentNullException(nameof(error)), cause);

    /// <summary>Turns a handler exception into a failure: <see cref="TaskFailedException"/> keeps its names; others use the exception type name.</summary>
    public static TaskOutcome FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is TaskFailedException tfe
            ? Failure(tfe.Error, tfe.Cause)
            : Failure(exception.GetType().Name, exception.Message);
    }

    /// <summary>Implicit success from a JSON value.</summary>
    public static implicit operator TaskOutcome(JNode result) => Success(result);
}
