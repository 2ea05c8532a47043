using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Asl.Jsonata;

/// <summary>Aggregates and numeric functions.</summary>
internal static partial class Builtins
{
    private static void RegisterAggregates(Action<string, string, Func<CallContext, List<object?>, object?>> def)
    {
        def("sum", "<a<n>:n>", (_, a) => a[0] is JList l ? l.Sum(v => (double)v!) : null);
        def("count", "<a:n>", (_, a) => a[0] is JList l ? (double)l.Count : 0d);
        def("max", "<a<n>:n>", (_, a) => a[0] is JList { Count: > 0 } l ? l.Max(v => (double)v!) : null);
        def("min", "<a<n>:n>", (_, a) => a[0] is JList { Count: > 0 } l ? l.Min(v => (double)v!) : null);
        def("average", "<a<n>:n>", (_, a) => a[0] is JList { Count: > 0 } l ? l.Average(v => (double)v!) : null);
    }

    private static void RegisterNumbers(Action<string, string, Func<CallContext, List<object?>, object?>> def)
    {
        def("number", "<(nsb)-:n>", (_, a) => ToNumber(a[0]));
        def("abs", "<n-:n>", (_, a) => a[0] is double d ? Math.Abs(d) : null);
        def("floor", "<n-:n>", (_, a) => a[0] is double d ? Math.Floor(d) + 0 : null);
        def("ceil", "<n-:n>", (_, a) => a[0] is double d ? Math.Ceiling(d) + 0 : null);
        def("round", "<n-n?:n>", (_, a) => a[0] is double d
            ? Arg(a, 1) is double p ? (Math.Abs(p) > 1000 ? double.NaN : Round(d, (int)p)) : Round(d, 0)
            : null);
        def("sqrt", "<n-:n>", (_, a) => a[0] is double d
            ? d < 0 ? throw new JsonataException("D3060", "The sqrt function cannot be applied to a negative number: " + d, -1) : Math.Sqrt(d)
            : null);
        def("power", "<n-n:n>", (_, a) =>
        {
            if (a[0] is not double b || Arg(a, 1) is not double e)
            {
                return null;
            }

            double r = Math.Pow(b, e);
            return double.IsFinite(r) ? r : throw new JsonataException("D3061", "The power function has resulted in a value that cannot be represented as a JSON number", -1);
        });
        def("random", "<:n>", (_, _) => Random.Shared.NextDouble());
    }

    private static object? ToNumber(object? arg)
    {
        switch (arg)
        {
            case null:
                return null;
            case double d:
                return d;
            case bool b:
                return b ? 1d : 0d;
            case string s:
                if (Regex.IsMatch(s, @"^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$", RegexOptions.None, TimeSpan.FromSeconds(1))
                    && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
                {
                    return v;
                }

                if (s.Length > 2 && s[0] == '0')
                {
                    int radix = char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 0 };
                    if (radix > 0)
                    {
                        try
                        {
                            return (double)Convert.ToInt64(s[2..], radix);
                        }
                        catch (FormatException)
                        {
                        }
                        catch (ArgumentException)
                        {
                        }
                        catch (OverflowException)
                        {
                        }
                    }
                }

                break;
        }

        throw new JsonataException("D3030", "Unable to cast value to a number: " + Values.Stringify(arg), -1);
    }

    // JSONata's half-to-even rounding lives with the other JavaScript number rules in Formatting.JsCompat.
    private static double Round(double arg, int precision)
    {
        double result = Formatting.JsCompat.Round(arg, precision);
        return result == 0 ? 0 : result;
    }
}
