namespace Platform.Asl.Jsonata.Formatting;

/// <summary>Proleptic Gregorian UTC fields of a millisecond timestamp, with JavaScript Date's arithmetic.</summary>
internal readonly record struct CivilTime(long Year, int Month, int Day, int Hour, int Minute, int Second, int Millisecond, int WeekDay)
{
    public const long MillisPerDay = 86_400_000;

    /// <summary>The UTC fields of a timestamp (WeekDay: 0 = Sunday, as getUTCDay).</summary>
    public static CivilTime FromMillis(long millis)
    {
        var days = FloorDiv(millis, MillisPerDay);
        var ms = millis - (days * MillisPerDay);
        var (y, m, d) = CivilFromDays(days);
        var weekDay = (int)(((days % 7) + 11) % 7);
        return new CivilTime(y, m, d, (int)(ms / 3_600_000), (int)(ms / 60_000 % 60), (int)(ms / 1000 % 60), (int)(ms % 1000), weekDay);
    }

    /// <summary>JavaScript's Date.UTC: month is zero-based, every field may overflow; years 0-99 mean 1900-1999.</summary>
    public static double Utc(double year, double month, double day = 1, double hour = 0, double minute = 0, double second = 0, double millis = 0)
    {
        double[] all = [year, month, day, hour, minute, second, millis];
        if (all.Any(v => double.IsNaN(v) || double.IsInfinity(v)))
        {
            return double.NaN;
        }

        year = Math.Truncate(year);
        if (year is >= 0 and <= 99)
        {
            year += 1900;
        }

        month = Math.Truncate(month);
        var y = year + Math.Floor(month / 12);
        var mn = ((month % 12) + 12) % 12;
        if (Math.Abs(y) > 400_000)
        {
            return double.NaN;
        }

        var days = DaysFromCivil((long)y, (int)mn + 1, 1) + Math.Truncate(day) - 1;
        var result = (days * MillisPerDay) + (Math.Truncate(hour) * 3_600_000) + (Math.Truncate(minute) * 60_000)
            + (Math.Truncate(second) * 1000) + Math.Truncate(millis);
        return Math.Abs(result) > 8.64e15 ? double.NaN : result;
    }

    /// <summary>Days since 1970-01-01 of a civil date (month 1-12).</summary>
    public static long DaysFromCivil(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = FloorDiv(y, 400);
        var yoe = y - (era * 400);
        var doy = (((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5) + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    private static (long Year, int Month, int Day) CivilFromDays(long z)
    {
        z += 719468;
        var era = FloorDiv(z, 146097);
        var doe = z - (era * 146097);
        var yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        var y = yoe + (era * 400);
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var d = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        var m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (m <= 2 ? y + 1 : y, m, d);
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
