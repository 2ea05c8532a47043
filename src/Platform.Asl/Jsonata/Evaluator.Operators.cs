namespace Platform.Asl.Jsonata;

/// <summary>Operators: arithmetic, comparison, boolean, string concatenation, range, inclusion, constructors.</summary>
internal sealed partial class Evaluator
{
    private object? EvaluateBinary(Node expr, object? input, Frame environment)
    {
        string op = (string)expr.Value!;
        var lhs = Evaluate(expr.Lhs!, input, environment);
        if (op is "and" or "or")
        {
            bool l = Values.Truthy(lhs);
            if (op == "and")
            {
                return l && Values.Truthy(Evaluate(expr.Rhs!, input, environment));
            }

            return l || Values.Truthy(Evaluate(expr.Rhs!, input, environment));
        }

        var rhs = Evaluate(expr.Rhs!, input, environment);
        try
        {
            return op switch
            {
                "+" or "-" or "*" or "/" or "%" => Arithmetic(lhs, rhs, op),
                "=" => lhs is not null && rhs is not null && Values.DeepEquals(lhs, rhs),
                "!=" => lhs is not null && rhs is not null && !Values.DeepEquals(lhs, rhs),
                "<" or "<=" or ">" or ">=" => Compare(lhs, rhs, op),
                "&" => (lhs is null ? string.Empty : Values.Stringify(lhs)) + (rhs is null ? string.Empty : Values.Stringify(rhs)),
                ".." => Range(lhs, rhs),
                "in" => Includes(lhs, rhs),
                _ => throw new JsonataException("S0204", "Unknown operator: " + op, expr.Position, op),
            };
        }
        catch (JsonataException e) when (Annotate(e, expr.Position, op))
        {
            throw;
        }
    }

    private static double? Arithmetic(object? lhs, object? rhs, string op)
    {
        if (lhs is not null and not double)
        {
            throw new JsonataException("T2001", $"The left side of the {op} operator must evaluate to a number", -1, op);
        }

        if (rhs is not null and not double)
        {
            throw new JsonataException("T2002", $"The right side of the {op} operator must evaluate to a number", -1, op);
        }

        if (lhs is null || rhs is null)
        {
            return null;
        }

        double l = (double)lhs;
        double r = (double)rhs;
        if (!double.IsFinite(l) || !double.IsFinite(r))
        {
            throw new JsonataException("D1001", "Number out of range", -1);
        }

        return op switch
        {
            "+" => l + r,
            "-" => l - r,
            "*" => l * r,
            "/" => l / r,
            _ => l % r,
        };
    }

    private static bool? Compare(object? lhs, object? rhs, string op)
    {
        bool lc = lhs is null or string or double;
        bool rc = rhs is null or string or double;
        if (!lc || !rc)
        {
            throw new JsonataException("T2010", $"The expressions either side of operator {op} must evaluate to numeric or string values", -1, op);
        }

        if (lhs is null || rhs is null)
        {
            return null;
        }

        if (lhs.GetType() != rhs.GetType())
        {
            throw new JsonataException("T2009", $"The values either side of operator {op} must be of the same data type", -1, op);
        }

        int c = lhs is double x ? x.CompareTo((double)rhs) : string.CompareOrdinal((string)lhs, (string)rhs);
        return op switch
        {
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        };
    }

    private JList? Range(object? lhs, object? rhs)
    {
        if (lhs is not null && (lhs is not double l0 || !double.IsInteger(l0)))
        {
            throw new JsonataException("T2003", "The left side of the range operator (..) must evaluate to an integer", -1, "..");
        }

        if (rhs is not null && (rhs is not double r0 || !double.IsInteger(r0)))
        {
            throw new JsonataException("T2004", "The right side of the range operator (..) must evaluate to an integer", -1, "..");
        }

        if (lhs is null || rhs is null)
        {
            return null;
        }

        double l = (double)lhs;
        double r = (double)rhs;
        if (l > r)
        {
            return null;
        }

        double size = r - l + 1;
        if (size > 1e7)
        {
            throw new JsonataException("D2014", "The size of the sequence allocated by the range operator (..) must not exceed 1e7", -1, "..");
        }

        CheckSize((int)size);
        var result = new JList((int)size);
        for (int i = 0; i < (int)size; i++)
        {
            result.Add(l + i);
        }

        return result;
    }

    private static bool Includes(object? lhs, object? rhs)
    {
        if (lhs is null || rhs is null)
        {
            return false;
        }

        var list = rhs as JList ?? [rhs];
        foreach (var item in list)
        {
            if (item is double d && lhs is double e ? d == e : item is string s && lhs is string t ? s == t : Equals(item, lhs) || ReferenceEquals(item, lhs))
            {
                return true;
            }
        }

        return false;
    }

    private object? EvaluateUnary(Node expr, object? input, Frame environment)
    {
        switch (expr.Value as string)
        {
            case "-":
                var value = Evaluate(expr.Expression!, input, environment);
                if (value is null)
                {
                    return null;
                }

                if (value is double d)
                {
                    return -d;
                }

                throw new JsonataException("D1002", "Cannot negate a non-numeric value", expr.Position, "-");
            case "[":
                var result = new JList();
                foreach (var item in expr.Expressions!)
                {
                    var v = Evaluate(item, input, environment);
                    if (v is null)
                    {
                        continue;
                    }

                    if (item.Value as string == "[" && item.Type == "unary")
                    {
                        result.Add(v);
                    }
                    else if (v is JList vl)
                    {
                        if (result.Count == 0 && expr.Expressions.Count == 1)
                        {
                            result.Capacity = vl.Count;
                        }

                        result.AddRange(vl);
                    }
                    else
                    {
                        result.Add(v);
                    }

                    CheckSize(result.Count);
                }

                if (expr.ConsArray)
                {
                    result.Cons = true;
                }

                return result;
            case "{":
                return input is not JList && expr.ConstantKeys is { } keys
                    ? ConstructObject(expr.Pairs!, keys, input, environment)
                    : EvaluateGroup(expr.Pairs!, expr.Position, input, environment);
            default:
                throw new JsonataException("S0204", "Unknown operator", expr.Position);
        }
    }
}
