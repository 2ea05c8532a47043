using System.Globalization;
using System.Text;
using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>
/// Text forms that AWS's Java implementation produces: <c>Double.toString</c> numbers, <c>Map</c>/<c>List</c>
/// <c>toString</c> (what <c>States.Format</c> prints for objects and arrays) and Jackson's compact JSON.
/// </summary>
internal static class JavaText
{
    /// <summary>
    /// Formats a number as Java prints the value Jackson parsed: whole numbers as integers (Jackson reads them as
    /// <c>int</c>/<c>long</c>/<c>BigInteger</c>), others as <c>Double.toString</c> does (e.g. <c>1.0E-4</c>).
    /// </summary>
    public static string FormatNumber(double value)
    {
        if (double.IsInteger(value) && Math.Abs(value) < 1e21)
        {
            return JNumber.Format(value);
        }

        var (digits, exponent) = ShortestDigits(Math.Abs(value));
        string sign = value < 0 ? "-" : string.Empty;
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            // Plain notation, with at least one digit after the point.
            int pointAt = exponent + 1; // digits before the decimal point
            string body;
            if (pointAt <= 0)
            {
                body = "0." + new string('0', -pointAt) + digits;
            }
            else if (pointAt >= digits.Length)
            {
                body = digits + new string('0', pointAt - digits.Length) + ".0";
            }
            else
            {
                body = digits[..pointAt] + "." + digits[pointAt..];
            }

            return sign + body;
        }

        string mantissa = digits.Length == 1 ? digits + ".0" : digits[..1] + "." + digits[1..];
        return sign + mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Returns the text <c>String.valueOf</c> gives for the Java object Jackson converts a value to.</summary>
    public static string ToJavaString(JNode value)
    {
        if (value is JString s)
        {
            return s.Value;
        }

        var sb = new StringBuilder();
        AppendJavaString(sb, value);
        return sb.ToString();
    }

    /// <summary>Returns compact JSON as Jackson writes it (Java number forms, upper-case <c>\u</c> escapes).</summary>
    public static string ToJacksonJson(JNode value)
    {
        var sb = new StringBuilder();
        JsonWriter.Write(value, sb, indented: false, depth: 0, FormatNumber);
        return sb.ToString();
    }

    private static void AppendJavaString(StringBuilder sb, JNode value)
    {
        switch (value)
        {
            case JString s:
                sb.Append(s.Value);
                break;
            case JNumber n:
                sb.Append(FormatNumber(n.Value));
                break;
            case JBool b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case JArray a:
                sb.Append('[');
                for (int i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    AppendJavaString(sb, a[i]);
                }

                sb.Append(']');
                break;
            case JObject o:
                sb.Append('{');
                for (int i = 0; i < o.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(o.Keys[i]).Append('=');
                    AppendJavaString(sb, o.Values[i]);
                }

                sb.Append('}');
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    private static (string Digits, int Exponent) ShortestDigits(double magnitude)
    {
        // "R" yields the shortest round-trip text on .NET Core 3.0+, in plain or E notation.
        string r = magnitude.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(['E', 'e']);
        int exponentPart = 0;
        string mantissa = r;
        if (e >= 0)
        {
            exponentPart = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = r[..e];
        }

        int point = mantissa.IndexOf('.', StringComparison.Ordinal);
        string intPart = point >= 0 ? mantissa[..point] : mantissa;
        string fracPart = point >= 0 ? mantissa[(point + 1)..] : string.Empty;
        string all = intPart + fracPart;
        int leadingZeros = 0;
        while (leadingZeros < all.Length - 1 && all[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        string digits = all[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        int exponent = intPart.Length - 1 - leadingZeros + exponentPart;
        return (digits, exponent);
    }
}
