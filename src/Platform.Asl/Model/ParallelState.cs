using Platform.Asl.Json;

namespace Platform.Asl.Model;

/// <summary>A Parallel state.</summary>
public sealed record ParallelState : StateDefinition, IRetryableState
{
    /// <inheritdoc />
    public override StateType Type => StateType.Parallel;

    /// <summary>Gets the branches in order.</summary>
    public required IReadOnlyList<StateMachineDefinition> Branches { get; init; }

    /// <summary>Gets the Parameters payload template, if any.</summary>
    public JNode? Parameters { get; init; }

    /// <summary>Gets the Arguments (JSONata), if any.</summary>
    public JNode? Arguments { get; init; }

    /// <summary>Gets the ResultSelector payload template, if any.</summary>
    public JNode? ResultSelector { get; init; }

    /// <summary>Gets the ResultPath.</summary>
    /// <value>"$".</value>
    public string? ResultPath { get; init; } = "$";

    /// <inheritdoc />
    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    /// <inheritdoc />
    public IReadOnlyList<Catcher> Catch { get; init; } = [];
}
