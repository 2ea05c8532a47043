namespace Platform.Asl.Json;

/// <summary>The kind of a JSON value.</summary>
public enum JsonKind : byte
{
    /// <summary>JSON <c>null</c>.</summary>
    Null,
    /// <summary>JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>A JSON number (an IEEE double, as in JavaScript and JSONata).</summary>
    Number,
    /// <summary>A JSON string.</summary>
    String,
    /// <summary>A JSON array.</summary>
    Array,
    /// <summary>A JSON object.</summary>
    Object,
}
