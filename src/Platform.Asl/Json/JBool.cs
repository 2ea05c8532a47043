namespace Platform.Asl.Json;

/// <summary>A JSON boolean.</summary>
public sealed class JBool : JNode
{
    internal static readonly JBool TrueValue = new(true);
    internal static readonly JBool FalseValue = new(false);

    private JBool(bool value) => Value = value;

    /// <summary>Gets the value.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Boolean;

    private protected override int ComputeUtf8Size() => Value ? 4 : 5;
}
