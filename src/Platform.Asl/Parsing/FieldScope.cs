namespace Platform.Asl.Parsing;

/// <summary>Which query language a field belongs to.</summary>
internal enum FieldScope
{
    /// <summary>Allowed in JSONPath and JSONata states.</summary>
    Both,
    /// <summary>Allowed in JSONPath states only.</summary>
    JsonPath,
    /// <summary>Allowed in JSONata states only.</summary>
    Jsonata,
}
