using System.Globalization;

namespace Platform.Asl.Jsonata.Formatting;

/// <summary>JavaScript string and number semantics that JSONata's formatting relies on.</summary>
internal static class JsCompat
{
    /// <summary>JavaScript's String.prototype.substring: clamps, and swaps reversed bounds.</summary>
    public static string Substring(string s, int start, int end)
    {
        start = Math.Clamp(start, 0, s.Length);
        end = Math.Clamp(end, 0, s.Length);
        if (start > end)
        {
            (start, end) = (end, start);
        }

        return s[start..end];
    }

    /// <summary>JavaScript's substring with only a start.</summary>
    public static string Substring(string s, int start) => Substring(s, start, s.Length);

    /// <summary>JavaScript's charAt: the empty string when out of range.</summary>
    public static string CharAt(string s, int index) =>
        index >= 0 && index < s.Length ? s[index].ToString() : string.Empty;

    /// <summary>JavaScript's parseInt(s, 10): leading whitespace, a sign, then digits; NaN when none.</summary>
    public static double ParseInt(string s)
    {
        var i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        var negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }

        var start = i;
        double value = 0;
        while (i < s.Length && s[i] is >= '0' and <= '9')
        {
            value = (value * 10) + (s[i] - '0');
            i++;
        }

        if (i == start)
        {
            return double.NaN;
        }

        return negative ? -value : value;
    }

    /// <summary>JavaScript's Math.round: halves round towards positive infinity.</summary>
    public static double MathRound(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x))
        {
            return x;
        }

        var floor = Math.Floor(x);
        return x - floor >= 0.5 ? floor + 1 : floor;
    }

    /// <summary>JSONata's $round: half to even, shifting the decimal point in text to avoid binary error.</summary>
    public static double Round(double arg, int precision)
    {
        if (double.IsNaN(arg) || double.IsInfinity(arg))
        {
            return arg;
        }

        if (precision != 0)
        {
            arg = Shift(arg, precision);
        }

        var result = MathRound(arg);
        var diff = result - arg;
        if (Math.Abs(diff) == 0.5 && Math.Abs(result % 2) == 1)
        {
            result -= 1;
        }

        if (precision != 0)
        {
            result = Shift(result, -precision);
        }

        return result;
    }

    /// <summary>JavaScript's Number.prototype.toString() for a finite number.</summary>
    public static string NumberToString(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0";
        }

        var abs = Math.Abs(value);
        if (abs >= 1e21 || abs < 1e-6)
        {
            var r = value.ToString("R", CultureInfo.InvariantCulture);
            var e = r.IndexOf('E', StringComparison.Ordinal);
            if (e < 0)
            {
                return r;
            }

            var exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return r[..e] + "e" + (exponent >= 0 ? "+" : "-") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var ePos = text.IndexOf('E', StringComparison.Ordinal);
        return ePos < 0 ? text : ExpandExponent(text, ePos);
    }

    /// <summary>Writes shortest round-trip "d.dddE±n" text positionally, padding with zeros as JavaScript does.</summary>
    private static string ExpandExponent(string text, int ePos)
    {
        var negative = text.StartsWith('-');
        var mantissa = text[(negative ? 1 : 0)..ePos];
        var exponent = int.Parse(text[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var pointAt = (dot < 0 ? mantissa.Length : dot) + exponent;
        string result;
        if (pointAt <= 0)
        {
            result = "0." + new string('0', -pointAt) + digits;
        }
        else if (pointAt >= digits.Length)
        {
            result = digits + new string('0', pointAt - digits.Length);
        }
        else
        {
            result = digits[..pointAt] + "." + digits[pointAt..];
        }

        return negative ? "-" + result : result;
    }

    /// <summary>Multiplies by 10^places by editing the shortest round-trip text, as JSONata does.</summary>
    private static double Shift(double value, int places)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return double.Parse(
            mantissa + "E" + (exponent + places).ToString(CultureInfo.InvariantCulture),
            NumberStyles.Float,
            CultureInfo.InvariantCulture);
    }
}
