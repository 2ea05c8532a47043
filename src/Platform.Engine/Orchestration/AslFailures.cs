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
        if (TryReadAslError(errorType, errorMessage) is { } asl)
        {
            return asl;
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

    /// <summary>Reads the ASL error and cause from a failure record and its inner records, outermost first (Durable's
    /// <c>TaskFailureDetails</c> and its <c>InnerFailure</c> chain).</summary>
    /// <remarks>A host may wrap the activity's exception (the isolated worker can report an activity's failure as an
    /// invocation failure whose inner failure is the exception the activity threw), so the first record of an
    /// <see cref="AslErrorException"/> that carries (Error, Cause) wins, wherever it is in the chain. Without one, the
    /// outermost record names the error, as <see cref="FromFailureDetails"/> does.</remarks>
    /// <param name="chain">(ErrorType, ErrorMessage) of each record, outermost first.</param>
    public static (string Error, string? Cause) FromFailureChain(IEnumerable<(string? ErrorType, string? ErrorMessage)> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        (string? ErrorType, string? ErrorMessage)? outermost = null;
        foreach (var (errorType, errorMessage) in chain)
        {
            outermost ??= (errorType, errorMessage);
            if (TryReadAslError(errorType, errorMessage) is { } asl)
            {
                return asl;
            }
        }

        return outermost is { } top ? FromFailureDetails(top.ErrorType, top.ErrorMessage) : (Asl.Errors.StatesErrors.TaskFailed, null);
    }

    /// <summary>The exception that carries a failure record into the engine as (Error, Cause): the engine turns it into a
    /// failed <see cref="TaskOutcome"/> with those names.</summary>
    public static Tasks.TaskFailedException ToEngineException(string? errorType, string? errorMessage)
    {
        var (error, cause) = FromFailureDetails(errorType, errorMessage);
        return new Tasks.TaskFailedException(error, cause);
    }

    /// <summary>The exception that carries a chain of failure records into the engine as (Error, Cause), read by
    /// <see cref="FromFailureChain"/>.</summary>
    /// <param name="chain">(ErrorType, ErrorMessage) of each record, outermost first.</param>
    public static Tasks.TaskFailedException ToEngineException(IEnumerable<(string? ErrorType, string? ErrorMessage)> chain)
    {
        var (error, cause) = FromFailureChain(chain);
        return new Tasks.TaskFailedException(error, cause);
    }

    /// <summary>The (Error, Cause) an <see cref="AslErrorException"/>'s record carries, or null when the record is not one.</summary>
    private static (string Error, string? Cause)? TryReadAslError(string? errorType, string? errorMessage) =>
        errorType == ErrorType && errorMessage is not null
            && JsonParser.TryParse(errorMessage, out _) is JObject encoded && encoded["error"] is JString { Value: var error }
            ? (error, encoded["cause"] is JString { Value: var cause } ? cause : null)
            : null;

    /// <summary>The exception an activity throws for a failed outcome, so the host's failure record keeps its error and cause.</summary>
    /// <exception cref="ArgumentException">The outcome succeeded.</exception>
    public static AslErrorException ToException(TaskOutcome outcome) => outcome.IsSuccess
        ? throw new ArgumentException("A successful outcome is not a failure.", nameof(outcome))
        : new AslErrorException(outcome.Error ?? Asl.Errors.StatesErrors.Runtime, outcome.Error is null ? "The task returned no outcome." : outcome.Cause);
}
