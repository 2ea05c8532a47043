using System.Text;

namespace Platform.Asl.Json;

/// <summary>Writes <see cref="JNode"/> values as JSON text: compact, or indented by two spaces.</summary>
/// <remarks>Non-ASCII characters are written as they are (as AWS does); only quotes, backslashes and control characters are escaped.</remarks>
public static class JsonWriter
{
    /// <summary>Returns the JSON text of <paramref name="node"/>.</summary>
    public static string Write(JNode node, bool indented)
    {
        var sb = new StringBuilder(node is JObject or JArray ? 256 : 16);
        Write(node, sb, indented, 0);
        return sb.ToString();
    }

    /// <summary>Appends the JSON text of <paramref name="node"/>.</summary>
    public static void Write(JNode node, StringBuilder sb, bool indented, int depth) => Write(node, sb, indented, depth, JNumber.Format);

    /// <summary>Appends the JSON text of <paramref name="node"/>, formatting numbers with <paramref name="formatNumber"/>
    /// (the intrinsics print numbers as Java does).</summary>
    public static void Write(JNode node, StringBuilder sb, bool indented, int depth, Func<double, string> formatNumber)
    {
        ArgumentNullException.ThrowIfNull(formatNumber);
        switch (node)
        {
            case JNull:
                sb.Append("null");
                break;
            case JBool b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case JNumber n:
                sb.Append(formatNumber(n.Value));
                break;
            case JString s:
                WriteString(sb, s.Value);
                break;
            case JArray a:
                if (a.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }

                sb.Append('[');
                for (int i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    NewLine(sb, indented, depth + 1);
                    Write(a[i], sb, indented, depth + 1, formatNumber);
                }

                NewLine(sb, indented, depth);
                sb.Append(']');
                break;
            case JObject o:
                if (o.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }

                sb.Append('{');
                var keys = o.Keys;
                var values = o.Values;
                for (int i = 0; i < keys.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    NewLine(sb, indented, depth + 1);
                    WriteString(sb, keys[i]);
                    sb.Append(indented ? ": " : ":");
                    Write(values[i], sb, indented, depth + 1, formatNumber);
                }

                NewLine(sb, indented, depth);
                sb.Append('}');
                break;
        }
    }

    /// <summary>Appends a quoted, escaped JSON string.</summary>
    public static void WriteString(StringBuilder sb, string value)
    {
        sb.Append('"');
        int start = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            sb.Append(value, start, i - start);
            start = i + 1;
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default: sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)); break; // uppercase, as Jackson (AWS) writes
            }
        }

        sb.Append(value, start, value.Length - start);
        sb.Append('"');
    }

    /// <summary>Returns the UTF-8 length of a string once quoted and escaped.</summary>
    public static int QuotedUtf8Length(string value)
    {
        int size = 2;
        foreach (char c in value)
        {
            if (c < 0x20)
            {
                size += c is '\n' or '\r' or '\t' or '\b' or '\f' ? 2 : 6;
            }
            else if (c is '"' or '\\')
            {
                size += 2;
            }
            else if (c < 0x80)
            {
                size += 1;
            }
            else if (c < 0x800)
            {
                size += 2;
            }
            else if (char.IsSurrogate(c))
            {
                size += 2; // a surrogate pair is four UTF-8 bytes, two per half
            }
            else
            {
                size += 3;
            }
        }

        return size;
    }

    private static void NewLine(StringBuilder sb, bool indented, int depth)
    {
        if (indented)
        {
            sb.Append('\n').Append(' ', depth * 2);
        }
    }
}
