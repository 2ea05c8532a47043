using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Platform.Asl.Json;

/// <summary>Writes <see cref="JNode"/> values as JSON text: compact, or indented by two spaces.</summary>
/// <remarks>Non-ASCII characters are written as they are (as AWS does); only quotes, backslashes and control characters are escaped.</remarks>
public static class JsonWriter
{
    /// <summary>The characters a JSON string escapes: quote, backslash and the control characters.</summary>
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

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

    /// <summary>Writes the compact JSON text of <paramref name="node"/> as UTF-8 into <paramref name="destination"/>: the
    /// same bytes as encoding <c>Write(node, false)</c>, without building the text first.</summary>
    /// <returns>False when the text does not fit (then what was written is undefined).</returns>
    public static bool TryWriteUtf8(JNode node, Span<byte> destination, out int written)
    {
        ArgumentNullException.ThrowIfNull(node);
        int position = 0;
        bool fits = TryWriteNodeUtf8(node, destination, ref position);
        written = fits ? position : 0;
        return fits;
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

    private static bool TryWriteNodeUtf8(JNode node, Span<byte> destination, ref int position)
    {
        switch (node)
        {
            case JNull:
                return TryCopy("null"u8, destination, ref position);
            case JBool b:
                return TryCopy(b.Value ? "true"u8 : "false"u8, destination, ref position);
            case JNumber n:
                return TryWriteNumberUtf8(n.Value, destination, ref position);
            case JString s:
                return TryWriteStringUtf8(s.Value, destination, ref position);
            case JArray a:
                if (!TryCopy("["u8, destination, ref position))
                {
                    return false;
                }

                for (int i = 0; i < a.Count; i++)
                {
                    if ((i > 0 && !TryCopy(","u8, destination, ref position)) || !TryWriteNodeUtf8(a[i], destination, ref position))
                    {
                        return false;
                    }
                }

                return TryCopy("]"u8, destination, ref position);
            case JObject o:
                if (!TryCopy("{"u8, destination, ref position))
                {
                    return false;
                }

                var keys = o.Keys;
                var values = o.Values;
                for (int i = 0; i < keys.Length; i++)
                {
                    if ((i > 0 && !TryCopy(","u8, destination, ref position))
                        || !TryWriteStringUtf8(keys[i], destination, ref position)
                        || !TryCopy(":"u8, destination, ref position)
                        || !TryWriteNodeUtf8(values[i], destination, ref position))
                    {
                        return false;
                    }
                }

                return TryCopy("}"u8, destination, ref position);
            default:
                return false;
        }
    }

    /// <summary>A number as <see cref="JNumber.Format"/> prints it: integers below 10^15 and numbers whose shortest
    /// round-trip form has no exponent are formatted straight into the bytes; the rest go through the text.</summary>
    private static bool TryWriteNumberUtf8(double value, Span<byte> destination, ref int position)
    {
        var free = destination[position..];
        int written;
        if (value == 0)
        {
            return TryCopy("0"u8, destination, ref position);
        }

        if (double.IsInteger(value) && Math.Abs(value) < 1e15)
        {
            if (!((long)value).TryFormat(free, out written, default, CultureInfo.InvariantCulture))
            {
                return false;
            }
        }
        else if (!value.TryFormat(free, out written, "R", CultureInfo.InvariantCulture))
        {
            return false;
        }
        else if (free[..written].Contains((byte)'E'))
        {
            string text = JNumber.Format(value);
            if (text.Length > free.Length)
            {
                return false;
            }

            written = Encoding.ASCII.GetBytes(text, free);
        }

        position += written;
        return true;
    }

    private static bool TryWriteStringUtf8(string value, Span<byte> destination, ref int position)
    {
        if (!TryCopy("\""u8, destination, ref position))
        {
            return false;
        }

        var rest = value.AsSpan();
        int next;
        while ((next = rest.IndexOfAny(NeedsEscape)) >= 0)
        {
            char c = rest[next];
            bool fits = TryEncode(rest[..next], destination, ref position) && c switch
            {
                '"' => TryCopy("\\\""u8, destination, ref position),
                '\\' => TryCopy("\\\\"u8, destination, ref position),
                '\n' => TryCopy("\\n"u8, destination, ref position),
                '\r' => TryCopy("\\r"u8, destination, ref position),
                '\t' => TryCopy("\\t"u8, destination, ref position),
                '\b' => TryCopy("\\b"u8, destination, ref position),
                '\f' => TryCopy("\\f"u8, destination, ref position),
                _ => TryCopy("\\u00"u8, destination, ref position) && TryHexByte(c, destination, ref position),
            };
            if (!fits)
            {
                return false;
            }

            rest = rest[(next + 1)..];
        }

        return TryEncode(rest, destination, ref position) && TryCopy("\""u8, destination, ref position);
    }

    /// <summary>UTF-16 to UTF-8, a lone surrogate becoming U+FFFD as <see cref="Encoding.UTF8"/> does.</summary>
    private static bool TryEncode(ReadOnlySpan<char> chars, Span<byte> destination, ref int position)
    {
        var status = Utf8.FromUtf16(chars, destination[position..], out _, out int written, replaceInvalidSequences: true, isFinalBlock: true);
        position += written;
        return status == OperationStatus.Done;
    }

    private static bool TryHexByte(char c, Span<byte> destination, ref int position)
    {
        const string Digits = "0123456789ABCDEF"; // uppercase, as Jackson (AWS) writes
        if (destination.Length - position < 2)
        {
            return false;
        }

        destination[position++] = (byte)Digits[(c >> 4) & 0xF];
        destination[position++] = (byte)Digits[c & 0xF];
        return true;
    }

    private static bool TryCopy(ReadOnlySpan<byte> bytes, Span<byte> destination, ref int position)
    {
        if (!bytes.TryCopyTo(destination[position..]))
        {
            return false;
        }

        position += bytes.Length;
        return true;
    }

    private static void NewLine(StringBuilder sb, bool indented, int depth)
    {
        if (indented)
        {
            sb.Append('\n').Append(' ', depth * 2);
        }
    }
}
