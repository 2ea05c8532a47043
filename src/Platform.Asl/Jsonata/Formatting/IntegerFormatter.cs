using System.Text;

namespace Platform.Asl.Jsonata.Formatting;

/// <summary>fn:format-integer as JSONata implements it: decimal digits, letters, roman numerals and words.</summary>
internal static class IntegerFormatter
{
    /// <summary>The zero code points of the Unicode decimal digit families JSONata recognises.</summary>
    private static readonly int[] DecimalGroups =
    [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
        0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
        0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ];

    /// <summary>The largest roman numeral produced: JavaScript's stack gives out at about ten thousand 'm's.</summary>
    private const double MaxRoman = 10_000_000;

    /// <summary>Formats a number (floored) with a picture string.</summary>
    public static string Format(double value, string picture) =>
        Format(Math.Floor(value), Analyse(picture));

    /// <summary>Analyses an integer picture string.</summary>
    public static IntegerPicture Analyse(string picture)
    {
        var format = new IntegerPicture();
        string primaryFormat;
        var semicolon = picture.LastIndexOf(';');
        if (semicolon == -1)
        {
            primaryFormat = picture;
        }
        else
        {
            primaryFormat = picture[..semicolon];
            var modifier = picture[(semicolon + 1)..];
            if (modifier.StartsWith('o'))
            {
                format.Ordinal = true;
            }
        }

        switch (primaryFormat)
        {
            case "A":
                format.Case = LetterCase.Upper;
                format.Primary = IntegerPrimary.Letters;
                break;
            case "a":
                format.Primary = IntegerPrimary.Letters;
                break;
            case "I":
                format.Case = LetterCase.Upper;
                format.Primary = IntegerPrimary.Roman;
                break;
            case "i":
                format.Primary = IntegerPrimary.Roman;
                break;
            case "W":
                format.Case = LetterCase.Upper;
                format.Primary = IntegerPrimary.Words;
                break;
            case "Ww":
                format.Case = LetterCase.Title;
                format.Primary = IntegerPrimary.Words;
                break;
            case "w":
                format.Primary = IntegerPrimary.Words;
                break;
            default:
                AnalyseDecimal(primaryFormat, format);
                break;
        }

        return format;
    }

    /// <summary>Formats an already floored number with an analysed picture.</summary>
    public static string Format(double value, IntegerPicture format)
    {
        // JSONata recurses forever (or prints NaN) here; JSON cannot carry these values, so refuse them.
        if (!double.IsFinite(value))
        {
            throw JsonataFormattingException.Create("D1001", JsCompat.NumberToString(value));
        }

        string formatted;
        var negative = value < 0;
        value = Math.Abs(value);
        switch (format.Primary)
        {
            case IntegerPrimary.Letters:
                formatted = ToLetters(value, format.Case == LetterCase.Upper ? 'A' : 'a');
                break;
            case IntegerPrimary.Roman:
                formatted = ToRoman(value);
                if (format.Case == LetterCase.Upper)
                {
                    formatted = formatted.ToUpperInvariant();
                }

                break;
            case IntegerPrimary.Words:
                formatted = NumberWords.ToWords(value, format.Ordinal);
                if (format.Case == LetterCase.Upper)
                {
                    formatted = formatted.ToUpperInvariant();
                }
                else if (format.Case == LetterCase.Lower)
                {
                    formatted = formatted.ToLowerInvariant();
                }

                break;
            case IntegerPrimary.Decimal:
                formatted = FormatDecimal(value, format);
                break;
            default:
                throw JsonataFormattingException.Create("D3130", format.Token);
        }

        return negative ? "-" + formatted : formatted;
    }

    /// <summary>Parses text written with an integer picture (JSONata does not validate the text).</summary>
    public static double Parse(string value, IntegerPicture format)
    {
        switch (format.Primary)
        {
            case IntegerPrimary.Letters:
                return FromLetters(value, format.Case == LetterCase.Upper ? 'A' : 'a');
            case IntegerPrimary.Roman:
                return FromRoman(format.Case == LetterCase.Upper ? value : value.ToUpperInvariant());
            case IntegerPrimary.Words:
                return NumberWords.ToNumber(value.ToLowerInvariant());
            case IntegerPrimary.Decimal:
                var digits = value;
                if (format.Ordinal)
                {
                    digits = JsCompat.Substring(digits, 0, digits.Length - 2);
                }

                if (format.Regular)
                {
                    digits = digits.Replace(",", string.Empty, StringComparison.Ordinal);
                }
                else
                {
                    foreach (var separator in format.Separators)
                    {
                        digits = digits.Replace(separator.Character, string.Empty, StringComparison.Ordinal);
                    }
                }

                if (format.ZeroCode != '0')
                {
                    var builder = new StringBuilder();
                    foreach (var ch in digits)
                    {
                        var shifted = ch - format.ZeroCode + '0';
                        builder.Append(shifted is >= 0 and <= 0xFFFF ? (char)shifted : '?');
                    }

                    digits = builder.ToString();
                }

                return JsCompat.ParseInt(digits);
            default:
                throw JsonataFormattingException.Create("D3130", format.Token);
        }
    }

    /// <summary>Spreadsheet-style letters: a..z, aa..</summary>
    public static string ToLetters(double value, char aChar)
    {
        var letters = new StringBuilder();
        while (value > 0)
        {
            letters.Insert(0, (char)(((value - 1) % 26) + aChar));
            value = Math.Floor((value - 1) / 26);
        }

        return letters.ToString();
    }

    /// <summary>The inverse of <see cref="ToLetters"/>.</summary>
    public static double FromLetters(string letters, char aChar)
    {
        double result = 0;
        for (var i = 0; i < letters.Length; i++)
        {
            result += (letters[letters.Length - i - 1] - aChar + 1) * Math.Pow(26, i);
        }

        return result;
    }

    /// <summary>JavaScript's String.prototype.substr(start, length).</summary>
    private static string JsSubstr(string s, int start, int? length = null)
    {
        if (start < 0)
        {
            start = Math.Max(s.Length + start, 0);
        }

        start = Math.Min(start, s.Length);
        var count = Math.Min(length ?? s.Length, s.Length - start);
        return count <= 0 ? string.Empty : s.Substring(start, count);
    }

    /// <summary>Lower-case roman numerals; zero gives the empty string.</summary>
    public static string ToRoman(double value)
    {
        // JSONata recurses once per numeral and overflows its stack long before this; refuse rather than build megabytes.
        if (value >= MaxRoman)
        {
            throw JsonataFormattingException.Create("D3130", "I");
        }

        (int Value, string Text)[] numerals =
        [
            (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
            (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
        ];
        var builder = new StringBuilder();
        var index = 0;
        while (index < numerals.Length)
        {
            if (value >= numerals[index].Value)
            {
                builder.Append(numerals[index].Text);
                value -= numerals[index].Value;
            }
            else
            {
                index++;
            }
        }

        return builder.ToString();
    }

    /// <summary>Parses upper-case roman numerals; an unknown letter gives NaN.</summary>
    public static double FromRoman(string roman)
    {
        double result = 0;
        var max = 1;
        for (var i = roman.Length - 1; i >= 0; i--)
        {
            var value = roman[i] switch
            {
                'M' => 1000,
                'D' => 500,
                'C' => 100,
                'L' => 50,
                'X' => 10,
                'V' => 5,
                'I' => 1,
                _ => -1,
            };
            if (value < 0)
            {
                return double.NaN;
            }

            if (value < max)
            {
                result -= value;
            }
            else
            {
                max = value;
                result += value;
            }
        }

        return result;
    }

    private static void AnalyseDecimal(string primaryFormat, IntegerPicture format)
    {
        int? zeroCode = null;
        var mandatory = 0;
        var optional = 0;
        var separatorPosition = 0;
        var separators = new List<GroupingSeparator>();
        var runes = primaryFormat.EnumerateRunes().ToList();
        runes.Reverse();
        foreach (var rune in runes)
        {
            var codePoint = rune.Value;
            var digit = false;
            foreach (var group in DecimalGroups)
            {
                if (codePoint >= group && codePoint <= group + 9)
                {
                    digit = true;
                    mandatory++;
                    separatorPosition++;
                    if (zeroCode is null)
                    {
                        zeroCode = group;
                    }
                    else if (group != zeroCode)
                    {
                        throw JsonataFormattingException.Create("D3131");
                    }

                    break;
                }
            }

            if (!digit)
            {
                if (codePoint == '#')
                {
                    separatorPosition++;
                    optional++;
                }
                else
                {
                    separators.Add(new GroupingSeparator(separatorPosition, rune.ToString()));
                }
            }
        }

        if (mandatory == 0)
        {
            format.Primary = IntegerPrimary.Sequence;
            format.Token = primaryFormat;
            return;
        }

        format.Primary = IntegerPrimary.Decimal;
        format.ZeroCode = zeroCode ?? '0';
        format.MandatoryDigits = mandatory;
        format.OptionalDigits = optional;
        var regular = RegularInterval(separators);
        format.Regular = regular > 0;
        format.RegularPosition = regular;
        format.Separators = separators;
    }

    /// <summary>The common interval of the separators when they are the same character and evenly spaced, else 0.</summary>
    private static int RegularInterval(List<GroupingSeparator> separators)
    {
        if (separators.Count == 0)
        {
            return 0;
        }

        if (separators.Any(s => s.Character != separators[0].Character))
        {
            return 0;
        }

        var positions = separators.Select(s => s.Position).ToList();
        return Intervals.Regular(positions);
    }

    private static string FormatDecimal(double value, IntegerPicture format)
    {
        var formatted = JsCompat.NumberToString(value);
        var padLength = format.MandatoryDigits - formatted.Length;
        if (padLength > 0)
        {
            formatted = new string('0', padLength) + formatted;
        }

        if (format.ZeroCode != '0')
        {
            var builder = new StringBuilder();
            foreach (var rune in formatted.EnumerateRunes())
            {
                builder.Append(char.ConvertFromUtf32(rune.Value + format.ZeroCode - '0'));
            }

            formatted = builder.ToString();
        }

        if (format.Regular)
        {
            // A separator every RegularPosition digits counted from the right (built in one pass: pictures may be long).
            var character = format.Separators[0].Character;
            var interval = format.RegularPosition;
            var builder = new StringBuilder(formatted.Length * 2);
            var first = ((formatted.Length - 1) % interval) + 1;
            builder.Append(formatted, 0, first);
            for (var pos = first; pos < formatted.Length; pos += interval)
            {
                builder.Append(character).Append(formatted, pos, interval);
            }

            formatted = builder.ToString();
        }
        else
        {
            // JSONata splices with substr, so a separator left of the digits swallows some of them ("##,##,##0" on 1000 gives ",0").
            foreach (var separator in format.Separators.Reverse())
            {
                var pos = formatted.Length - separator.Position;
                formatted = JsSubstr(formatted, 0, pos) + separator.Character + JsSubstr(formatted, pos);
            }
        }

        if (format.Ordinal)
        {
            var last = formatted[^1];
            var suffix = last switch
            {
                '1' => "st",
                '2' => "nd",
                '3' => "rd",
                _ => "th",
            };
            if (formatted.Length > 1 && formatted[^2] == '1')
            {
                suffix = "th";
            }

            formatted += suffix;
        }

        return formatted;
    }
}
