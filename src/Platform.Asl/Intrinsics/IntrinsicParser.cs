using System.Globalization;
using System.Text;
using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.Intrinsics;

/// <summary>
/// Parses intrinsic calls: <c>Name(arg, …)</c> where an argument is a <c>'string'</c>, a number, <c>true</c>,
/// <c>false</c>, <c>null</c>, a path or a nested call; checks names, arity and literal argument kinds.
/// </summary>
internal sealed class IntrinsicParser
{
    /// <summary>The deepest nesting of calls AWS accepts (the outermost call is level 1).</summary>
    public const int MaxDepth = 10;

    private readonly string _text;
    private int _pos;

    private IntrinsicParser(string text) => _text = text;

    /// <summary>Parses a whole expression, which must be one call.</summary>
    /// <exception cref="IntrinsicSyntaxException">The text is not a valid call.</exception>
    public static IntrinsicCall Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new IntrinsicParser(text);
        parser.SkipWhitespace();
        if (parser.AtEnd)
        {
            throw parser.Error(parser._pos, "the expression is empty");
        }

        if (parser.Peek == '$')
        {
            throw parser.Error(parser._pos, "a path is not an intrinsic function call");
        }

        var call = parser.ParseCall(1);
        parser.SkipWhitespace();
        if (!parser.AtEnd)
        {
            throw parser.Error(parser._pos, $"unexpected '{parser.Peek}' after the end of the call");
        }

        return call;
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Peek => _text[_pos];

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_';

    private static string KindPhrase(JsonKind kind) => kind switch
    {
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.Boolean => "a boolean",
        JsonKind.Array => "an array",
        JsonKind.Object => "an object",
        _ => "null",
    };

    private IntrinsicCall ParseCall(int depth)
    {
        int start = _pos;
        string name = ReadName();
        if (name.Length == 0)
        {
            throw AtEnd
                ? Error(_pos, "expected an intrinsic function name")
                : Error(_pos, $"expected an intrinsic function name but found '{Peek}'");
        }

        if (!IntrinsicCatalog.TryGet(name, out var definition))
        {
            throw Error(start, $"unknown intrinsic function '{name}'");
        }

        if (depth > MaxDepth)
        {
            throw Error(start, $"intrinsic function calls are nested more than {MaxDepth} levels deep");
        }

        if (AtEnd || Peek != '(')
        {
            throw AtEnd
                ? Error(_pos, $"expected '(' after '{name}'")
                : Error(_pos, $"expected '(' after '{name}' but found '{Peek}'");
        }

        _pos++;
        var arguments = new List<IntrinsicExpression>();
        SkipWhitespace();
        if (!AtEnd && Peek == ')')
        {
            _pos++;
        }
        else
        {
            while (true)
            {
                SkipWhitespace();
                arguments.Add(ParseArgument(depth));
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error(_pos, $"missing ')' to close the call of {name} opened at position {start}");
                }

                if (Peek == ')')
                {
                    _pos++;
                    break;
                }

                if (Peek != ',')
                {
                    throw Error(_pos, $"expected ',' or ')' but found '{Peek}'");
                }

                _pos++;
            }
        }

        var call = new IntrinsicCall(start, _text[start.._pos], definition, [.. arguments]);
        Check(call);
        return call;
    }

    private void Check(IntrinsicCall call)
    {
        var definition = call.Definition;
        int count = call.Arguments.Length;
        if (count < definition.MinArguments || count > definition.MaxArguments)
        {
            string given = count == 1 ? "1 was given" : $"{count} were given";
            throw Error(call.Position, $"{definition.Name} takes {definition.Arity}, but {given}");
        }

        for (int i = 0; i < count; i++)
        {
            var argument = call.Arguments[i];
            var expected = definition.ParameterKind(i);
            if (expected is { } kind && argument.StaticKind is { } actual && actual != kind)
            {
                throw Error(argument.Position, $"argument {i + 1} of {definition.Name} must be {KindPhrase(kind)}, but is {argument.Description}");
            }
        }

        if (definition.Validate(call) is { } problem)
        {
            throw Error(problem.Position, problem.Reason);
        }
    }

    private IntrinsicExpression ParseArgument(int depth)
    {
        if (AtEnd)
        {
            throw Error(_pos, "expected an argument");
        }

        char c = Peek;
        if (c == '\'')
        {
            return ParseString();
        }

        if (c == '$')
        {
            return ParsePath();
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ParseNumber();
        }

        if (char.IsAsciiLetter(c))
        {
            int start = _pos;
            string word = ReadName();
            if (AtEnd || Peek != '(')
            {
                switch (word)
                {
                    case "null":
                        return new IntrinsicLiteral(start, word, JNode.Null);
                    case "true":
                        return new IntrinsicLiteral(start, word, JNode.True);
                    case "false":
                        return new IntrinsicLiteral(start, word, JNode.False);
                }
            }

            _pos = start;
            return ParseCall(depth + 1);
        }

        throw c is ',' or ')'
            ? Error(_pos, $"expected an argument but found '{c}'")
            : Error(_pos, $"unexpected '{c}': an argument is a 'string', a number, true, false, null, a path or an intrinsic call");
    }

    private IntrinsicLiteral ParseString()
    {
        int start = _pos;
        _pos++;
        var value = new StringBuilder();
        List<int>? placeholders = null;
        while (true)
        {
            if (AtEnd)
            {
                throw Error(start, "the string literal is not closed (a quote inside a string is written \\')");
            }

            char c = Peek;
            if (c == '\'')
            {
                _pos++;
                break;
            }

            if (c == '\\')
            {
                if (_pos + 1 >= _text.Length)
                {
                    throw Error(_pos, "a backslash at the end escapes nothing");
                }

                char escaped = _text[_pos + 1];
                if (escaped is not ('\'' or '{' or '}' or '\\'))
                {
                    throw Error(_pos, $"invalid escape sequence '\\{escaped}': only \\', \\{{, \\}} and \\\\ may follow a backslash");
                }

                value.Append(escaped);
                _pos += 2;
                continue;
            }

            if (c == '{' && _pos + 1 < _text.Length && _text[_pos + 1] == '}')
            {
                (placeholders ??= []).Add(value.Length);
                value.Append("{}");
                _pos += 2;
                continue;
            }

            value.Append(c);
            _pos++;
        }

        return new IntrinsicLiteral(start, _text[start.._pos], new JString(value.ToString()), placeholders?.ToArray());
    }

    private IntrinsicLiteral ParseNumber()
    {
        int start = _pos;
        if (Peek == '-')
        {
            _pos++;
        }

        if (AtEnd || !char.IsAsciiDigit(Peek))
        {
            throw Error(_pos, "expected a digit after '-'");
        }

        if (Peek == '0')
        {
            _pos++;
        }
        else
        {
            SkipDigits();
        }

        if (!AtEnd && Peek == '.')
        {
            _pos++;
            if (AtEnd || !char.IsAsciiDigit(Peek))
            {
                throw Error(_pos, "expected a digit after the decimal point");
            }

            SkipDigits();
        }

        if (!AtEnd && Peek is 'e' or 'E')
        {
            _pos++;
            if (!AtEnd && Peek is '+' or '-')
            {
                _pos++;
            }

            if (AtEnd || !char.IsAsciiDigit(Peek))
            {
                throw Error(_pos, "expected a digit in the exponent");
            }

            SkipDigits();
        }

        if (!AtEnd && (IsNameChar(Peek) || Peek == '$' || Peek == '\''))
        {
            throw Error(_pos, $"unexpected '{Peek}' after the number");
        }

        string text = _text[start.._pos];
        double number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(number))
        {
            throw Error(start, $"the number {text} is out of range");
        }

        return new IntrinsicLiteral(start, text, JNumber.Create(number));
    }

    private IntrinsicPathArgument ParsePath()
    {
        int start = _pos;
        int brackets = 0;
        int parentheses = 0;
        while (!AtEnd)
        {
            char c = Peek;
            if (c is '\'' or '"' && brackets + parentheses > 0)
            {
                SkipQuoted(c);
                continue;
            }

            if (brackets == 0 && parentheses == 0 && c is ',' or ')')
            {
                break;
            }

            switch (c)
            {
                case '[': brackets++; break;
                case ']': brackets = Math.Max(0, brackets - 1); break;
                case '(': parentheses++; break;
                case ')': parentheses = Math.Max(0, parentheses - 1); break;
            }

            _pos++;
        }

        string text = _text[start.._pos].TrimEnd();
        try
        {
            return new IntrinsicPathArgument(start, text, JsonPath.Parse(text));
        }
        catch (JsonPathException ex)
        {
            throw Error(start + Math.Clamp(ex.Position, 0, text.Length), $"invalid path '{text}': {ex.Reason}");
        }
    }

    private void SkipQuoted(char quote)
    {
        _pos++;
        while (!AtEnd && Peek != quote)
        {
            _pos += Peek == '\\' ? 2 : 1;
        }

        _pos = Math.Min(_pos + 1, _text.Length);
    }

    private void SkipDigits()
    {
        while (!AtEnd && char.IsAsciiDigit(Peek))
        {
            _pos++;
        }
    }

    private string ReadName()
    {
        int start = _pos;
        while (!AtEnd && IsNameChar(Peek))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek))
        {
            _pos++;
        }
    }

    private IntrinsicSyntaxException Error(int position, string reason) => new(_text, position, reason);
}
