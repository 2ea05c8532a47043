using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Engine.Orchestration;

/// <summary>Maps ASL failures (Error, Cause) to and from a host's failure record: an exception's type name and message, as
/// Durable Task keeps them in <c>TaskFailureDetails</c> (<c>ErrorType</c>, <c>ErrorMessage</c>).</summary>
/// <remarks>
/// A failure raised as an <see cref="AslErrorException"/> comes back with its own error name and cause. Any other failure
/// (an activity that threw something else, a sub-orchestration that crashed) becomes the error named after the exception
/// type's short name, with its message as the cause: the names <see cref="TaskOutcome.FromException"/> gives a handler's
/// exception on the embedded hosts, so <c>ErrorEquals</c> matches the same failures on Azure as locally.
/// </remarks>
public static class AslFailures
{
    /// <summary>The failure record's type name of an <see cref="AslErrorException"/>.</summary>
    public static readonly string ErrorType = typeof(AslErrorException).FullName!;

    /// <summary>Reads the ASL error and cause from a failure record.</summary>
    /// <param name="errorType">The full name of the exception type that failed (TaskFailureDetails.ErrorType).</param>
    /// <param name="errorMessage">Its message (TaskFailureDetails.ErrorMessage).</param>
    public static (string Error, string? Cause) FromFailureDetails(string? errorType, string? errorMessage)
    {
        if (errorType == ErrorType && errorMessage is not null
            && JsonParser.TryParse(errorMessage, out _) is JObject encoded && encoded["error"] is JString { Value: var error })
        {
            return (error, encoded["cause"] is JString { Value: var cause } ? cause : null);
        }

        if (string.IsNullOrEmpty(errorType))
        {
            return (Asl.Errors.StatesErrors.TaskFailed, errorMessage);
        }

        // System.InvalidOperationException -> InvalidOperationException, Outer+Nested -> Nested, Ns.Box`1[[...]] -> Box`1:
        // Type.Name, which is what the embedded hosts name a handler's exception.
        int arguments = errorType.IndexOf('[', StringComparison.Ordinal);
        string type = arguments > 0 ? errorType[..arguments] : errorType;
        int cut = Math.Max(type.LastIndexOf('.'), type.LastIndexOf('+'));
        return (type[(cut + 1)..], errorMessage);
    }

    /// <summary>The exception that carries a failure record into the engine as (Error, Cause): the engine turns it into a
    /// failed <see cref="TaskOutcome"/> with those names.</summary>
    public static Tasks.TaskFailedException ToEngineException(string? errorType, string? errorMessage)
    {
        var (error, cause) = FromFailureDetails(errorType, errorMessage);
        return new Tasks.TaskFailedException(error, cause);
    }

    /// <summary>The exception an activity throws for a failed outcome, so the host's failure record keeps its error and cause.</summary>
    /// <exception cref="ArgumentException">The outcome succeeded.</exception>
    public static AslErrorException ToException(TaskOutcome outcome) => outcome.IsSuccess
        ? throw new ArgumentException("A successful outcome is not a failure.", nameof(outcome))
        : new AslErrorException(outcome.Error ?? Asl.Errors.StatesErrors.Runtime, outcome.Error is null ? "The task returned no outcome." : outcome.Cause);
}
