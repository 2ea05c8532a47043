using System.Globalization;
using System.Text;

namespace Platform.Asl.Jsonata;

/// <summary>Splits a JSONata expression into tokens, as the reference implementation's tokenizer does.</summary>
internal sealed class Lexer
{
    internal static readonly Dictionary<string, int> Operators = new(StringComparer.Ordinal)
    {
        ["."] = 75, ["["] = 80, ["]"] = 0, ["{"] = 70, ["}"] = 0, ["("] = 80, [")"] = 0, [","] = 0, ["@"] = 80,
        ["#"] = 80, [";"] = 80, [":"] = 80, ["?"] = 20, ["+"] = 50, ["-"] = 50, ["*"] = 60, ["/"] = 60, ["%"] = 60,
        ["|"] = 20, ["="] = 40, ["<"] = 40, [">"] = 40, ["^"] = 40, ["**"] = 60, [".."] = 20, [":="] = 10,
        ["!="] = 40, ["<="] = 40, [">="] = 40, ["~>"] = 40, ["?:"] = 40, ["??"] = 40, ["and"] = 30, ["or"] = 25,
        ["in"] = 40, ["&"] = 50, ["!"] = 0, ["~"] = 0,
    };

    private static readonly Dictionary<char, string> Escapes = new()
    {
        ['"'] = "\"", ['\\'] = "\\", ['/'] = "/", ['b'] = "\b", ['f'] = "\f", ['n'] = "\n", ['r'] = "\r", ['t'] = "\t",
    };

    private readonly string _path;
    private int _position;

    public Lexer(string path) => _path = path;

    public Token? Next(bool prefix)
    {
        while (true)
        {
            if (_position >= _path.Length)
            {
                return null;
            }

            char c = _path[_position];
            if (c is ' ' or '\t' or '\n' or '\r' or '\v')
            {
                _position++;
                continue;
            }

            if (c == '/' && _position + 1 < _path.Length && _path[_position + 1] == '*')
            {
                int start = _position;
                _position += 2;
                while (!(_position + 1 < _path.Length && _path[_position] == '*' && _path[_position + 1] == '/'))
                {
                    if (++_position >= _path.Length)
                    {
                        throw new JsonataException("S0106", "Comment has no closing tag", start);
                    }
                }

                _position += 2;
                continue;
            }

            break;
        }

        char ch = _path[_position];
        if (!prefix && ch == '/')
        {
            _position++;
            return Create("regex", ScanRegex());
        }

        string two = _position + 1 < _path.Length ? _path.Substring(_position, 2) : string.Empty;
        if (two is ".." or ":=" or "!=" or ">=" or "<=" or "**" or "~>" or "?:" or "??")
        {
            _position += 2;
            return Create("operator", two);
        }

        if (Operators.ContainsKey(ch.ToString()))
        {
            _position++;
            return Create("operator", ch.ToString());
        }

        if (ch is '"' or '\'')
        {
            return ScanString(ch);
        }

        if (char.IsAsciiDigit(ch))
        {
            return ScanNumber();
        }

        if (ch == '`')
        {
            _position++;
            int end = _path.IndexOf('`', _position);
            if (end < 0)
            {
                _position = _path.Length;
                throw new JsonataException("S0105", "Quoted property name must be terminated with a backquote (`)", _position);
            }

            string name = _path[_position..end];
            _position = end + 1;
            return Create("name", name);
        }

        int i = _position;
        while (i < _path.Length)
        {
            char k = _path[i];
            if (k is ' ' or '\t' or '\n' or '\r' or '\v' || Operators.ContainsKey(k.ToString()) || k is '"' or '\'' or '`')
            {
                break;
            }

            i++;
        }

        string word = _path[_position..i];
        if (word.Length == 0)
        {
            _position++;
            throw new JsonataException("S0204", "Unknown operator: " + ch, _position, ch.ToString());
        }

        _position = i;
        if (word[0] == '$')
        {
            return Create("variable", word[1..]);
        }

        return word switch
        {
            "and" or "or" or "in" => Create("operator", word),
            "true" => Create("value", true),
            "false" => Create("value", false),
            "null" => Create("value", null),
            _ => Create("name", word),
        };
    }

    private Token Create(string type, object? value) => new(type, value, _position);

    private Token ScanNumber()
    {
        int start = _position;
        int i = _position;
        if (_path[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < _path.Length && char.IsAsciiDigit(_path[i]))
            {
                i++;
            }
        }

        if (i + 1 < _path.Length && _path[i] == '.' && char.IsAsciiDigit(_path[i + 1]))
        {
            i++;
            while (i < _path.Length && char.IsAsciiDigit(_path[i]))
            {
                i++;
            }
        }

        if (i < _path.Length && _path[i] is 'e' or 'E')
        {
            int j = i + 1;
            if (j < _path.Length && _path[j] is '+' or '-')
            {
                j++;
            }

            if (j < _path.Length && char.IsAsciiDigit(_path[j]))
            {
                while (j < _path.Length && char.IsAsciiDigit(_path[j]))
                {
                    j++;
                }

                i = j;
            }
        }

        double value = double.Parse(_path.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        _position = i;
        if (!double.IsFinite(value))
        {
            throw new JsonataException("S0102", "Number out of range: " + _path[start..i], start, _path[start..i]);
        }

        return Create("number", value);
    }

    private Token ScanString(char quote)
    {
        _position++;
        var sb = new StringBuilder();
        while (_position < _path.Length)
        {
            char c = _path[_position];
            if (c == '\\')
            {
                _position++;
                if (_position >= _path.Length)
                {
                    break;
                }

                c = _path[_position];
                if (Escapes.TryGetValue(c, out string? esc))
                {
                    sb.Append(esc);
                }
                else if (c == 'u')
                {
                    string hex = _position + 5 <= _path.Length ? _path.Substring(_position + 1, 4) : string.Empty;
                    if (hex.Length == 4 && int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                    {
                        sb.Append((char)code);
                        _position += 4;
                    }
                    else
                    {
                        throw new JsonataException("S0104", "The escape sequence \\u must be followed by 4 hex digits", _position);
                    }
                }
                else
                {
                    throw new JsonataException("S0103", "Unsupported escape sequence: \\" + c, _position, c.ToString());
                }
            }
            else if (c == quote)
            {
                _position++;
                return Create("string", sb.ToString());
            }
            else
            {
                sb.Append(c);
            }

            _position++;
        }

        throw new JsonataException("S0101", "String literal must be terminated by a matching quote", _position);
    }

    private RegexLiteral ScanRegex()
    {
        int start = _position;
        int depth = 0;
        while (_position < _path.Length)
        {
            char c = _path[_position];
            if (c == '/' && depth == 0 && (_position == start || _path[_position - 1] != '\\' || IsEscapedBackslash()))
            {
                string pattern = _path[start.._position];
                if (pattern.Length == 0)
                {
                    throw new JsonataException("S0301", "Empty regular expressions are not allowed", _position);
                }

                _position++;
                int flagStart = _position;
                while (_position < _path.Length && _path[_position] is 'i' or 'm')
                {
                    _position++;
                }

                return new RegexLiteral(pattern, _path[flagStart.._position]);
            }

            if (c is '(' or '[' or '{' && _path[_position - 1] != '\\')
            {
                depth++;
            }

            if (c is ')' or ']' or '}' && _path[_position - 1] != '\\')
            {
                depth--;
            }

            _position++;
        }

        throw new JsonataException("S0302", "No terminating / in regular expression", _position);
    }

    private bool IsEscapedBackslash()
    {
        int count = 0;
        int i = _position - 1;
        while (i >= 0 && _path[i] == '\\')
        {
            count++;
            i--;
        }

        return count % 2 == 0;
    }
}
