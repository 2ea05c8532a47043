namespace Platform.Asl.Json;

/// <summary>A JSON string.</summary>
public sealed class JString : JNode
{
    /// <summary>The empty string.</summary>
    public static readonly JString Empty = new(string.Empty);

    private readonly JNode? _json;
    private string? _value;

    /// <summary>Creates a string value.</summary>
    public JString(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    private JString(JNode json) => _json = json;

    /// <summary>Gets the value.</summary>
    public string Value => _value ?? Materialize();

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.String;

    /// <summary>A string whose value is the compact JSON text of <paramref name="json"/>, written only when first read.</summary>
    /// <remarks>History events carry payloads as JSON text, as AWS prints them; most of them are never read (an Express
    /// execution's history, a run without a console), so the text is not written until someone asks. Values are
    /// immutable, so the text is the same whenever it is written.</remarks>
    public static JString OfJson(JNode json) => new(json ?? throw new ArgumentNullException(nameof(json)));

    private protected override int ComputeUtf8Size() => JsonWriter.QuotedUtf8Length(Value);

    private string Materialize()
    {
        // Two threads may both write the text; they write the same string, and either may be kept.
        string text = _json!.ToString();
        _value = text;
        return text;
    }
}
