using Platform.Asl.Json;
using Platform.Engine.Execution;

namespace Platform.Runtime.Testing;

/// <summary>What a test case expects: a status, and the output or the error and cause to compare.</summary>
/// <param name="Status">The expected status (<see cref="ExecutionStatus.Succeeded"/>, <see cref="ExecutionStatus.Failed"/> or <see cref="ExecutionStatus.TimedOut"/>).</param>
public sealed record TestExpectation(ExecutionStatus Status)
{
    /// <summary>Gets the expected output, or <see langword="null"/> when the output is not compared.</summary>
    public JNode? Output { get; init; }

    /// <summary>Gets a value indicating whether the error is compared (always for FAILED).</summary>
    public bool ComparesError { get; init; }

    /// <summary>Gets the expected error name (<see langword="null"/> when AWS reports none).</summary>
    public string? Error { get; init; }

    /// <summary>Gets a value indicating whether the cause is compared (only when the case gives one).</summary>
    public bool ComparesCause { get; init; }

    /// <summary>Gets the expected cause.</summary>
    public string? Cause { get; init; }

    /// <summary>Gets the <c>expect</c> object as written.</summary>
    public JObject Source { get; init; } = JObject.Empty;
}
