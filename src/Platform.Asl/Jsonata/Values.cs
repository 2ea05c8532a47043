using System.Globalization;
using System.Text;
using Platform.Asl.Json;

namespace Platform.Asl.Jsonata;

/// <summary>Conversions and tests on evaluation values (null = undefined, JNull = JSON null, double, string, bool, JList, JMap, JFunction).</summary>
internal static class Values
{
    /// <summary>Converts JSON to an evaluation value. Arrays and objects become shared, read-only views, made once per node
    /// and cached on it, so a document read by many expressions (a state's input, the Context Object) is converted once.</summary>
    public static object? FromJson(JNode? node) => node switch
    {
        null => null,
        JNull => JNode.Null,
        JBool b => b.Value,
        JNumber n => n.Value,
        JString s => s.Value,
        JArray a => a.JsonataView ?? ViewOf(a),
        JObject o => o.JsonataView ?? ViewOf(o),
        _ => null,
    };

    /// <summary>Converts an evaluation value to JSON (null = undefined; undefined items and members are dropped).</summary>
    public static JNode? ToJson(object? value) => ToJson(value, share: false, out _);

    /// <summary>Converts a finished result to JSON, and lets each new array or object that converts exactly (no sequence
    /// flags, nothing dropped) keep the value as its view, so the next expression that reads it converts nothing.</summary>
    /// <remarks>Only for a final result: a value that is shared this way must never change afterwards.</remarks>
    public static JNode? ToSharedJson(object? value) => ToJson(value, share: true, out _);

    private static JNode? ToJson(object? value, bool share, out bool exact)
    {
        exact = true;
        switch (value)
        {
            case null:
                exact = false;
                return null;
            case JNull:
                return JNode.Null;
            case bool b:
                return JNode.From(b);
            case double d:
                return double.IsFinite(d) ? JNode.From(d) : throw new JsonataException("D1001", "Number out of range", -1);
            case string s:
                return JNode.From(s);
            case JList { Source: { } source }:
                return source;
            case JMap { Source: { } source }:
                return source;
            case JList l:
                return ArrayToJson(l, share, out exact);
            case JMap m:
                return ObjectToJson(m, share, out exact);
            case JFunction:
                exact = false;
                return JString.Empty;
            default:
                exact = false;
                return null;
        }
    }

    private static JArray ArrayToJson(JList list, bool share, out bool exact)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        exact = !list.HasFlags;
        var items = new JNode[list.Count];
        int count = 0;
        foreach (var item in list)
        {
            var json = ToJson(item, share, out var itemExact);
            exact &= itemExact;
            if (json is not null)
            {
                items[count++] = json;
            }
        }

        if (count < items.Length)
        {
            Array.Resize(ref items, count);
        }

        var array = new JArray(items);
        if (share && exact)
        {
            list.Source = array;
            array.JsonataView = list;
        }

        return array;
    }

    private static JObject ObjectToJson(JMap map, bool share, out bool exact)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        exact = true;
        var keys = new string[map.Count];
        var values = new JNode[map.Count];
        int count = 0;
        foreach (var (key, value) in map)
        {
            var json = ToJson(value, share, out var valueExact);
            exact &= valueExact;
            if (json is not null)
            {
                keys[count] = key;
                values[count++] = json;
            }
        }

        if (count < keys.Length)
        {
            Array.Resize(ref keys, count);
            Array.Resize(ref values, count);
        }

        var obj = new JObject(keys, values);
        if (share && exact)
        {
            map.Source = obj;
            obj.JsonataView = map;
        }

        return obj;
    }

    private static JList ViewOf(JArray array)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var list = new JList(array.Count);
        foreach (var item in array.Items)
        {
            list.Add(FromJson(item));
        }

        list.Source = array;
        array.JsonataView = list;
        return list;
    }

    private static JMap ViewOf(JObject obj)
    {
        var map = new JMap(obj) { Source = obj };
        obj.JsonataView = map;
        return map;
    }

    public static bool IsNumber(object? v) => v is double;

    public static bool IsArrayOfNumbers(object? v) => v is JList l && l.TrueForAll(i => i is double);

    public static bool IsArrayOfStrings(object? v) => v is JList l && l.TrueForAll(i => i is string);

    public static char Symbol(object? value) => value switch
    {
        JFunction => 'f',
        string => 's',
        double => 'n',
        bool => 'b',
        JNull => 'l',
        JList => 'a',
        JMap => 'o',
        _ => 'm',
    };

    public static string TypeName(object? value) => value switch
    {
        null => "undefined",
        JFunction => "function",
        string => "string",
        double => "number",
        bool => "boolean",
        JNull => "null",
        JList => "array",
        _ => "object",
    };

    /// <summary>JSONata's $boolean; <see langword="null"/> for undefined.</summary>
    public static bool? Boolean(object? arg)
    {
        switch (arg)
        {
            case null:
                return null;
            case JList list:
                if (list.Count == 1)
                {
                    return Boolean(list[0]) ?? false;
                }

                return list.Exists(v => Boolean(v) == true);
            case string s:
                return s.Length > 0;
            case double d:
                return d != 0;
            case bool b:
                return b;
            case JMap m:
                return m.Count > 0;
            default:
                return false;
        }
    }

    public static bool Truthy(object? arg) => Boolean(arg) == true;

    public static bool DeepEquals(object? a, object? b)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        switch (a)
        {
            case double x when b is double y:
                return x == y;
            case string x when b is string y:
                return string.Equals(x, y, StringComparison.Ordinal);
            case bool x when b is bool y:
                return x == y;
            case JList x when b is JList y:
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (int i = 0; i < x.Count; i++)
                {
                    if (!DeepEquals(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JMap x when b is JMap y:
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (var (k, v) in x)
                {
                    if (!y.TryGetValue(k, out var w) || !DeepEquals(v, w))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>JSONata's $string for a defined value.</summary>
    public static string Stringify(object? arg, bool pretty = false)
    {
        switch (arg)
        {
            case string s:
                return s;
            case JFunction:
                return string.Empty;
            case double d when !double.IsFinite(d):
                throw new JsonataException("D3001", "Attempting to invoke string function on Infinity or NaN", -1);
        }

        if (arg is JList { OuterWrapper: true } l && l.Count > 0)
        {
            arg = l[0];
        }

        var sb = new StringBuilder();
        Write(sb, arg, pretty, 0);
        return sb.ToString();
    }

    public static double Round15(double d)
    {
        if (d == 0 || !double.IsFinite(d))
        {
            return d;
        }

        return double.Parse(d.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    public static string FormatNumber(double d) => JNumber.Format(Round15(d));

    private static void Write(StringBuilder sb, object? value, bool pretty, int indent)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case null:
            case JNull:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case double d:
                sb.Append(double.IsFinite(d) ? FormatNumber(d) : throw new JsonataException("D1001", "Number out of range", -1));
                break;
            case string s:
                JsonWriterQuote(sb, s);
                break;
            case JFunction:
                sb.Append("\"\"");
                break;
            case JList list:
                if (list.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }

                sb.Append('[');
                for (int i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    NewLine(sb, pretty, indent + 1);
                    Write(sb, list[i], pretty, indent + 1);
                }

                NewLine(sb, pretty, indent);
                sb.Append(']');
                break;
            case JMap map:
                bool first = true;
                sb.Append('{');
                foreach (var (k, v) in map)
                {
                    if (v is null)
                    {
                        continue;
                    }

                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    NewLine(sb, pretty, indent + 1);
                    JsonWriterQuote(sb, k);
                    sb.Append(pretty ? ": " : ":");
                    Write(sb, v, pretty, indent + 1);
                }

                if (!first)
                {
                    NewLine(sb, pretty, indent);
                }

                sb.Append('}');
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    private static void NewLine(StringBuilder sb, bool pretty, int indent)
    {
        if (pretty)
        {
            sb.Append('\n').Append(' ', indent * 2);
        }
    }

    private static void JsonWriterQuote(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
