namespace Platform.Asl.Jsonata.Formatting;

/// <summary>The primary format token of an integer picture (F&amp;O 4.6.1).</summary>
internal enum IntegerPrimary
{
    Decimal,
    Letters,
    Roman,
    Words,
    Sequence,
}
