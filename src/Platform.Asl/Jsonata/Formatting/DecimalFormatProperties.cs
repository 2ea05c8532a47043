using Platform.Asl.Json;

namespace Platform.Asl.Jsonata.Formatting;

/// <summary>The decimal-format properties of fn:format-number, with JSONata's defaults.</summary>
internal sealed class DecimalFormatProperties
{
    public string DecimalSeparator { get; private set; } = ".";

    public string GroupingSeparator { get; private set; } = ",";

    public string ExponentSeparator { get; private set; } = "e";

    public string Infinity { get; private set; } = "Infinity";

    public string MinusSign { get; private set; } = "-";

    public string NaN { get; private set; } = "NaN";

    public string Percent { get; private set; } = "%";

    public string PerMille { get; private set; } = "\u2030";

    public string ZeroDigit { get; private set; } = "0";

    public string Digit { get; private set; } = "#";

    public string PatternSeparator { get; private set; } = ";";

    /// <summary>Defaults overridden by the string entries of the options object.</summary>
    public static DecimalFormatProperties From(JObject? options)
    {
        var p = new DecimalFormatProperties();
        if (options is null)
        {
            return p;
        }

        foreach (var (key, node) in options)
        {
            var value = node is JString s ? s.Value : node.ToString();
            switch (key)
            {
                case "decimal-separator": p.DecimalSeparator = value; break;
                case "grouping-separator": p.GroupingSeparator = value; break;
                case "exponent-separator": p.ExponentSeparator = value; break;
                case "infinity": p.Infinity = value; break;
                case "minus-sign": p.MinusSign = value; break;
                case "NaN": p.NaN = value; break;
                case "percent": p.Percent = value; break;
                case "per-mille": p.PerMille = value; break;
                case "zero-digit": p.ZeroDigit = value; break;
                case "digit": p.Digit = value; break;
                case "pattern-separator": p.PatternSeparator = value; break;
                default: break;
            }
        }

        return p;
    }
}
