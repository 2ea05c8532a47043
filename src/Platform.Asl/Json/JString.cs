namespace Platform.Asl.Json;

/// <summary>A JSON string.</summary>
public sealed class JString : JNode
{
    /// <summary>The empty string.</summary>
    public static readonly JString Empty = new(string.Empty);

    /// <summary>Creates a string value.</summary>
    public JString(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Gets the value.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.String;

    private protected override int ComputeUtf8Size() => JsonWriter.QuotedUtf8Length(Value);
}
