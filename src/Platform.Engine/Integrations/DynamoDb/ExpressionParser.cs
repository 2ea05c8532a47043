using Platform.Asl.Json;

namespace Platform.Engine.Integrations.DynamoDb;

/// <summary>Parses DynamoDB's condition, update and projection expressions (top-level attribute paths).</summary>
/// <remarks>
/// Conditions: comparisons (<c>= &lt;&gt; &lt; &lt;= &gt; &gt;=</c>), <c>BETWEEN … AND …</c>, <c>IN (…)</c>, <c>AND</c>, <c>OR</c>,
/// <c>NOT</c>, parentheses, and the functions <c>attribute_exists</c>, <c>attribute_not_exists</c>, <c>attribute_type</c>,
/// <c>begins_with</c>, <c>contains</c> and <c>size</c>. Updates: <c>SET a = v</c>, <c>a + v</c>, <c>a - v</c>,
/// <c>if_not_exists(a, v)</c>, <c>list_append(x, y)</c>; <c>REMOVE a</c>; <c>ADD a :v</c>; <c>DELETE a :v</c>. Nested
/// paths (<c>a.b</c>, <c>a[0]</c>) are refused with a message saying so.
/// </remarks>
internal sealed class ExpressionParser
{
    private readonly List<Token> _tokens;
    private readonly string _text;
    private readonly string _field;
    private readonly ExpressionContext _context;
    private int _position;

    private ExpressionParser(string text, string field, ExpressionContext context)
    {
        _text = text;
        _field = field;
        _context = context;
        _tokens = Tokenize(text, field);
    }

    public static Condition ParseCondition(string text, string field, ExpressionContext context)
    {
        var parser = new ExpressionParser(text, field, context);
        var condition = parser.Or();
        parser.ExpectEnd();
        return condition;
    }

    public static UpdatePlan ParseUpdate(string text, ExpressionContext context)
    {
        var parser = new ExpressionParser(text, "UpdateExpression", context);
        var plan = parser.Update();
        parser.ExpectEnd();
        return plan;
    }

    public static IReadOnlyList<string> ParseProjection(string text, ExpressionContext context)
    {
        var parser = new ExpressionParser(text, "ProjectionExpression", context);
        var paths = new List<string> { parser.Path() };
        while (parser.Accept(TokenKind.Comma))
        {
            paths.Add(parser.Path());
        }

        parser.ExpectEnd();
        return paths;
    }

    // ---- conditions ----
    private Condition Or()
    {
        var left = And();
        while (AcceptKeyword("OR"))
        {
            left = new OrCondition(left, And());
        }

        return left;
    }

    private Condition And()
    {
        var left = Not();
        while (AcceptKeyword("AND"))
        {
            left = new AndCondition(left, Not());
        }

        return left;
    }

    private Condition Not() => AcceptKeyword("NOT") ? new NotCondition(Not()) : Primary();

    private Condition Primary()
    {
        if (Accept(TokenKind.LeftParen))
        {
            var inner = Or();
            Expect(TokenKind.RightParen);
            return inner;
        }

        if (Peek.Kind == TokenKind.Name && Next.Kind == TokenKind.LeftParen)
        {
            string function = Peek.Text.ToLowerInvariant();
            switch (function)
            {
                case "attribute_exists":
                case "attribute_not_exists":
                {
                    _position += 2;
                    string path = Path();
                    Expect(TokenKind.RightParen);
                    return new FunctionCondition(function, path, null);
                }

                case "attribute_type":
                case "begins_with":
                case "contains":
                {
                    _position += 2;
                    string path = Path();
                    Expect(TokenKind.Comma);
                    var argument = Operand();
                    Expect(TokenKind.RightParen);
                    return new FunctionCondition(function, path, argument);
                }

                case "size":
                    break;
                default:
                    throw Error($"Invalid function name; function: {Peek.Text}");
            }
        }

        var left = Operand();
        if (AcceptKeyword("BETWEEN"))
        {
            var low = Operand();
            if (!AcceptKeyword("AND"))
            {
                throw Syntax(Peek);
            }

            return new BetweenCondition(left, low, Operand());
        }

        if (AcceptKeyword("IN"))
        {
            Expect(TokenKind.LeftParen);
            var options = new List<Operand> { Operand() };
            while (Accept(TokenKind.Comma))
            {
                options.Add(Operand());
            }

            Expect(TokenKind.RightParen);
            return new InCondition(left, options);
        }

        var comparator = Peek;
        if (comparator.Kind is not (TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual))
        {
            throw Syntax(comparator);
        }

        _position++;
        return new CompareCondition(left, comparator.Kind, Operand());
    }

    private Operand Operand()
    {
        var token = Peek;
        if (token.Kind == TokenKind.ValuePlaceholder)
        {
            _position++;
            return new ValueOperand(_context.Value(token.Text));
        }

        if (token.Kind == TokenKind.Name && string.Equals(token.Text, "size", StringComparison.OrdinalIgnoreCase) && Next.Kind == TokenKind.LeftParen)
        {
            _position += 2;
            string path = Path();
            Expect(TokenKind.RightParen);
            return new SizeOperand(path);
        }

        return new PathOperand(Path());
    }

    // ---- updates ----
    private UpdatePlan Update()
    {
        var plan = new UpdatePlan();
        var seenClauses = new HashSet<string>(StringComparer.Ordinal);
        var touched = new Dictionary<string, string>(StringComparer.Ordinal);
        do
        {
            var clause = Peek;
            string keyword = clause.Kind == TokenKind.Name ? clause.Text.ToUpperInvariant() : string.Empty;
            if (keyword is not ("SET" or "REMOVE" or "ADD" or "DELETE"))
            {
                throw Syntax(clause);
            }

            if (!seenClauses.Add(keyword))
            {
                throw Error($"The \"{keyword}\" section can only be used once in an update expression;");
            }

            _position++;
            do
            {
                string path = Path();
                if (touched.TryGetValue(path, out string? first))
                {
                    throw Error($"Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [{first}], path two: [{path}]");
                }

                touched[path] = path;
                switch (keyword)
                {
                    case "SET":
                        Expect(TokenKind.Equal);
                        plan.Sets.Add((path, SetValue()));
                        break;
                    case "REMOVE":
                        plan.Removes.Add(path);
                        break;
                    default:
                        var value = Peek;
                        if (value.Kind != TokenKind.ValuePlaceholder)
                        {
                            throw Syntax(value);
                        }

                        _position++;
                        (keyword == "ADD" ? plan.Adds : plan.Deletes).Add((path, _context.Value(value.Text)));
                        break;
                }
            }
            while (Accept(TokenKind.Comma));
        }
        while (Peek.Kind != TokenKind.End);

        return plan;
    }

    private SetValue SetValue()
    {
        var left = SetTerm();
        if (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            bool plus = Peek.Kind == TokenKind.Plus;
            _position++;
            return new ArithmeticValue(left, plus, SetTerm());
        }

        return left;
    }

    private SetValue SetTerm()
    {
        if (Peek.Kind == TokenKind.Name && Next.Kind == TokenKind.LeftParen)
        {
            string function = Peek.Text.ToLowerInvariant();
            _position += 2;
            switch (function)
            {
                case "if_not_exists":
                {
                    string path = Path();
                    Expect(TokenKind.Comma);
                    var fallback = SetTerm();
                    Expect(TokenKind.RightParen);
                    return new IfNotExistsValue(path, fallback);
                }

                case "list_append":
                {
                    var first = SetTerm();
                    Expect(TokenKind.Comma);
                    var second = SetTerm();
                    Expect(TokenKind.RightParen);
                    return new ListAppendValue(first, second);
                }

                default:
                    throw Error($"Invalid function name; function: {function}");
            }
        }

        var operand = Operand();
        return operand is SizeOperand ? throw Error("The function is not allowed in an update expression; function: size") : new OperandValue(operand);
    }

    // ---- paths and tokens ----
    private string Path()
    {
        var token = Peek;
        string name = token.Kind switch
        {
            TokenKind.Name => token.Text,
            TokenKind.NamePlaceholder => _context.Name(token.Text),
            _ => throw Syntax(token),
        };
        _position++;
        if (Peek.Kind is TokenKind.Dot or TokenKind.LeftBracket)
        {
            throw Error($"Nested attribute paths ('{token.Text}{(Peek.Kind == TokenKind.Dot ? "." : "[")}…') are not supported by this engine; only top-level attributes can be read or written");
        }

        return name;
    }

    private Token Peek => _tokens[_position];

    private Token Next => _position + 1 < _tokens.Count ? _tokens[_position + 1] : _tokens[^1];

    private bool Accept(TokenKind kind)
    {
        if (Peek.Kind != kind)
        {
            return false;
        }

        _position++;
        return true;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (Peek.Kind != TokenKind.Name || !string.Equals(Peek.Text, keyword, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        _position++;
        return true;
    }

    private void Expect(TokenKind kind)
    {
        if (!Accept(kind))
        {
            throw Syntax(Peek);
        }
    }

    private void ExpectEnd()
    {
        if (Peek.Kind != TokenKind.End)
        {
            throw Syntax(Peek);
        }
    }

    private DynamoDbValidationException Syntax(Token token) => token.Kind == TokenKind.End
        ? Error("Syntax error; token: <EOF>, near: \"" + Near(_text.Length) + "\"")
        : Error($"Syntax error; token: \"{token.Text}\", near: \"{Near(token.Start)}\"");

    private DynamoDbValidationException Error(string message) => new($"Invalid {_field}: {message}");

    private string Near(int at)
    {
        int start = Math.Max(0, at - 10);
        int end = Math.Min(_text.Length, at + 10);
        return _text[start..end];
    }

    private static List<Token> Tokenize(string text, string field)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            int start = i;
            if (c is '#' or ':' || char.IsAsciiLetter(c) || c == '_')
            {
                i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                var kind = c switch { '#' => TokenKind.NamePlaceholder, ':' => TokenKind.ValuePlaceholder, _ => TokenKind.Name };
                if (kind != TokenKind.Name && i == start + 1)
                {
                    throw new DynamoDbValidationException($"Invalid {field}: Syntax error; token: \"{c}\", near: \"{text[start..Math.Min(text.Length, start + 10)]}\"");
                }

                tokens.Add(new Token(kind, text[start..i], start));
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
                continue;
            }

            (TokenKind kind2, int length) = c switch
            {
                '(' => (TokenKind.LeftParen, 1),
                ')' => (TokenKind.RightParen, 1),
                ',' => (TokenKind.Comma, 1),
                '=' => (TokenKind.Equal, 1),
                '+' => (TokenKind.Plus, 1),
                '-' => (TokenKind.Minus, 1),
                '.' => (TokenKind.Dot, 1),
                '[' => (TokenKind.LeftBracket, 1),
                ']' => (TokenKind.RightBracket, 1),
                '<' when i + 1 < text.Length && text[i + 1] == '>' => (TokenKind.NotEqual, 2),
                '<' when i + 1 < text.Length && text[i + 1] == '=' => (TokenKind.LessOrEqual, 2),
                '<' => (TokenKind.Less, 1),
                '>' when i + 1 < text.Length && text[i + 1] == '=' => (TokenKind.GreaterOrEqual, 2),
                '>' => (TokenKind.Greater, 1),
                _ => throw new DynamoDbValidationException($"Invalid {field}: Invalid character encountered; character: \"{c}\""),
            };
            tokens.Add(new Token(kind2, text.Substring(i, length), start));
            i += length;
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Start);
}

/// <summary>The tokens of DynamoDB expressions.</summary>
internal enum TokenKind
{
    Name,
    NamePlaceholder,
    ValuePlaceholder,
    Number,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Plus,
    Minus,
    End,
}
