namespace Platform.Asl.Jsonata.Formatting;

/// <summary>One part of an analysed date/time picture: a literal, or a variable marker such as [Y0001].</summary>
internal sealed class DateTimeMarker
{
    /// <summary>The literal text, when this part is a literal.</summary>
    public string? Literal { get; init; }

    /// <summary>The component specifier letter (Y, M, D, ...).</summary>
    public char Component { get; init; }

    public string Presentation1 { get; set; } = string.Empty;

    public string? Presentation2 { get; set; }

    public bool Ordinal { get; set; }

    /// <summary>Name case when the component is written as a name (N, n, Nn).</summary>
    public LetterCase? Names { get; set; }

    public int? MinWidth { get; set; }

    public int? MaxWidth { get; set; }

    public bool HasWidth { get; set; }

    public IntegerPicture? IntegerFormat { get; set; }

    /// <summary>The number of year digits kept (-1 for all), for Y, M and D.</summary>
    public int N { get; set; }

    public bool IsLiteral => Literal is not null;
}
