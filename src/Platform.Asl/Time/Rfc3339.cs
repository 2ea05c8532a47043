using System.Globalization;

namespace Platform.Asl.Time;

/// <summary>RFC 3339 timestamps as ASL requires them: uppercase <c>T</c>, and <c>Z</c> or a numeric offset.</summary>
public static class Rfc3339
{
    /// <summary>Parses a timestamp such as <c>2016-03-14T01:59:00Z</c> or <c>2016-03-14T01:59:00.123456789+02:00</c>.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        // yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)
        if (text is null || text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!Digits(text, 0, 4, out int year) || !Digits(text, 5, 2, out int month) || !Digits(text, 8, 2, out int day) ||
            !Digits(text, 11, 2, out int hour) || !Digits(text, 14, 2, out int minute) || !Digits(text, 17, 2, out int second))
        {
            return false;
        }

        int i = 19;
        long ticks = 0;
        if (i < text.Length && text[i] == '.')
        {
            int start = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            int count = i - start;
            if (count is 0 or > 9)
            {
                return false;
            }

            string fraction = text.Substring(start, Math.Min(count, 7)).PadRight(7, '0');
            ticks = long.Parse(fraction, CultureInfo.InvariantCulture);
        }

        TimeSpan offset;
        if (i == text.Length - 1 && text[i] == 'Z')
        {
            offset = TimeSpan.Zero;
        }
        else if (i == text.Length - 6 && (text[i] == '+' || text[i] == '-') && text[i + 3] == ':' &&
                 Digits(text, i + 1, 2, out int oh) && Digits(text, i + 4, 2, out int om) && oh < 24 && om < 60)
        {
            offset = new TimeSpan(oh, om, 0);
            if (text[i] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // The offset can push a valid-looking local time outside the calendar (e.g. 9999-12-31T23:59:59-01:00).
        long utcTicks = new DateTime(year, month, day, hour, minute, second).Ticks + ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(offset);
        return true;
    }

    /// <summary>Formats a UTC time the way AWS prints times in the Context Object (milliseconds, <c>Z</c>).</summary>
    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }
}
