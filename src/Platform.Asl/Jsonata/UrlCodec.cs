using System.Globalization;
using System.Text;

namespace Platform.Asl.Jsonata;

/// <summary>JavaScript's encodeURI(Component) and decodeURI(Component); malformed input is error D3140.</summary>
internal static class UrlCodec
{
    private const string Unreserved = "-_.!~*'()";
    private const string Reserved = ";,/?:@&=+$#";

    public static string Encode(string s, bool component)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsAsciiLetterOrDigit(c) || Unreserved.Contains(c, StringComparison.Ordinal) || (!component && Reserved.Contains(c, StringComparison.Ordinal)))
            {
                sb.Append(c);
                continue;
            }

            string unit;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    throw Malformed();
                }

                unit = s.Substring(i, 2);
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                throw Malformed();
            }
            else
            {
                unit = c.ToString();
            }

            foreach (byte b in Encoding.UTF8.GetBytes(unit))
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    public static string Decode(string s, bool component)
    {
        var sb = new StringBuilder();
        var bytes = new List<byte>();
        int i = 0;
        while (i < s.Length)
        {
            if (s[i] != '%')
            {
                sb.Append(s[i++]);
                continue;
            }

            int start = i;
            bytes.Clear();
            bytes.Add(ReadByte(s, i));
            i += 3;
            int extra = bytes[0] < 0x80 ? 0 : bytes[0] >= 0xF0 ? 3 : bytes[0] >= 0xE0 ? 2 : bytes[0] >= 0xC0 ? 1 : throw Malformed();
            for (int k = 0; k < extra; k++)
            {
                if (i >= s.Length || s[i] != '%')
                {
                    throw Malformed();
                }

                bytes.Add(ReadByte(s, i));
                i += 3;
            }

            string decoded;
            try
            {
                decoded = new UTF8Encoding(false, true).GetString([.. bytes]);
            }
            catch (DecoderFallbackException)
            {
                throw Malformed();
            }

            if (!component && decoded.Length == 1 && Reserved.Contains(decoded[0], StringComparison.Ordinal))
            {
                sb.Append(s, start, 3);
            }
            else
            {
                sb.Append(decoded);
            }
        }

        return sb.ToString();
    }

    private static byte ReadByte(string s, int i)
    {
        if (i + 3 > s.Length)
        {
            throw Malformed();
        }

        if (!byte.TryParse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte b))
        {
            throw Malformed();
        }

        return b;
    }

    private static JsonataException Malformed() => new("D3140", "Malformed URL passed to $decodeUrl(), $decodeUrlComponent(), $encodeUrl() or $encodeUrlComponent()", -1);
}
