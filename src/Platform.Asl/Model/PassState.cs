using Platform.Asl.Json;

namespace Platform.Asl.Model;

/// <summary>A Pass state.</summary>
public sealed record PassState : StateDefinition
{
    /// <inheritdoc />
    public override StateType Type => StateType.Pass;

    /// <summary>Gets the literal Result (its <c>.$</c> keys are not evaluated), if any.</summary>
    public JNode? Result { get; init; }

    /// <summary>Gets the Parameters payload template, if any.</summary>
    public JNode? Parameters { get; init; }

    /// <summary>Gets the ResultPath.</summary>
    /// <value>"$".</value>
    public string? ResultPath { get; init; } = "$";
}
