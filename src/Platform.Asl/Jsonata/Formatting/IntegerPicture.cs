namespace Platform.Asl.Jsonata.Formatting;

/// <summary>An analysed integer picture string (fn:format-integer).</summary>
internal sealed class IntegerPicture
{
    public IntegerPrimary Primary { get; set; } = IntegerPrimary.Decimal;

    public LetterCase Case { get; set; } = LetterCase.Lower;

    public bool Ordinal { get; set; }

    /// <summary>The code point of the zero digit of the decimal digit family.</summary>
    public int ZeroCode { get; set; } = '0';

    public int MandatoryDigits { get; set; }

    public int OptionalDigits { get; set; }

    /// <summary>True when every separator is the same character at a regular interval.</summary>
    public bool Regular { get; set; }

    /// <summary>The interval of a regular grouping.</summary>
    public int RegularPosition { get; set; }

    /// <summary>The separators, rightmost first (for regular grouping, the first one gives the character).</summary>
    public IReadOnlyList<GroupingSeparator> Separators { get; set; } = [];

    /// <summary>The unsupported sequence token, for error D3130.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The width used when a date/time component is parsed (-1 or 0 when unbounded).</summary>
    public int N { get; set; }

    public IntegerPicture Clone() => (IntegerPicture)MemberwiseClone();
}
