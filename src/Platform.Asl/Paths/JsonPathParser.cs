using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Platform.Asl.Json;
using Platform.Asl.Paths.Filters;

namespace Platform.Asl.Paths;

/// <summary>A hand-written recursive-descent parser for Jayway-style JSONPath, reporting the position and reason of every error.</summary>
/// <remarks>Recursion is bounded by <see cref="MaxNesting"/> (brackets, parentheses and literals inside filters), so hostile paths cannot exhaust the stack.</remarks>
internal sealed class JsonPathParser
{
    /// <summary>The deepest nesting of filters, parentheses and literals accepted.</summary>
    public const int MaxNesting = 32;

    private const string FilterNameTerminators = ")],=!<>~&|";

    private readonly string _text;
    private int _pos;
    private int _nesting;

    private JsonPathParser(string text) => _text = text;

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    /// <summary>Parses a whole path.</summary>
    /// <exception cref="JsonPathException">The text is not a valid path.</exception>
    public static ParsedPath Parse(string text) => new JsonPathParser(text).ParsePath();

    private ParsedPath ParsePath()
    {
        if (_text.Length == 0)
        {
            throw Error(0, "a path must not be empty");
        }

        if (_text[0] != '$')
        {
            throw Error(0, "a path must start with '$'");
        }

        _pos = 1;
        var root = PathRoot.Input;
        string? variable = null;
        if (!AtEnd && Current == '$')
        {
            root = PathRoot.Context;
            _pos++;
        }
        else if (!AtEnd && IsIdStartAt(_pos, out _))
        {
            root = PathRoot.Variable;
            variable = ReadVariableName();
        }

        var segments = ParseSegments(inFilter: false);
        if (!AtEnd)
        {
            throw Error(_pos, $"unexpected character '{Current}'");
        }

        return new ParsedPath(root, variable, segments);
    }

    private string ReadVariableName()
    {
        int start = _pos;
        IsIdStartAt(_pos, out int width);
        _pos += width;
        while (!AtEnd && IsIdContinueAt(_pos, out width))
        {
            _pos += width;
        }

        if (!AtEnd && Current is not ('.' or '['))
        {
            throw Error(_pos, $"'{Current}' cannot appear in a variable name (names are a Unicode ID_Start character followed by ID_Continue characters)");
        }

        return _text[start.._pos];
    }

    private PathSegment[] ParseSegments(bool inFilter)
    {
        var segments = new List<PathSegment>();
        while (!AtEnd)
        {
            char c = Current;
            PathSegment segment;
            if (c == '.')
            {
                segment = _pos + 1 < _text.Length && _text[_pos + 1] == '.' ? ParseDescent(inFilter) : ParseDotStep(inFilter);
            }
            else if (c == '[')
            {
                segment = ParseBracket();
            }
            else if (inFilter)
            {
                break;
            }
            else
            {
                throw Error(_pos, char.IsWhiteSpace(c) ? "whitespace is not allowed outside brackets" : $"unexpected character '{c}'");
            }

            segments.Add(segment);
            if (segment.Kind == SegmentKind.Function)
            {
                if (!AtEnd && Current is '.' or '[')
                {
                    throw Error(_pos, "a function must be the last step of a path");
                }

                break;
            }
        }

        return [.. segments];
    }

    private PathSegment ParseDotStep(bool inFilter)
    {
        int dot = _pos;
        _pos++;
        if (AtEnd)
        {
            throw Error(dot, "a path must not end with '.'");
        }

        switch (Current)
        {
            case '*':
                _pos++;
                CheckAfterWildcard(inFilter);
                return PathSegment.ForWildcard();
            case '[':
                return ParseBracket();
            default:
                int start = _pos;
                string name = ReadDotName(inFilter);
                if (!AtEnd && Current == '(')
                {
                    return ParseFunction(name, start);
                }

                return PathSegment.ForName(name);
        }
    }

    private PathSegment ParseDescent(bool inFilter)
    {
        int start = _pos;
        _pos += 2;
        if (AtEnd)
        {
            throw Error(start, "'..' must be followed by a name, '*' or '['");
        }

        switch (Current)
        {
            case '.':
                throw Error(_pos, "'...' is not valid; use '..name', '..*' or '..[...]'");
            case '*':
                _pos++;
                CheckAfterWildcard(inFilter);
                return PathSegment.ForDescent(PathSegment.ForWildcard());
            case '[':
                return PathSegment.ForDescent(ParseBracket());
            default:
                string name = ReadDotName(inFilter);
                if (!AtEnd && Current == '(')
                {
                    throw Error(_pos, "a function cannot follow '..'");
                }

                return PathSegment.ForDescent(PathSegment.ForName(name));
        }
    }

    private void CheckAfterWildcard(bool inFilter)
    {
        if (!inFilter && !AtEnd && Current is not ('.' or '['))
        {
            throw Error(_pos, $"unexpected character '{Current}' after '*'");
        }
    }

    /// <summary>Reads a dot-notation name: any characters up to '.', '[', '(' (and, in filters, operators and closing brackets).</summary>
    private string ReadDotName(bool inFilter)
    {
        int start = _pos;
        while (!AtEnd)
        {
            char c = Current;
            if (c is '.' or '[' or '(')
            {
                break;
            }

            if (char.IsWhiteSpace(c))
            {
                if (inFilter)
                {
                    break;
                }

                throw Error(_pos, "whitespace is not allowed in a dot-notation name; use bracket notation, e.g. ['my name']");
            }

            if (inFilter && FilterNameTerminators.Contains(c, StringComparison.Ordinal))
            {
                break;
            }

            _pos++;
        }

        if (_pos == start)
        {
            throw Error(start, AtEnd ? "expected a name after '.'" : $"expected a name but found '{Current}'");
        }

        return _text[start.._pos];
    }

    private PathSegment ParseFunction(string name, int start)
    {
        var function = PathFunctions.Lookup(name);
        if (function == PathFunction.None)
        {
            throw Error(start, $"unknown function '{name}()'; supported: length, size, min, max, avg, sum, stddev, first, last, keys");
        }

        _pos++; // (
        SkipWhitespace();
        if (AtEnd || Current != ')')
        {
            throw Error(_pos, $"function '{name}()' takes no arguments; expected ')'");
        }

        _pos++;
        return PathSegment.ForFunction(function, name);
    }

    private PathSegment ParseBracket()
    {
        int open = _pos;
        _pos++;
        SkipWhitespace();
        if (AtEnd)
        {
            throw Error(open, "'[' is not closed");
        }

        char c = Current;
        if (c is '\'' or '"')
        {
            return ParseNames(open);
        }

        if (c == '*')
        {
            _pos++;
            ExpectClose(open);
            return PathSegment.ForWildcard();
        }

        if (c == '?')
        {
            return ParseFilter(open);
        }

        if (c is '-' or ':' || char.IsAsciiDigit(c))
        {
            return ParseIndices(open);
        }

        if (c == ']')
        {
            throw Error(_pos, "empty brackets '[]'");
        }

        if (c == '(')
        {
            throw Error(_pos, "script expressions '[(...)]' are not supported");
        }

        throw Error(_pos, $"unexpected character '{c}' after '['; expected a quoted name, an index, a slice, '*' or a filter '?(...)'");
    }

    private void ExpectClose(int open)
    {
        SkipWhitespace();
        if (AtEnd)
        {
            throw Error(open, "'[' is not closed");
        }

        if (Current != ']')
        {
            throw Error(_pos, $"expected ']' but found '{Current}'");
        }

        _pos++;
    }

    private PathSegment ParseNames(int open)
    {
        var names = new List<string>();
        while (true)
        {
            SkipWhitespace();
            if (AtEnd || Current is not ('\'' or '"'))
            {
                throw Error(AtEnd ? open : _pos, "expected a quoted name");
            }

            names.Add(ReadRawQuoted());
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error(open, "'[' is not closed");
            }

            if (Current == ',')
            {
                _pos++;
                continue;
            }

            if (Current == ']')
            {
                _pos++;
                break;
            }

            throw Error(_pos, $"expected ',' or ']' after a quoted name but found '{Current}'");
        }

        return names.Count == 1 ? PathSegment.ForName(names[0]) : PathSegment.ForNames([.. names]);
    }

    /// <summary>Reads a quoted bracket name. As AWS does, the text is taken as written: a backslash only stops the next character from closing the name.</summary>
    private string ReadRawQuoted()
    {
        int quote = _pos;
        char delimiter = Current;
        int i = _pos + 1;
        while (i < _text.Length)
        {
            char c = _text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == delimiter)
            {
                _pos = i + 1;
                return _text[(quote + 1)..i];
            }

            i++;
        }

        throw Error(quote, "the quoted name is not closed");
    }

    private PathSegment ParseIndices(int open)
    {
        int? first = TryReadInt();
        SkipWhitespace();
        if (!AtEnd && Current == ':')
        {
            _pos++;
            SkipWhitespace();
            int? end = TryReadInt();
            SkipWhitespace();
            int? step = null;
            if (!AtEnd && Current == ':')
            {
                _pos++;
                SkipWhitespace();
                int stepAt = _pos;
                step = TryReadInt();
                if (step == 0)
                {
                    throw Error(stepAt, "a slice step must not be 0");
                }
            }

            ExpectClose(open);
            return PathSegment.ForSlice(first, end, step);
        }

        if (first is not int firstIndex)
        {
            throw Error(_pos, "expected an index");
        }

        var indices = new List<int> { firstIndex };
        while (!AtEnd && Current == ',')
        {
            _pos++;
            SkipWhitespace();
            indices.Add(TryReadInt() ?? throw Error(_pos, "expected an index after ','"));
            SkipWhitespace();
        }

        ExpectClose(open);
        return indices.Count == 1 ? PathSegment.ForIndex(indices[0]) : PathSegment.ForIndices([.. indices]);
    }

    private int? TryReadInt()
    {
        if (AtEnd || !(Current == '-' || char.IsAsciiDigit(Current)))
        {
            return null;
        }

        int start = _pos;
        if (Current == '-')
        {
            _pos++;
        }

        int digits = _pos;
        while (!AtEnd && char.IsAsciiDigit(Current))
        {
            _pos++;
        }

        if (_pos == digits)
        {
            throw Error(start, "expected digits after '-'");
        }

        if (!int.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            throw Error(start, "the index is too large");
        }

        return value;
    }

    // ---- filters -------------------------------------------------------------------------------------------------

    /// <summary>Parses <c>[?(...)]</c>. As in Jayway, the expression must start with '(' and end with ')'.</summary>
    private PathSegment ParseFilter(int open)
    {
        _pos++; // ?
        SkipWhitespace();
        if (AtEnd || Current != '(')
        {
            throw Error(AtEnd ? open : _pos, "a filter must be written [?(<expression>)]");
        }

        int textStart = _pos;
        Enter(open);
        var expression = ParseOr();
        Leave();
        int textEnd = _pos;
        while (textEnd > textStart && char.IsWhiteSpace(_text[textEnd - 1]))
        {
            textEnd--;
        }

        if (_text[textEnd - 1] != ')')
        {
            throw Error(textEnd - 1, "a filter must be written [?(<expression>)]");
        }

        ExpectClose(open);
        return PathSegment.ForFilter(expression, _text[textStart..textEnd]);
    }

    private FilterExpression ParseOr()
    {
        var left = ParseAnd();
        while (true)
        {
            SkipWhitespace();
            if (!Peek("||"))
            {
                return left;
            }

            _pos += 2;
            left = new OrExpression(left, ParseAnd());
        }
    }

    private FilterExpression ParseAnd()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipWhitespace();
            if (!Peek("&&"))
            {
                return left;
            }

            _pos += 2;
            left = new AndExpression(left, ParseUnary());
        }
    }

    private FilterExpression ParseUnary()
    {
        SkipWhitespace();
        if (!AtEnd && Current == '!' && !Peek("!="))
        {
            int at = _pos;
            _pos++;
            Enter(at);
            var operand = ParseUnary();
            Leave();
            return new NotExpression(operand);
        }

        if (!AtEnd && Current == '(')
        {
            int at = _pos;
            _pos++;
            Enter(at);
            var inner = ParseOr();
            Leave();
            SkipWhitespace();
            if (AtEnd || Current != ')')
            {
                throw Error(AtEnd ? at : _pos, AtEnd ? "'(' is not closed" : $"expected ')' but found '{Current}'");
            }

            _pos++;
            return inner;
        }

        return ParseComparison();
    }

    private FilterExpression ParseComparison()
    {
        SkipWhitespace();
        int leftAt = _pos;
        var left = ParseOperand();
        SkipWhitespace();
        var op = TryReadOperator();
        if (op is not FilterOperator oper)
        {
            if (left is PathOperand path)
            {
                return new ExistsExpression(path);
            }

            throw Error(AtEnd ? leftAt : _pos, "expected a comparison operator after the value");
        }

        SkipWhitespace();
        int rightAt = _pos;
        var right = ParseOperand();
        if (oper != FilterOperator.Matches && (left is RegexOperand || right is RegexOperand))
        {
            throw Error(left is RegexOperand ? leftAt : rightAt, "a /regex/ can only be used with '=~'");
        }

        return new ComparisonExpression(left, oper, right);
    }

    private FilterOperator? TryReadOperator()
    {
        if (AtEnd)
        {
            return null;
        }

        (string Symbol, FilterOperator Op)[] symbols =
        [
            ("===", FilterOperator.StrictEqual), ("!==", FilterOperator.StrictNotEqual), ("==", FilterOperator.Equal),
            ("!=", FilterOperator.NotEqual), ("<=", FilterOperator.LessOrEqual), (">=", FilterOperator.GreaterOrEqual),
            ("=~", FilterOperator.Matches), ("<", FilterOperator.Less), (">", FilterOperator.Greater),
        ];
        foreach (var (symbol, op) in symbols)
        {
            if (Peek(symbol))
            {
                _pos += symbol.Length;
                return op;
            }
        }

        if (Current == '=')
        {
            throw Error(_pos, "'=' is not an operator; use '==' to compare");
        }

        if (!char.IsAsciiLetter(Current))
        {
            return null;
        }

        int start = _pos;
        int end = _pos;
        while (end < _text.Length && char.IsAsciiLetter(_text[end]))
        {
            end++;
        }

        FilterOperator? word = _text[start..end] switch
        {
            "in" => FilterOperator.In,
            "nin" => FilterOperator.NotIn,
            "contains" => FilterOperator.Contains,
            "subsetof" => FilterOperator.SubsetOf,
            "anyof" => FilterOperator.AnyOf,
            "noneof" => FilterOperator.NoneOf,
            "size" => FilterOperator.Size,
            "empty" => FilterOperator.Empty,
            "exists" => FilterOperator.Exists,
            _ => null,
        };
        if (word is null)
        {
            throw Error(start, $"unknown operator '{_text[start..end]}'");
        }

        _pos = end;
        return word;
    }

    private FilterOperand ParseOperand()
    {
        SkipWhitespace();
        if (AtEnd)
        {
            throw Error(_text.Length, "the filter ends where a value was expected");
        }

        int start = _pos;
        char c = Current;
        switch (c)
        {
            case '@':
                _pos++;
                return new PathOperand(false, ParseSegments(inFilter: true));
            case '$':
                _pos++;
                if (!AtEnd && (Current == '$' || IsIdStartAt(_pos, out _)))
                {
                    throw Error(start, "only '@' and '$' paths can be used inside a filter");
                }

                return new PathOperand(true, ParseSegments(inFilter: true));
            case '/':
                return ParseRegex();
            case '\'' or '"' or '[' or '{' or '-':
                return new LiteralOperand(ParseLiteral());
            default:
                if (char.IsAsciiDigit(c) || char.IsAsciiLetter(c))
                {
                    return new LiteralOperand(ParseLiteral());
                }

                throw Error(start, $"expected a value but found '{c}'");
        }
    }

    private RegexOperand ParseRegex()
    {
        int start = _pos;
        int i = _pos + 1;
        var pattern = new StringBuilder();
        while (true)
        {
            if (i >= _text.Length)
            {
                throw Error(start, "the /regex/ is not closed");
            }

            char c = _text[i];
            if (c == '\\' && i + 1 < _text.Length)
            {
                if (_text[i + 1] == '/')
                {
                    pattern.Append('/');
                }
                else
                {
                    pattern.Append(c).Append(_text[i + 1]);
                }

                i += 2;
                continue;
            }

            if (c == '/')
            {
                i++;
                break;
            }

            pattern.Append(c);
            i++;
        }

        var options = RegexOptions.None;
        while (i < _text.Length && char.IsAsciiLetter(_text[i]))
        {
            options |= _text[i] switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                'u' or 'U' or 'd' => RegexOptions.None,
                _ => throw Error(i, $"unknown regex flag '{_text[i]}'; supported: i, m, s, x, u, U, d"),
            };
            i++;
        }

        _pos = i;
        try
        {
            return RegexOperand.Create(pattern.ToString(), options);
        }
        catch (ArgumentException ex)
        {
            throw Error(start, "invalid regular expression: " + ex.Message);
        }
    }

    /// <summary>Parses a filter literal: JSON, extended with single-quoted strings.</summary>
    private JNode ParseLiteral()
    {
        SkipWhitespace();
        if (AtEnd)
        {
            throw Error(_text.Length, "the filter ends where a value was expected");
        }

        int start = _pos;
        char c = Current;
        if (c is '\'' or '"')
        {
            return JNode.From(ReadStringLiteral());
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ReadNumber();
        }

        if (c == '[')
        {
            _pos++;
            Enter(start);
            var items = new List<JNode>();
            SkipWhitespace();
            if (!AtEnd && Current == ']')
            {
                _pos++;
                Leave();
                return JArray.Empty;
            }

            while (true)
            {
                items.Add(ParseLiteral());
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error(start, "the array literal is not closed");
                }

                if (Current == ',')
                {
                    _pos++;
                    continue;
                }

                if (Current == ']')
                {
                    _pos++;
                    Leave();
                    return new JArray([.. items]);
                }

                throw Error(_pos, $"expected ',' or ']' in the array literal but found '{Current}'");
            }
        }

        if (c == '{')
        {
            _pos++;
            Enter(start);
            var builder = new JObjectBuilder();
            SkipWhitespace();
            if (!AtEnd && Current == '}')
            {
                _pos++;
                Leave();
                return builder.Build();
            }

            while (true)
            {
                SkipWhitespace();
                if (AtEnd || Current is not ('\'' or '"'))
                {
                    throw Error(AtEnd ? start : _pos, "expected a quoted key in the object literal");
                }

                string key = ReadStringLiteral();
                SkipWhitespace();
                if (AtEnd || Current != ':')
                {
                    throw Error(AtEnd ? start : _pos, "expected ':' after the key in the object literal");
                }

                _pos++;
                builder.Set(key, ParseLiteral());
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error(start, "the object literal is not closed");
                }

                if (Current == ',')
                {
                    _pos++;
                    continue;
                }

                if (Current == '}')
                {
                    _pos++;
                    Leave();
                    return builder.Build();
                }

                throw Error(_pos, $"expected ',' or '}}' in the object literal but found '{Current}'");
            }
        }

        int end = _pos;
        while (end < _text.Length && char.IsAsciiLetter(_text[end]))
        {
            end++;
        }

        JNode? keyword = _text[start..end] switch
        {
            "true" => JNode.True,
            "false" => JNode.False,
            "null" => JNode.Null,
            _ => null,
        };
        if (keyword is null)
        {
            throw Error(start, end > start ? $"unknown word '{_text[start..end]}'; strings must be quoted" : $"expected a value but found '{c}'");
        }

        _pos = end;
        return keyword;
    }

    private JNumber ReadNumber()
    {
        int start = _pos;
        if (Current == '-')
        {
            _pos++;
        }

        int digits = _pos;
        SkipDigits();
        if (_pos == digits)
        {
            throw Error(start, "expected a number");
        }

        if (!AtEnd && Current == '.')
        {
            _pos++;
            int fraction = _pos;
            SkipDigits();
            if (_pos == fraction)
            {
                throw Error(_pos, "expected digits after '.'");
            }
        }

        if (!AtEnd && Current is 'e' or 'E')
        {
            _pos++;
            if (!AtEnd && Current is '+' or '-')
            {
                _pos++;
            }

            int exponent = _pos;
            SkipDigits();
            if (_pos == exponent)
            {
                throw Error(_pos, "expected digits in the exponent");
            }
        }

        double value = double.Parse(_text.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw Error(start, "the number is too large");
        }

        return JNode.From(value);
    }

    private void SkipDigits()
    {
        while (!AtEnd && char.IsAsciiDigit(Current))
        {
            _pos++;
        }
    }

    /// <summary>Reads a quoted string literal in a filter, with JSON escapes (as Jayway unescapes filter strings).</summary>
    private string ReadStringLiteral()
    {
        int quote = _pos;
        char delimiter = Current;
        var sb = new StringBuilder();
        int i = _pos + 1;
        while (i < _text.Length)
        {
            char c = _text[i];
            if (c == delimiter)
            {
                _pos = i + 1;
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= _text.Length)
            {
                break;
            }

            char e = _text[i + 1];
            i += 2;
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                    if (i + 4 > _text.Length
                        || !ushort.TryParse(_text.AsSpan(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
                    {
                        throw Error(i - 2, "'\\u' must be followed by four hex digits");
                    }

                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    sb.Append(e);
                    break;
            }
        }

        throw Error(quote, "the string literal is not closed");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private bool Peek(string s) => _pos + s.Length <= _text.Length && string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

    private void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Current))
        {
            _pos++;
        }
    }

    private void Enter(int at)
    {
        if (++_nesting > MaxNesting)
        {
            throw Error(at, $"nesting is deeper than {MaxNesting} levels");
        }
    }

    private void Leave() => _nesting--;

    private JsonPathException Error(int position, string reason) => new(_text, position, reason);

    private bool IsIdStartAt(int index, out int width)
    {
        if (Rune.DecodeFromUtf16(_text.AsSpan(index), out var rune, out width) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        return IsIdStart(rune);
    }

    private bool IsIdContinueAt(int index, out int width)
    {
        if (Rune.DecodeFromUtf16(_text.AsSpan(index), out var rune, out width) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        return IsIdStart(rune) || IsIdContinueOnly(rune);
    }

    /// <summary>UAX #31 ID_Start: letters, letter numbers and Other_ID_Start, minus pattern syntax.</summary>
    private static bool IsIdStart(Rune rune)
    {
        if (rune.Value is 0x1885 or 0x1886 or 0x2118 or 0x212E or 0x309B or 0x309C)
        {
            return true;
        }

        if (rune.Value == 0x2E2F)
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.LetterNumber;
    }

    /// <summary>UAX #31 ID_Continue characters that are not ID_Start: marks, digits, connectors and Other_ID_Continue.</summary>
    private static bool IsIdContinueOnly(Rune rune)
    {
        if (rune.Value is 0x00B7 or 0x0387 or (>= 0x1369 and <= 0x1371) or 0x19DA or 0x200C or 0x200D)
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;
    }
}
