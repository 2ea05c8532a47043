namespace Platform.Asl.Model;

/// <summary>A Choice state.</summary>
public sealed record ChoiceState : StateDefinition
{
    /// <inheritdoc />
    public override StateType Type => StateType.Choice;

    /// <summary>Gets the top-level rules in order; each has a Next.</summary>
    public required IReadOnlyList<ChoiceRule> Choices { get; init; }

    /// <summary>Gets the state to go to when no rule matches, if any.</summary>
    public string? Default { get; init; }
}
