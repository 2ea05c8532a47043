namespace Platform.Asl.Parsing;

/// <summary>Checks RFC 3339 timestamps as ASL requires them: uppercase <c>T</c>, and <c>Z</c> or a numeric offset.</summary>
internal static class Rfc3339
{
    /// <summary>Tells whether <paramref name="text"/> is a valid timestamp such as <c>2016-03-14T01:59:00Z</c>.</summary>
    public static bool IsValid(string text)
    {
        // yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:mm)
        var s = text.AsSpan();
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out int year) || !TryDigits(s, 5, 2, out int month) || !TryDigits(s, 8, 2, out int day)
            || !TryDigits(s, 11, 2, out int hour) || !TryDigits(s, 14, 2, out int minute) || !TryDigits(s, 17, 2, out int second))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        int i = 19;
        if (s[i] == '.')
        {
            int start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        var zone = s[i..];
        if (zone is "Z")
        {
            return true;
        }

        return zone.Length == 6 && zone[0] is '+' or '-' && zone[3] == ':'
            && TryDigits(zone, 1, 2, out int offsetHours) && TryDigits(zone, 4, 2, out int offsetMinutes)
            && offsetHours <= 23 && offsetMinutes <= 59;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
