using Platform.Asl.Json;

namespace Platform.Asl.Jsonata.Formatting;

/// <summary>JSONata 2.0.6's picture-string functions: $formatNumber, $formatInteger, $formatBase, $parseInteger, $fromMillis, $toMillis.</summary>
public static class JsonataFormatting
{
    /// <summary>$formatNumber: formats a number with an XPath fn:format-number picture and optional decimal-format options.</summary>
    public static string FormatNumber(double value, string picture, JObject? options)
    {
        ArgumentNullException.ThrowIfNull(picture);
        return NumberFormatter.Format(value, picture, options);
    }

    /// <summary>$formatInteger: formats an integer with an XPath fn:format-integer picture.</summary>
    public static string FormatInteger(long value, string picture) => FormatInteger((double)value, picture);

    /// <summary>$formatInteger for any JSON number: the value is floored first, as JSONata does.</summary>
    public static string FormatInteger(double value, string picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        return IntegerFormatter.Format(value, picture);
    }

    /// <summary>$formatBase: the number rounded (half to even) and written in the given radix (2 to 36, else D3100).</summary>
    public static string FormatBase(double value, int radix) => FormatBase(value, (double)radix);

    /// <summary>$formatBase with a JSON number radix, itself rounded half to even.</summary>
    public static string FormatBase(double value, double radix = 10)
    {
        var rounded = JsCompat.Round(value, 0);
        var r = JsCompat.Round(radix, 0);
        if (!(r >= 2 && r <= 36))
        {
            throw JsonataFormattingException.Create("D3100", JsCompat.NumberToString(r));
        }

        if (double.IsNaN(rounded) || double.IsInfinity(rounded))
        {
            return JsCompat.NumberToString(rounded);
        }

        if (r == 10)
        {
            return JsCompat.NumberToString(rounded);
        }

        // V8's Number.prototype.toString(radix): digits below the double's precision are written as zeros.
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        const double TwoTo53 = 9007199254740992;
        var integer = Math.Abs(rounded);
        var chars = new List<char>();
        while (integer / r >= TwoTo53)
        {
            integer /= r;
            chars.Add('0');
        }

        do
        {
            var remainder = integer % r;
            chars.Add(Digits[(int)remainder]);
            integer = (integer - remainder) / r;
        }
        while (integer > 0);

        chars.Reverse();
        return (rounded < 0 ? "-" : string.Empty) + new string([.. chars]);
    }

    /// <summary>$parseInteger: the inverse of $formatInteger for the same picture (NaN when the text cannot be read).</summary>
    public static double ParseInteger(string value, string picture)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(picture);
        var format = IntegerFormatter.Analyse(picture);
        return IntegerFormatter.Parse(value, format);
    }

    /// <summary>$fromMillis: an ISO 8601 timestamp by default, or formatted with an XPath date/time picture in a "±HHMM" timezone.</summary>
    public static string FromMillis(long millis, string? picture, string? timezone) =>
        DateTimeFormatter.Format(millis, picture, timezone);

    /// <summary>$fromMillis for any JSON number: fractional milliseconds are truncated, as JavaScript's Date does.</summary>
    public static string FromMillis(double millis, string? picture, string? timezone)
    {
        if (!double.IsFinite(millis) || Math.Abs(millis) > 8.64e15)
        {
            throw JsonataFormattingException.Create("D1001", JsCompat.NumberToString(millis));
        }

        return FromMillis((long)Math.Truncate(millis), picture, timezone);
    }

    /// <summary>$toMillis: parses ISO 8601 (D3110 when it is not), or against a picture; null when it cannot (undefined or NaN in JSONata).</summary>
    public static long? ToMillis(string timestamp, string? picture) =>
        ToMillis(timestamp, picture, DateTimeOffset.UtcNow);

    /// <summary>$toMillis with the evaluation's fixed "now", which fills in components the picture leaves out.</summary>
    public static long? ToMillis(string timestamp, string? picture, DateTimeOffset now) =>
        ToMillisNumber(timestamp, picture, now) is { } millis && !double.IsNaN(millis) ? (long)millis : null;

    /// <summary>
    /// $toMillis exactly as JSONata returns it: null for undefined (no match, or nothing parsed) and NaN where JSONata
    /// yields NaN (an ISO-shaped text that is no date, or picture parts that make no date; JSON output shows it as null).
    /// </summary>
    public static double? ToMillisNumber(string timestamp, string? picture, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        return picture is null
            ? DateTimeParser.ParseIso(timestamp)
            : DateTimeParser.Parse(timestamp, picture, now.ToUnixTimeMilliseconds());
    }
}
