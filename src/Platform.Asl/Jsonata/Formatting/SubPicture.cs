namespace Platform.Asl.Jsonata.Formatting;

/// <summary>One sub-picture of a format-number picture, split into its parts (F&amp;O 4.7.3).</summary>
internal sealed record SubPicture(
    string Prefix,
    string Suffix,
    string ActivePart,
    string MantissaPart,
    string? ExponentPart,
    string IntegerPart,
    string FractionalPart,
    string Picture);
