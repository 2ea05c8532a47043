namespace Platform.Asl.Jsonata;

/// <summary>A JSONata object during evaluation (ordered and mutable while it is built or transformed); also a tuple.</summary>
internal sealed class JMap : OrderedDictionary<string, object?>
{
    public JMap()
        : base(StringComparer.Ordinal)
    {
    }

    public JMap(int capacity)
        : base(capacity, StringComparer.Ordinal)
    {
    }

    /// <summary>Gets or sets the JSON object this map is the shared, read-only view of; such a map must never change.</summary>
    public Platform.Asl.Json.JObject? Source { get; set; }
}
