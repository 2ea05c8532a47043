namespace Platform.Asl.Jsonata;

/// <summary>A top-down operator-precedence (Pratt) parser for JSONata, after the reference implementation.</summary>
internal sealed partial class Parser
{
    private static readonly HashSet<string> Infix = new(StringComparer.Ordinal)
    {
        ".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=", "&", "and", "or", "in", "~>", "(", "[", "^",
        "{", ":=", "@", "#", "?", "?:", "??",
    };

    private static readonly HashSet<string> Prefix = new(StringComparer.Ordinal)
    {
        "-", "*", "**", "%", "(", "[", "{", "|",
    };

    private readonly List<Node> _ancestry = [];
    private readonly string _source;
    private int _ancestorLabel;
    private readonly Lexer _lexer;
    private Node _node = new("(end)", null, 0);

    private Parser(string source)
    {
        _source = source;
        _lexer = new Lexer(source);
    }

    public static Node Parse(string source)
    {
        var parser = new Parser(source);
        parser.Advance(null, false);
        var expr = parser.Expression(0);
        if (parser._node.Id != "(end)")
        {
            throw new JsonataException("S0201", "Syntax error: " + parser._node.Text, parser._node.Position, parser._node.Text);
        }

        var result = parser.ProcessAst(expr);
        if (result.Type == "parent" || result.SeekingParent is not null)
        {
            throw new JsonataException("S0217", "The object representing the 'parent' cannot be derived from this expression", result.Position, result.Type);
        }

        return result;
    }

    private static int Lbp(Node node) => Infix.Contains(node.Id) ? Lexer.Operators[node.Id] : 0;

    private Node Advance(string? id, bool infix)
    {
        if (id is not null && _node.Id != id)
        {
            string code = _node.Id == "(end)" ? "S0203" : "S0202";
            string message = code == "S0203" ? $"Expected \"{id}\" before end of expression" : $"Expected \"{id}\", got \"{_node.Text}\"";
            throw new JsonataException(code, message, _node.Position, _node.Text);
        }

        var token = _lexer.Next(infix);
        if (token is null)
        {
            _node = new Node("(end)", "(end)", _source.Length) { Id = "(end)" };
            return _node;
        }

        string symbolId;
        switch (token.Type)
        {
            case "name":
            case "variable":
                symbolId = "(name)";
                break;
            case "operator":
                symbolId = (string)token.Value!;
                if (!Lexer.Operators.ContainsKey(symbolId) || symbolId is "!" or "~")
                {
                    throw new JsonataException("S0204", "Unknown operator: " + symbolId, token.Position, symbolId);
                }

                break;
            case "regex":
                symbolId = "(regex)";
                break;
            default:
                symbolId = "(literal)";
                break;
        }

        _node = new Node(token.Type, token.Value, token.Position) { Id = symbolId };
        return _node;
    }

    private Node Advance(string id) => Advance(id, false);

    private Node Expression(int rbp)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var t = _node;
        Advance(null, true);
        var left = Nud(t);
        while (rbp < Lbp(_node))
        {
            t = _node;
            Advance(null, false);
            left = Led(t, left);
        }

        return left;
    }

    private Node Nud(Node t)
    {
        switch (t.Id)
        {
            case "(name)":
            case "(literal)":
            case "(regex)":
                return t;
            case "and":
            case "or":
            case "in":
                t.Type = "name";
                return t;
            case "(end)":
                throw new JsonataException("S0207", "Unexpected end of expression", t.Position);
        }

        if (!Prefix.Contains(t.Id))
        {
            throw new JsonataException("S0211", $"The symbol {t.Text} cannot be used as a unary operator", t.Position, t.Text);
        }

        switch (t.Id)
        {
            case "-":
                t.Expression = Expression(70);
                t.Type = "unary";
                return t;
            case "*":
                t.Type = "wildcard";
                return t;
            case "**":
                t.Type = "descendant";
                return t;
            case "%":
                t.Type = "parent";
                return t;
            case "(":
                return BlockNud(t);
            case "[":
                return ArrayNud(t);
            case "{":
                return ObjectParser(t, null);
            default:
                return TransformNud(t);
        }
    }

    private Node BlockNud(Node t)
    {
        var expressions = new List<Node>();
        while (_node.Id != ")")
        {
            expressions.Add(Expression(0));
            if (_node.Id != ";")
            {
                break;
            }

            Advance(";");
        }

        Advance(")", true);
        t.Type = "block";
        t.Expressions = expressions;
        return t;
    }

    private Node ArrayNud(Node t)
    {
        var items = new List<Node>();
        if (_node.Id != "]")
        {
            while (true)
            {
                var item = Expression(0);
                if (_node.Id == "..")
                {
                    var range = new Node("binary", "..", _node.Position) { Id = "..", Lhs = item };
                    Advance("..");
                    range.Rhs = Expression(0);
                    item = range;
                }

                items.Add(item);
                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",");
            }
        }

        Advance("]", true);
        t.Expressions = items;
        t.Type = "unary";
        return t;
    }

    private Node TransformNud(Node t)
    {
        t.Type = "transform";
        t.Pattern = Expression(0);
        Advance("|");
        t.Update = Expression(0);
        if (_node.Id == ",")
        {
            Advance(",");
            t.Delete = Expression(0);
        }

        Advance("|");
        return t;
    }

    private Node ObjectParser(Node t, Node? left)
    {
        var pairs = new List<(Node, Node)>();
        if (_node.Id != "}")
        {
            while (true)
            {
                var n = Expression(0);
                Advance(":");
                var v = Expression(0);
                pairs.Add((n, v));
                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",");
            }
        }

        Advance("}", true);
        t.Pairs = pairs;
        if (left is null)
        {
            t.Type = "unary";
        }
        else
        {
            t.Lhs = left;
            t.Type = "binary";
        }

        return t;
    }
}
