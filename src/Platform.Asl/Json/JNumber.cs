using System.Globalization;

namespace Platform.Asl.Json;

/// <summary>A JSON number, held as an IEEE double (the model of JavaScript, JSONata and AWS's JSON handling of ASL).</summary>
public sealed class JNumber : JNode
{
    private static readonly JNumber[] SmallIntegers = CreateSmallIntegers();

    private JNumber(double value) => Value = value;

    /// <summary>Gets the value.</summary>
    public double Value { get; }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Number;

    /// <summary>Gets a value indicating whether the value is a whole number.</summary>
    public bool IsInteger => double.IsInteger(Value);

    /// <summary>Creates a number; small integers are shared instances.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite, which JSON cannot hold.</exception>
    public static JNumber Create(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers must be finite.");
        }

        if (value >= 0 && value < SmallIntegers.Length && double.IsInteger(value) && !double.IsNegative(value))
        {
            return SmallIntegers[(int)value];
        }

        return new JNumber(value == 0 ? 0 : value);
    }

    /// <summary>Creates a number from an integer.</summary>
    public static JNumber Create(long value) =>
        value >= 0 && value < SmallIntegers.Length ? SmallIntegers[value] : new JNumber(value);

    /// <summary>Returns the value as an integer when it is one that fits in 64 bits.</summary>
    public bool TryGetInt64(out long value)
    {
        if (double.IsInteger(Value) && Value >= -9.2233720368547758E18 && Value < 9.2233720368547758E18)
        {
            value = (long)Value;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Formats a double the way JavaScript's <c>Number.prototype.toString</c> does.</summary>
    public static string Format(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        if (double.IsInteger(value) && Math.Abs(value) < 1e15)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        // .NET's "R" gives the shortest round-trip digits; without an exponent it is already JavaScript's layout.
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        if (!r.Contains('E', StringComparison.Ordinal))
        {
            return value < 0 ? "-" + r : r;
        }

        // Otherwise apply ECMAScript's layout rules (ECMA-262 Number::toString) to the digits and exponent.
        int ePos = r.IndexOf('E', StringComparison.Ordinal);
        string digits = r[..ePos].Replace(".", string.Empty, StringComparison.Ordinal).TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        int exponent = int.Parse(r[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int k = digits.Length;
        int n = exponent + 1;
        string body;
        if (k <= n && n <= 21)
        {
            body = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            body = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            body = "0." + new string('0', -n) + digits;
        }
        else
        {
            string mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
            int e = n - 1;
            body = mantissa + "e" + (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        }

        return value < 0 ? "-" + body : body;
    }

    /// <inheritdoc />
    public override string ToString() => Format(Value);

    private static JNumber[] CreateSmallIntegers()
    {
        var numbers = new JNumber[1024];
        for (int i = 0; i < numbers.Length; i++)
        {
            numbers[i] = new JNumber(i);
        }

        return numbers;
    }

    /// <summary>The length of <see cref="Format"/>'s text, without making the string in the common cases.</summary>
    private protected override int ComputeUtf8Size()
    {
        double value = Value;
        int sign = value < 0 ? 1 : 0;
        if (double.IsInteger(value) && Math.Abs(value) < 1e15)
        {
            long magnitude = Math.Abs((long)value);
            int digits = 1;
            while (magnitude >= 10)
            {
                magnitude /= 10;
                digits++;
            }

            return sign + digits;
        }

        Span<char> text = stackalloc char[32];
        if (Math.Abs(value).TryFormat(text, out int written, "R", CultureInfo.InvariantCulture) && !text[..written].Contains('E'))
        {
            return sign + written;
        }

        return Format(value).Length;
    }
}
