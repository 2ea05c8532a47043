using System.Globalization;
using System.Text;
using Platform.Asl.Json;

namespace Platform.Asl.Tests.Jsonata.Formatting;

/// <summary>A JSONata expression that is one direct function call with literal arguments, e.g. <c>$formatNumber(1, '#', {"a":"b"})</c>.</summary>
public sealed record SimpleCall(string Function, IReadOnlyList<JNode> Arguments)
{
    /// <summary>Parses the call, or returns null when the expression needs the evaluator.</summary>
    public static SimpleCall? TryParse(string expr)
    {
        var text = expr.Trim();
        if (!text.StartsWith('$'))
        {
            return null;
        }

        var open = text.IndexOf('(');
        if (open < 0 || !text.EndsWith(')'))
        {
            return null;
        }

        var name = text[1..open];
        if (name.Length == 0 || !name.All(char.IsLetter))
        {
            return null;
        }

        var reader = new Reader(text, open + 1);
        var args = new List<JNode>();
        reader.SkipSpace();
        if (reader.Peek == ')')
        {
            reader.Position++;
        }
        else
        {
            while (true)
            {
                var value = reader.ReadValue();
                if (value is null)
                {
                    return null;
                }

                args.Add(value);
                reader.SkipSpace();
                if (reader.Peek == ',')
                {
                    reader.Position++;
                    continue;
                }

                if (reader.Peek == ')')
                {
                    reader.Position++;
                    break;
                }

                return null;
            }
        }

        reader.SkipSpace();
        return reader.Position == text.Length ? new SimpleCall(name, args) : null;
    }

    private sealed class Reader(string text, int position)
    {
        public int Position { get; set; } = position;

        public char Peek => Position < text.Length ? text[Position] : '\0';

        public void SkipSpace()
        {
            while (Position < text.Length && char.IsWhiteSpace(text[Position]))
            {
                Position++;
            }
        }

        public JNode? ReadValue()
        {
            SkipSpace();
            var c = Peek;
            if (c is '"' or '\'')
            {
                var s = ReadString();
                return s is null ? null : new JString(s);
            }

            if (c == '{')
            {
                return ReadObject();
            }

            if (c == '-' || char.IsDigit(c) || c == '(')
            {
                return ReadProduct();
            }

            return null;
        }

        /// <summary>A number literal, or a product of (possibly parenthesised) number literals such as <c>2.14*(-36.58)</c>.</summary>
        private JNumber? ReadProduct()
        {
            var value = ReadFactor();
            SkipSpace();
            while (value is not null && Peek == '*')
            {
                Position++;
                var right = ReadFactor();
                value = right is null ? null : value * right;
                SkipSpace();
            }

            return value is null ? null : JNode.From(value.Value);
        }

        private double? ReadFactor()
        {
            SkipSpace();
            if (Peek == '(')
            {
                Position++;
                var inner = ReadFactor();
                SkipSpace();
                if (Peek != ')')
                {
                    return null;
                }

                Position++;
                return inner;
            }

            var c = Peek;
            if (c == '-' || char.IsDigit(c))
            {
                var start = Position;
                Position++;
                while (Position < text.Length && (char.IsDigit(text[Position]) || text[Position] is '.' or 'e' or 'E' or '+' || (text[Position] == '-' && text[Position - 1] is 'e' or 'E')))
                {
                    Position++;
                }

                return double.TryParse(text[start..Position], NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? d
                    : null;
            }

            return null;
        }

        private string? ReadString()
        {
            var quote = text[Position++];
            var sb = new StringBuilder();
            while (Position < text.Length)
            {
                var c = text[Position++];
                if (c == quote)
                {
                    return sb.ToString();
                }

                if (c == '\\')
                {
                    if (Position >= text.Length)
                    {
                        return null;
                    }

                    var e = text[Position++];
                    switch (e)
                    {
                        case 'n': sb.Append('\n'); break;
                        case 't': sb.Append('\t'); break;
                        case 'r': sb.Append('\r'); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'u':
                            if (Position + 4 > text.Length)
                            {
                                return null;
                            }

                            sb.Append((char)int.Parse(text.AsSpan(Position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            Position += 4;
                            break;
                        default: sb.Append(e); break;
                    }
                }
                else
                {
                    sb.Append(c);
                }
            }

            return null;
        }

        private JObject? ReadObject()
        {
            Position++;
            var pairs = new List<KeyValuePair<string, JNode>>();
            SkipSpace();
            if (Peek == '}')
            {
                Position++;
                return JObject.FromPairs(pairs);
            }

            while (true)
            {
                SkipSpace();
                if (Peek is not ('"' or '\''))
                {
                    return null;
                }

                var key = ReadString();
                SkipSpace();
                if (key is null || Peek != ':')
                {
                    return null;
                }

                Position++;
                var value = ReadValue();
                if (value is null)
                {
                    return null;
                }

                pairs.Add(new(key, value));
                SkipSpace();
                if (Peek == ',')
                {
                    Position++;
                    continue;
                }

                if (Peek == '}')
                {
                    Position++;
                    return JObject.FromPairs(pairs);
                }

                return null;
            }
        }
    }
}
