using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Runtime.Testing;

/// <summary>What one mocked invocation answers: a raw task result (<c>Return</c>) or an error (<c>Throw</c>).</summary>
/// <param name="Return">The task result, when the invocation succeeds.</param>
/// <param name="Error">The error name, when the invocation fails.</param>
/// <param name="Cause">The cause, when the invocation fails (may be null).</param>
public sealed record MockResponse(JNode? Return, string? Error, string? Cause)
{
    /// <summary>A response that returns <paramref name="result"/>.</summary>
    public static MockResponse Returning(JNode result) => new(result, null, null);

    /// <summary>A response that fails with <paramref name="error"/> and <paramref name="cause"/>.</summary>
    public static MockResponse Throwing(string error, string? cause) => new(null, error, cause);

    /// <summary>Gets the outcome the task dispatcher hands to the engine.</summary>
    public TaskOutcome ToOutcome() => Error is null ? TaskOutcome.Success(Return ?? JNode.Null) : TaskOutcome.Failure(Error, Cause);
}
