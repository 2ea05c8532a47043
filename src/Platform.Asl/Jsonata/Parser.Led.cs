namespace Platform.Asl.Jsonata;

/// <summary>The infix (left denotation) half of the parser.</summary>
internal sealed partial class Parser
{
    private Node Led(Node t, Node left)
    {
        if (!Infix.Contains(t.Id))
        {
            throw new JsonataException("S0201", "Syntax error: " + t.Text, t.Position, t.Text);
        }

        switch (t.Id)
        {
            case "(":
                return CallLed(t, left);
            case "[":
                return PredicateLed(t, left);
            case "^":
                return SortLed(t, left);
            case "{":
                return ObjectParser(t, left);
            case ":=":
                if (left.Type != "variable")
                {
                    throw new JsonataException("S0212", "The left side of := must be a variable name (start with $)", left.Position, left.Text);
                }

                t.Lhs = left;
                t.Rhs = Expression(Lexer.Operators[":="] - 1);
                t.Type = "binary";
                return t;
            case "@":
            case "#":
                t.Lhs = left;
                t.Rhs = Expression(Lexer.Operators[t.Id]);
                if (t.Rhs.Type != "variable")
                {
                    throw new JsonataException("S0214", $"The right side of {t.Id} must be a variable name (start with $)", t.Rhs.Position, t.Id);
                }

                t.Type = "binary";
                return t;
            case "?":
                t.Type = "condition";
                t.Condition = left;
                t.Then = Expression(0);
                if (_node.Id == ":")
                {
                    Advance(":");
                    t.Else = Expression(0);
                }

                return t;
            case "?:":
                t.Type = "condition";
                t.Condition = left;
                t.Then = left;
                t.Else = Expression(0);
                return t;
            case "??":
                t.Type = "condition";
                t.Condition = new Node("function", "(", t.Position)
                {
                    Procedure = new Node("variable", "exists", t.Position),
                    Arguments = [left],
                };
                t.Then = left;
                t.Else = Expression(0);
                return t;
            default:
                t.Lhs = left;
                t.Rhs = Expression(Lexer.Operators[t.Id]);
                t.Type = "binary";
                return t;
        }
    }

    private Node CallLed(Node t, Node left)
    {
        t.Procedure = left;
        t.Type = "function";
        t.Arguments = [];
        if (_node.Id != ")")
        {
            while (true)
            {
                if (_node.Type == "operator" && _node.Id == "?")
                {
                    t.Type = "partial";
                    t.Arguments.Add(_node);
                    Advance("?");
                }
                else
                {
                    t.Arguments.Add(Expression(0));
                }

                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",");
            }
        }

        Advance(")", true);
        if (left.Type == "name" && left.Value is "function" or "\u03BB")
        {
            for (int i = 0; i < t.Arguments.Count; i++)
            {
                var arg = t.Arguments[i];
                if (arg.Type != "variable")
                {
                    throw new JsonataException("S0208", $"Parameter {i + 1} of function definition must be a variable name (start with $)", arg.Position, arg.Text);
                }
            }

            t.Type = "lambda";
            if (_node.Id == "<")
            {
                int sigPos = _node.Position;
                int depth = 1;
                var sig = new System.Text.StringBuilder("<");
                while (depth > 0 && _node.Id != "{" && _node.Id != "(end)")
                {
                    var tok = Advance(null, false);
                    if (tok.Id == ">")
                    {
                        depth--;
                    }
                    else if (tok.Id == "<")
                    {
                        depth++;
                    }

                    sig.Append(tok.Text);
                }

                Advance(">");
                try
                {
                    t.Signature = Signature.Parse(sig.ToString());
                }
                catch (JsonataException e)
                {
                    throw new JsonataException(e.Code, e.Description, sigPos + Math.Max(0, e.Position), e.Token);
                }
            }

            Advance("{");
            t.Body = Expression(0);
            Advance("}");
        }

        return t;
    }

    private Node PredicateLed(Node t, Node left)
    {
        if (_node.Id == "]")
        {
            var step = left;
            while (step.Type == "binary" && step.Id == "[")
            {
                step = step.Lhs!;
            }

            step.KeepArray = true;
            Advance("]");
            return left;
        }

        t.Lhs = left;
        t.Rhs = Expression(Lexer.Operators["]"]);
        t.Type = "binary";
        Advance("]", true);
        return t;
    }

    private Node SortLed(Node t, Node left)
    {
        Advance("(");
        var terms = new List<(bool, Node)>();
        while (true)
        {
            bool descending = false;
            if (_node.Id == "<")
            {
                Advance("<");
            }
            else if (_node.Id == ">")
            {
                descending = true;
                Advance(">");
            }

            terms.Add((descending, Expression(0)));
            if (_node.Id != ",")
            {
                break;
            }

            Advance(",");
        }

        Advance(")");
        t.Lhs = left;
        t.Terms = terms;
        t.Type = "binary";
        return t;
    }
}
