using System.Globalization;
using System.Text;
using Platform.Asl.Json;

namespace Platform.Engine.Integrations.DynamoDb;

/// <summary>DynamoDB's typed attribute values in JSON (<c>{"S":"x"}</c>, <c>{"N":"1"}</c>, <c>{"B":"base64"}</c>,
/// <c>{"BOOL":true}</c>, <c>{"NULL":true}</c>, <c>{"L":[…]}</c>, <c>{"M":{…}}</c>, <c>{"SS"|"NS"|"BS":[…]}</c>): checking,
/// comparing and sizing them as DynamoDB does.</summary>
internal static class AttributeValues
{
    private static readonly string[] Types = ["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"];

    /// <summary>Checks a value (recursively) and returns it with numbers normalised; throws DynamoDB's ValidationException.</summary>
    public static JObject Check(JNode value, string where)
    {
        if (value is not JObject typed)
        {
            throw new DynamoDbValidationException($"One or more parameter values were invalid: the attribute value at {where} must be an object such as {{\"S\":\"text\"}}, found {value.KindName}");
        }

        if (typed.Count == 0)
        {
            throw new DynamoDbValidationException($"Supplied AttributeValue is empty, must contain exactly one of the supported datatypes (at {where})");
        }

        if (typed.Count > 1)
        {
            throw new DynamoDbValidationException($"Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes (at {where})");
        }

        var (type, inner) = typed[0];
        switch (type)
        {
            case "S" when inner is JString:
            case "BOOL" when inner is JBool:
                return typed;
            case "B" when inner is JString b:
                Bytes(b.Value, where);
                return typed;
            case "NULL" when inner is JBool { Value: true }:
                return typed;
            case "NULL":
                throw new DynamoDbValidationException($"One or more parameter values were invalid: Null attribute value types must have the value of true (at {where})");
            case "N" when inner is JString or JNumber:
                return new JObject(["N"], [JNode.From(Number(inner, where))]);
            case "L" when inner is JArray list:
                return new JObject(["L"], [new JArray(list.Select((v, i) => (JNode)Check(v, $"{where}.L[{i}]")))]);
            case "M" when inner is JObject map:
                return new JObject(["M"], [JObject.FromPairs(map.Select(p => new KeyValuePair<string, JNode>(p.Key, Check(p.Value, $"{where}.M.{p.Key}"))))]);
            case "SS" or "NS" or "BS" when inner is JArray set:
                return CheckSet(type, set, where);
            default:
                throw Array.IndexOf(Types, type) < 0
                    ? new DynamoDbValidationException($"Supplied AttributeValue has an unknown datatype '{type}' at {where}; supported: {string.Join(", ", Types)}")
                    : new DynamoDbValidationException($"One or more parameter values were invalid: the {type} value at {where} has the wrong JSON type ({inner.KindName})");
        }
    }

    /// <summary>Gets the type letter(s) of a checked value.</summary>
    public static string TypeOf(JObject value) => value[0].Key;

    /// <summary>Compares two checked values for equality (sets regardless of order).</summary>
    public static bool Equal(JObject a, JObject b)
    {
        string type = TypeOf(a);
        if (type != TypeOf(b))
        {
            return false;
        }

        var (x, y) = (a[0].Value, b[0].Value);
        return type switch
        {
            "N" => CompareNumbers(((JString)x).Value, ((JString)y).Value) == 0,
            "SS" or "BS" => SetOf(x).SetEquals(SetOf(y)),
            "NS" => ((JArray)x).Count == ((JArray)y).Count && ((JArray)x).All(i => ((JArray)y).Any(j => CompareNumbers(((JString)i).Value, ((JString)j).Value) == 0)),
            "L" => ((JArray)x).Count == ((JArray)y).Count && ((JArray)x).Zip((JArray)y).All(p => Equal((JObject)p.First, (JObject)p.Second)),
            "M" => ((JObject)x).Count == ((JObject)y).Count && ((JObject)x).All(p => ((JObject)y)[p.Key] is JObject other && Equal((JObject)p.Value, other)),
            _ => JNode.DeepEquals(x, y),
        };
    }

    /// <summary>Orders two scalar values of the same type (N numerically, S by code point, B by bytes); null when they cannot be ordered.</summary>
    public static int? Compare(JObject a, JObject b)
    {
        string type = TypeOf(a);
        if (type != TypeOf(b))
        {
            return null;
        }

        return type switch
        {
            "N" => CompareNumbers(Text(a), Text(b)),
            "S" => string.CompareOrdinal(Text(a), Text(b)),
            "B" => Bytes(Text(a), "value").AsSpan().SequenceCompareTo(Bytes(Text(b), "value")),
            _ => null,
        };
    }

    /// <summary>Gets the text of an S, N or B value.</summary>
    public static string Text(JObject value) => ((JString)value[0].Value).Value;

    /// <summary>Creates an N value.</summary>
    public static JObject NumberValue(decimal value) => new(["N"], [JNode.From(Canonical(value))]);

    /// <summary>Parses an N value's text.</summary>
    public static decimal ParseNumber(string text, string where) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d)
            ? d
            : throw new DynamoDbValidationException($"A value provided cannot be converted into a number, or is out of the range this engine computes with (at {where}: \"{text}\")");

    /// <summary>The size DynamoDB's <c>size()</c> reports: characters of S, bytes of B, elements of sets, lists and maps.</summary>
    public static int? SizeFunction(JObject value) => value[0].Value switch
    {
        JString s when TypeOf(value) == "S" => s.Value.Length,
        JString b when TypeOf(value) == "B" => Bytes(b.Value, "value").Length,
        JArray items => items.Count,
        JObject map => map.Count,
        _ => null,
    };

    /// <summary>Approximates an item's stored size as DynamoDB counts it: attribute names plus values, in bytes.</summary>
    public static long ItemSize(JObject item)
    {
        long size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + ValueSize((JObject)value);
        }

        return size;
    }

    private static long ValueSize(JObject value)
    {
        var inner = value[0].Value;
        return TypeOf(value) switch
        {
            "S" => Encoding.UTF8.GetByteCount(((JString)inner).Value),
            "N" => (((JString)inner).Value.Length / 2) + 1,
            "B" => Bytes(((JString)inner).Value, "value").Length,
            "BOOL" or "NULL" => 1,
            "L" => 3 + ((JArray)inner).Sum(v => 1 + ValueSize((JObject)v)),
            "M" => 3 + ((JObject)inner).Sum(p => 1 + Encoding.UTF8.GetByteCount(p.Key) + ValueSize((JObject)p.Value)),
            _ => ((JArray)inner).Sum(v => (long)Encoding.UTF8.GetByteCount(((JString)v).Value)),
        };
    }

    private static JObject CheckSet(string type, JArray set, string where)
    {
        if (set.Count == 0)
        {
            string kind = type switch { "NS" => "number", "SS" => "string", _ => "binary" };
            throw new DynamoDbValidationException($"One or more parameter values were invalid: An {kind} set  may not be empty (at {where})");
        }

        var items = new List<JNode>(set.Count);
        var seen = new List<string>(set.Count);
        foreach (var item in set)
        {
            if (item is not JString text && !(type == "NS" && item is JNumber))
            {
                throw new DynamoDbValidationException($"One or more parameter values were invalid: the {type} set at {where} must hold strings, found {item.KindName}");
            }

            string value = type == "NS" ? Number(item, where) : ((JString)item).Value;
            if (type == "BS")
            {
                Bytes(value, where);
            }

            if (seen.Any(s => type == "NS" ? CompareNumbers(s, value) == 0 : s == value))
            {
                throw new DynamoDbValidationException($"One or more parameter values were invalid: Input collection {set} contains duplicates (at {where})");
            }

            seen.Add(value);
            items.Add(JNode.From(value));
        }

        return new JObject([type], [new JArray(items)]);
    }

    private static HashSet<string> SetOf(JNode set) => [.. ((JArray)set).Select(v => ((JString)v).Value)];

    private static string Number(JNode value, string where)
    {
        string text = value is JString s ? s.Value.Trim() : value.ToString();
        if (text.Length == 0)
        {
            throw new DynamoDbValidationException($"One or more parameter values were invalid: the N value at {where} is empty");
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d)
            ? Canonical(d)
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && double.IsFinite(f)
                ? text
                : throw new DynamoDbValidationException($"A value provided cannot be converted into a number (at {where}: \"{text}\")");
    }

    private static int CompareNumbers(string a, string b) =>
        decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal x) && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal y)
            ? x.CompareTo(y)
            : double.Parse(a, NumberStyles.Float, CultureInfo.InvariantCulture).CompareTo(double.Parse(b, NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>DynamoDB normalises numbers: no leading or trailing zeros, no exponent.</summary>
    private static string Canonical(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static byte[] Bytes(string base64, string where)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new DynamoDbValidationException($"One or more parameter values were invalid: the B value at {where} is not base64");
        }
    }
}
