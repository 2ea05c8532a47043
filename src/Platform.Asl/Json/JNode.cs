using System.Text;

namespace Platform.Asl.Json;

/// <summary>An immutable JSON value. Values are shared, never copied: every state transition moves references.</summary>
/// <remarks>
/// Immutability is what lets the engine pass a state's output to the next state, into a Map iteration or into a
/// history event without a deep copy. Containers cache their serialized UTF-8 size, so the 256 KiB payload checks are
/// cheap after the first one.
/// </remarks>
public abstract class JNode : IEquatable<JNode>
{
    private protected int _utf8Size = -1;
    private protected int _depth = -1;
    private string? _json;

    private protected JNode()
    {
    }

    /// <summary>Gets the kind of this value.</summary>
    public abstract JsonKind Kind { get; }

    /// <summary>Gets the JSON <c>null</c> value.</summary>
    public static JNull Null => JNull.Instance;

    /// <summary>Gets the JSON <c>true</c> value.</summary>
    public static JBool True => JBool.TrueValue;

    /// <summary>Gets the JSON <c>false</c> value.</summary>
    public static JBool False => JBool.FalseValue;

    /// <summary>Gets the size of this value's compact JSON text in UTF-8 bytes (cached).</summary>
    public int Utf8Size
    {
        get
        {
            if (_utf8Size < 0)
            {
                _utf8Size = ComputeUtf8Size();
            }

            return _utf8Size;
        }
    }

    /// <summary>Gets the nesting depth: 0 for a scalar, 1 for an array or object of scalars (cached).</summary>
    /// <remarks>Values grow one level per state at most, so the children's depths are already cached when a parent asks.</remarks>
    public int Depth
    {
        get
        {
            if (_depth < 0)
            {
                _depth = ComputeDepth();
            }

            return _depth;
        }
    }

    /// <summary>Creates a boolean value.</summary>
    public static JBool From(bool value) => value ? JBool.TrueValue : JBool.FalseValue;

    /// <summary>Creates a string value.</summary>
    public static JString From(string value) => new(value);

    /// <summary>Creates a number value.</summary>
    public static JNumber From(double value) => JNumber.Create(value);

    /// <summary>Creates a number value.</summary>
    public static JNumber From(long value) => JNumber.Create(value);

    /// <summary>Parses JSON text into a value.</summary>
    public static JNode Parse(string json) => JsonParser.Parse(json);

    /// <summary>Compares two values structurally: numbers by value, objects regardless of key order.</summary>
    public static bool DeepEquals(JNode? a, JNode? b) => JsonEquality.DeepEquals(a, b);

    /// <inheritdoc />
    public bool Equals(JNode? other) => JsonEquality.DeepEquals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JNode n && JsonEquality.DeepEquals(this, n);

    /// <inheritdoc />
    public override int GetHashCode() => JsonEquality.GetHashCode(this);

    /// <summary>Returns the compact JSON text of this value (cached for arrays and objects, which never change).</summary>
    /// <remarks>History events print each state's input and output; an unchanged payload is serialised once.</remarks>
    public override string ToString() => this is JObject or JArray
        ? _json ??= JsonWriter.Write(this, indented: false)
        : JsonWriter.Write(this, indented: false);

    /// <summary>Returns the JSON text of this value, indented with two spaces when asked.</summary>
    public string ToJson(bool indented = false) => JsonWriter.Write(this, indented);

    /// <summary>Writes the compact JSON text of this value.</summary>
    public void WriteTo(StringBuilder builder) => JsonWriter.Write(this, builder, indented: false, depth: 0);

    /// <summary>Gets the name of this value's kind as AWS and JSONata messages spell it.</summary>
    public string KindName => Kind switch
    {
        JsonKind.Null => "null",
        JsonKind.Boolean => "boolean",
        JsonKind.Number => "number",
        JsonKind.String => "string",
        JsonKind.Array => "array",
        _ => "object",
    };

    private protected abstract int ComputeUtf8Size();

    private protected virtual int ComputeDepth() => 0;
}
