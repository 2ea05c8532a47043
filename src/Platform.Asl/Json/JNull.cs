namespace Platform.Asl.Json;

/// <summary>The JSON <c>null</c> value.</summary>
public sealed class JNull : JNode
{
    internal static readonly JNull Instance = new();

    private JNull()
    {
    }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Null;

    private protected override int ComputeUtf8Size() => 4;
}
