using System.Text;

namespace Platform.Asl.Jsonata.Formatting;

/// <summary>fn:format-dateTime for JSONata's $fromMillis.</summary>
internal static class DateTimeFormatter
{
    public const string IsoPicture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]";

    private static readonly string[] Days = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] Months =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];

    private static readonly List<DateTimeMarker> IsoSpec = DateTimePicture.Analyse(IsoPicture);

    /// <summary>Month names, January first.</summary>
    public static IReadOnlyList<string> MonthNames => Months;

    /// <summary>Day names, with an empty entry 0 so Monday is 1.</summary>
    public static IReadOnlyList<string> DayNames => Days;

    /// <summary>Formats a timestamp with a picture (ISO 8601 when null) in a "±HHMM" timezone (UTC when null).</summary>
    public static string Format(long millis, string? picture, string? timezone)
    {
        double offsetHours = 0;
        double offsetMinutes = 0;
        if (timezone is not null)
        {
            // JSONata reads the timezone with parseInt and splits it arithmetically (so "-0530" becomes -6h -30m).
            var offset = JsCompat.ParseInt(timezone);
            if (!double.IsNaN(offset))
            {
                offsetHours = Math.Floor(offset / 100);
                offsetMinutes = offset % 100;
            }
        }

        var spec = picture is null ? IsoSpec : DateTimePicture.Analyse(picture);
        var offsetMillis = (long)(((60 * offsetHours) + offsetMinutes) * 60 * 1000);
        var shifted = millis + offsetMillis;
        var builder = new StringBuilder();
        foreach (var part in spec)
        {
            builder.Append(part.Literal ?? FormatComponent(shifted, part, offsetHours, offsetMinutes));
        }

        return builder.ToString();
    }

    /// <summary>The value of a component of a timestamp (numbers for most, text for P, C and E).</summary>
    public static object? Fragment(long millis, char component)
    {
        var date = CivilTime.FromMillis(millis);
        switch (component)
        {
            case 'Y':
                return (double)date.Year;
            case 'M':
                return (double)date.Month;
            case 'D':
                return (double)date.Day;
            case 'd':
                {
                    var today = CivilTime.DaysFromCivil(date.Year, date.Month, date.Day);
                    var firstJan = CivilTime.DaysFromCivil(date.Year, 1, 1);
                    return (double)(today - firstJan + 1);
                }

            case 'F':
                return (double)(date.WeekDay == 0 ? 7 : date.WeekDay);
            case 'W':
                {
                    var year = date.Year;
                    var startOfWeek1 = StartOfFirstWeek(year, 0);
                    var today = CivilTime.Utc(year, date.Month - 1, date.Day);
                    var week = DeltaWeeks(startOfWeek1, today);
                    if (week > 52)
                    {
                        if (today >= StartOfFirstWeek(year + 1, 0))
                        {
                            week = 1;
                        }
                    }
                    else if (week < 1)
                    {
                        week = DeltaWeeks(StartOfFirstWeek(year - 1, 0), today);
                    }

                    return Math.Floor(week);
                }

            case 'w':
                {
                    var (year, month) = (date.Year, date.Month - 1);
                    var startOfWeek1 = StartOfFirstWeek(year, month);
                    var today = CivilTime.Utc(year, month, date.Day);
                    var week = DeltaWeeks(startOfWeek1, today);
                    if (week > 4)
                    {
                        var (ny, nm) = month == 11 ? (year + 1, 0) : (year, month + 1);
                        if (today >= StartOfFirstWeek(ny, nm))
                        {
                            week = 1;
                        }
                    }
                    else if (week < 1)
                    {
                        var (py, pm) = month == 0 ? (year - 1, 11) : (year, month - 1);
                        week = DeltaWeeks(StartOfFirstWeek(py, pm), today);
                    }

                    return Math.Floor(week);
                }

            case 'X':
                {
                    var year = date.Year;
                    var start = StartOfFirstWeek(year, 0);
                    var end = StartOfFirstWeek(year + 1, 0);
                    return millis < start ? year - 1 : millis >= end ? year + 1 : (double)year;
                }

            case 'x':
                {
                    var (year, month) = (date.Year, date.Month - 1);
                    var start = StartOfFirstWeek(year, month);
                    var (ny, nm) = month == 11 ? (year + 1, 0) : (year, month + 1);
                    var end = StartOfFirstWeek(ny, nm);
                    if (millis < start)
                    {
                        return (double)((month == 0 ? 11 : month - 1) + 1);
                    }

                    return millis >= end ? nm + 1 : (double)(month + 1);
                }

            case 'H':
                return (double)date.Hour;
            case 'h':
                {
                    var h = date.Hour % 12;
                    return (double)(h == 0 ? 12 : h);
                }

            case 'P':
                return date.Hour >= 12 ? "pm" : "am";
            case 'm':
                return (double)date.Minute;
            case 's':
                return (double)date.Second;
            case 'f':
                return (double)date.Millisecond;
            case 'C':
            case 'E':
                return "ISO";
            default:
                return null;
        }
    }

    private static double StartOfFirstWeek(double year, int month)
    {
        var first = CivilTime.Utc(year, month);
        var day = CivilTime.FromMillis((long)first).WeekDay;
        if (day == 0)
        {
            day = 7;
        }

        return day > 4 ? first + ((8 - day) * CivilTime.MillisPerDay) : first - ((day - 1) * CivilTime.MillisPerDay);
    }

    private static double DeltaWeeks(double start, double end) => ((end - start) / (CivilTime.MillisPerDay * 7)) + 1;

    private static string FormatComponent(long millis, DateTimeMarker marker, double offsetHours, double offsetMinutes)
    {
        var value = Fragment(millis, marker.Component);
        var component = marker.Component;
        if ("YMDdFWwXxHhms".Contains(component, StringComparison.Ordinal))
        {
            var number = (double)value!;
            if (component == 'Y' && marker.N != -1)
            {
                number %= Math.Pow(10, marker.N);
            }

            if (marker.Names is { } names)
            {
                string name;
                if (component is 'M' or 'x')
                {
                    name = Months[(int)number - 1];
                }
                else if (component == 'F')
                {
                    name = Days[(int)number];
                }
                else
                {
                    throw JsonataFormattingException.Create("D3133", component.ToString());
                }

                name = names switch
                {
                    LetterCase.Upper => name.ToUpperInvariant(),
                    LetterCase.Lower => name.ToLowerInvariant(),
                    _ => name,
                };
                if (marker.MaxWidth is { } max && name.Length > max)
                {
                    name = name[..max];
                }

                return name;
            }

            return IntegerFormatter.Format(number, marker.IntegerFormat!);
        }

        if (component == 'f')
        {
            // JSONata fails with a TypeError on a named fraction ([fN]); report it as the name-modifier error instead.
            return marker.IntegerFormat is null
                ? throw JsonataFormattingException.Create("D3133", "f")
                : IntegerFormatter.Format((double)value!, marker.IntegerFormat);
        }

        if (component is 'Z' or 'z')
        {
            return FormatTimezone(marker, offsetHours, offsetMinutes);
        }

        if (component == 'P')
        {
            var text = (string)value!;
            return marker.Names == LetterCase.Upper ? text.ToUpperInvariant() : text;
        }

        return value as string ?? "undefined";
    }

    private static string FormatTimezone(DateTimeMarker marker, double offsetHours, double offsetMinutes)
    {
        var format = marker.IntegerFormat!;
        var offset = (offsetHours * 100) + offsetMinutes;
        string text;
        if (format.Regular)
        {
            text = IntegerFormatter.Format(offset, format);
        }
        else
        {
            var digits = format.MandatoryDigits;
            if (digits is 1 or 2)
            {
                text = IntegerFormatter.Format(offsetHours, format);
                if (offsetMinutes != 0)
                {
                    text += ":" + IntegerFormatter.Format(offsetMinutes, "00");
                }
            }
            else if (digits is 3 or 4)
            {
                text = IntegerFormatter.Format(offset, format);
            }
            else
            {
                throw JsonataFormattingException.Create("D3134", digits.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (offset >= 0)
        {
            text = "+" + text;
        }

        if (marker.Component == 'z')
        {
            text = "GMT" + text;
        }

        if (offset == 0 && marker.Presentation2 == "t")
        {
            text = "Z";
        }

        return text;
    }
}
