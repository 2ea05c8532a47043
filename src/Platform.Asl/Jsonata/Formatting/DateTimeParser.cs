using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Asl.Jsonata.Formatting;

/// <summary>Parses timestamps for $toMillis: ISO 8601 by default, or against a date/time picture.</summary>
internal static class DateTimeParser
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    private static readonly Regex Iso8601 = new(
        @"^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$",
        RegexOptions.CultureInvariant,
        RegexTimeout);

    private static readonly Regex IsoStrict = new(
        @"^(?<y>\d{4})(?:-(?<mo>\d\d)(?:-(?<d>\d\d)(?:T(?<h>\d\d):(?<mi>\d\d)(?::(?<s>\d\d)(?:\.(?<f>\d+))?)?)?)?)?(?<z>Z|[+-]\d\d:?\d\d)?$",
        RegexOptions.CultureInvariant,
        RegexTimeout);

    /// <summary>Parses an ISO 8601 timestamp; throws D3110 when it is not one, NaN (as Date.parse) when it matches but is no date.</summary>
    public static double ParseIso(string timestamp)
    {
        if (!Iso8601.IsMatch(timestamp))
        {
            throw JsonataFormattingException.Create("D3110", timestamp);
        }

        var m = IsoStrict.Match(timestamp);
        if (!m.Success)
        {
            return double.NaN;
        }

        int Group(string name, int fallback) =>
            m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : fallback;

        var year = Group("y", 0);
        var month = Group("mo", 1);
        var day = Group("d", 1);
        var hour = Group("h", 0);
        var minute = Group("mi", 0);
        var second = Group("s", 0);
        var fraction = m.Groups["f"].Success ? m.Groups["f"].Value : string.Empty;
        var ms = fraction.Length == 0 ? 0 : int.Parse((fraction + "00")[..3], CultureInfo.InvariantCulture);
        // Like V8's Date.parse, any day 1-31 is accepted and rolls over (2018-02-30 is 2 March).
        if (month is < 1 or > 12 || day is < 1 or > 31
            || hour > 24 || minute > 59 || second > 59 || (hour == 24 && (minute != 0 || second != 0 || ms != 0)))
        {
            return double.NaN;
        }

        var days = CivilTime.DaysFromCivil(year, month, day);
        var millis = (days * CivilTime.MillisPerDay) + (hour * 3_600_000L) + (minute * 60_000L) + (second * 1000L) + ms;
        var zone = m.Groups["z"].Value;
        if (zone.Length > 1)
        {
            var digits = zone.Replace(":", string.Empty, StringComparison.Ordinal);
            var zh = int.Parse(digits[1..3], CultureInfo.InvariantCulture);
            var zm = int.Parse(digits[3..5], CultureInfo.InvariantCulture);
            if (zh > 23 || zm > 59)
            {
                return double.NaN;
            }

            var sign = zone[0] == '-' ? -1 : 1;
            millis -= sign * ((zh * 60) + zm) * 60_000L;
        }

        return millis;
    }

    /// <summary>Parses a timestamp against a picture: null (undefined) when it does not match or holds no component, NaN when the parts make no date.</summary>
    public static double? Parse(string timestamp, string picture, long nowMillis)
    {
        var spec = DateTimePicture.Analyse(picture);
        var parts = spec.Select(Matcher).ToList();
        var fullRegex = "^" + string.Concat(parts.Select(p => "(" + p.Regex + ")")) + "$";
        Match info;
        try
        {
            var matcher = new Regex(fullRegex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
            info = matcher.Match(timestamp);
        }
        catch (RegexMatchTimeoutException)
        {
            // Word pictures backtrack badly on hostile text; treat a runaway match as no match.
            return null;
        }

        if (!info.Success)
        {
            return null;
        }

        var components = new Dictionary<char, double?>();
        for (var i = 1; i < info.Groups.Count && i - 1 < parts.Count; i++)
        {
            var part = parts[i - 1];
            if (part.Parse is not null)
            {
                components[part.Component] = part.Parse(info.Groups[i].Value);
            }
        }

        if (components.Count == 0)
        {
            return null;
        }

        bool Defined(char c) => components.TryGetValue(c, out var v) && v is not null;
        bool Truthy(char c) => components.TryGetValue(c, out var v) && v is { } d && d != 0 && !double.IsNaN(d);

        int Mask(string letters) => letters.Aggregate(0, (mask, c) => (mask << 1) + (Truthy(c) ? 1 : 0));
        static bool IsType(int type, int mask) => (~type & mask) == 0 && (type & mask) != 0;

        var dateMask = Mask("YXMxWwdD");
        var dateA = IsType(161, dateMask);
        var dateB = !dateA && IsType(130, dateMask);
        var dateC = IsType(84, dateMask);
        var dateD = !dateC && IsType(72, dateMask);
        var timeMask = Mask("PHhmsf");
        var timeA = IsType(23, timeMask);
        var timeB = !timeA && IsType(47, timeMask);

        var dateComps = dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD";
        var timeComps = timeB ? "Phmsf" : "Hmsf";
        var startSpecified = false;
        var endSpecified = false;
        foreach (var part in dateComps + timeComps)
        {
            if (!Defined(part))
            {
                if (startSpecified)
                {
                    components[part] = "MDd".Contains(part, StringComparison.Ordinal) ? 1 : 0;
                    endSpecified = true;
                }
                else
                {
                    components[part] = DateTimeFormatter.Fragment(nowMillis, part) switch
                    {
                        double d => d,

                        // JSONata's default am/pm is the text "am"/"pm", which never equals 1: keep it inert.
                        _ => double.NaN,
                    };
                }
            }
            else
            {
                startSpecified = true;
                if (endSpecified)
                {
                    throw JsonataFormattingException.Create("D3136");
                }
            }
        }

        double Get(char c) => components.TryGetValue(c, out var v) && v is { } d ? d : double.NaN;

        var month = Get('M') > 0 ? Get('M') - 1 : 0;
        var day = Get('D');
        if (dateB)
        {
            var firstJan = CivilTime.Utc(Get('Y'), 0);
            var derived = firstJan + ((Get('d') - 1) * CivilTime.MillisPerDay);
            if (double.IsNaN(derived))
            {
                return double.NaN;
            }

            var civil = CivilTime.FromMillis((long)derived);
            month = civil.Month - 1;
            day = civil.Day;
        }

        if (dateC || dateD)
        {
            throw JsonataFormattingException.Create("D3136");
        }

        var hour = Get('H');
        if (timeB)
        {
            hour = Get('h') == 12 ? 0 : Get('h');
            if (Get('P') == 1)
            {
                hour += 12;
            }
        }

        var millis = CivilTime.Utc(Get('Y'), month, day, hour, Get('m'), Get('s'), Get('f'));
        var zone = Truthy('Z') ? Get('Z') : Truthy('z') ? Get('z') : 0;
        millis -= zone * 60 * 1000;
        return millis;
    }

    /// <summary>Builds the matcher for one picture part (JSONata's generateRegex).</summary>
    private static PartMatcher Matcher(DateTimeMarker part)
    {
        if (part.Literal is not null)
        {
            return new PartMatcher(Regex.Escape(part.Literal), null, '\0');
        }

        if (part.Component is 'Z' or 'z')
        {
            return TimezoneMatcher(part);
        }

        if (part.IntegerFormat is not null)
        {
            var format = part.IntegerFormat.Clone();
            format.N = part.N;
            var integer = IntegerMatcher(format);
            return integer with { Component = part.Component };
        }

        Dictionary<string, double> lookup = new(StringComparer.Ordinal);
        if (part.Component is 'M' or 'x')
        {
            var months = DateTimeFormatter.MonthNames;
            for (var i = 0; i < months.Count; i++)
            {
                lookup[Truncate(months[i], part.MaxWidth)] = i + 1;
            }
        }
        else if (part.Component == 'F')
        {
            var days = DateTimeFormatter.DayNames;
            for (var i = 1; i < days.Count; i++)
            {
                lookup[Truncate(days[i], part.MaxWidth)] = i;
            }
        }
        else if (part.Component == 'P')
        {
            lookup["am"] = 0;
            lookup["AM"] = 0;
            lookup["pm"] = 1;
            lookup["PM"] = 1;
        }
        else
        {
            throw JsonataFormattingException.Create("D3133", part.Component.ToString());
        }

        return new PartMatcher("[a-zA-Z]+", v => lookup.TryGetValue(v, out var n) ? n : null, part.Component);
    }

    private static string Truncate(string name, int? max) => max is > 0 && name.Length > max ? name[..max.Value] : name;

    /// <summary>The matcher for an integer picture, also used by $parseInteger's analysis.</summary>
    private static PartMatcher IntegerMatcher(IntegerPicture format)
    {
        var isUpper = format.Case == LetterCase.Upper;
        string occurrences;
        if (format.N > 0)
        {
            occurrences = format.OptionalDigits == 0
                ? "{" + Invariant(format.N) + "}"
                : "{" + Invariant(format.N - format.OptionalDigits) + "," + Invariant(format.N) + "}";
        }
        else
        {
            occurrences = "+";
        }

        switch (format.Primary)
        {
            case IntegerPrimary.Letters:
                return new PartMatcher(isUpper ? "[A-Z]+" : "[a-z]+", v => IntegerFormatter.Parse(v, format), '\0');
            case IntegerPrimary.Roman:
                return new PartMatcher(isUpper ? "[MDCLXVI]+" : "[mdclxvi]+", v => IntegerFormatter.Parse(v, format), '\0');
            case IntegerPrimary.Words:
                return new PartMatcher(NumberWords.Pattern, v => IntegerFormatter.Parse(v, format), '\0');
            case IntegerPrimary.Decimal:
                var regex = "[0-9]" + occurrences + (format.Ordinal ? "(?:th|st|nd|rd)" : string.Empty);
                return new PartMatcher(regex, v => IntegerFormatter.Parse(v, format), '\0');
            default:
                throw JsonataFormattingException.Create("D3130", format.Token);
        }
    }

    private static PartMatcher TimezoneMatcher(DateTimeMarker part)
    {
        var format = part.IntegerFormat!;
        var separator = format.Regular ? format.Separators[0].Character : null;
        var regex = (part.Component == 'z' ? "GMT" : string.Empty) + "[-+][0-9]+"
            + (separator is null ? string.Empty : Regex.Escape(separator) + "[0-9]+");
        double? Parse(string value)
        {
            if (part.Component == 'z')
            {
                value = value[3..];
            }

            double hours;
            double minutes = 0;
            if (separator is not null)
            {
                var at = value.IndexOf(separator, StringComparison.Ordinal);
                hours = JsCompat.ParseInt(value[..at]);
                minutes = JsCompat.ParseInt(value[(at + separator.Length)..]);
            }
            else if (value.Length - 1 <= 2)
            {
                hours = JsCompat.ParseInt(value);
            }
            else
            {
                hours = JsCompat.ParseInt(value[..3]);
                minutes = JsCompat.ParseInt(value[3..]);
            }

            return (hours * 60) + minutes;
        }

        return new PartMatcher(regex, Parse, part.Component);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
