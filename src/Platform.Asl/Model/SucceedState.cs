namespace Platform.Asl.Model;

/// <summary>A Succeed state.</summary>
public sealed record SucceedState : StateDefinition
{
    /// <inheritdoc />
    public override StateType Type => StateType.Succeed;
}
