namespace Platform.Asl.Jsonata;

/// <summary>A JSONata object during evaluation (ordered and mutable while it is built or transformed); also a tuple.</summary>
internal sealed class JMap : OrderedDictionary<string, object?>
{
    public JMap()
        : base(StringComparer.Ordinal)
    {
    }
}
