namespace Platform.Asl.Jsonata;

/// <summary>Rewrites the raw parse tree into the evaluation tree (paths of steps, stages, tuple flags).</summary>
internal sealed partial class Parser
{
    private Node ProcessAst(Node expr)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Node result;
        switch (expr.Type)
        {
            case "binary":
                result = ProcessBinary(expr);
                break;
            case "unary":
                result = new Node("unary", expr.Value, expr.Position);
                if (expr.Id == "[")
                {
                    result.Expressions = expr.Expressions!.ConvertAll(ProcessAst);
                    result.Expressions.ForEach(e => PushAncestry(result, e));
                }
                else if (expr.Id == "{")
                {
                    result.Pairs = expr.Pairs!.ConvertAll(p => (ProcessAst(p.Key), ProcessAst(p.Value)));
                    result.Pairs.ForEach(p =>
                    {
                        PushAncestry(result, p.Key);
                        PushAncestry(result, p.Value);
                    });
                }
                else
                {
                    result.Expression = ProcessAst(expr.Expression!);
                    if (expr.Value as string == "-" && result.Expression.Type == "number")
                    {
                        result = result.Expression;
                        result.Value = -(double)result.Value!;
                    }
                    else
                    {
                        PushAncestry(result, result.Expression);
                    }
                }

                break;
            case "function":
            case "partial":
                result = new Node(expr.Type, expr.Value, expr.Position)
                {
                    Arguments = expr.Arguments!.ConvertAll(ProcessAst),
                    Procedure = ProcessAst(expr.Procedure!),
                };
                result.Arguments.ForEach(a => PushAncestry(result, a));
                break;
            case "lambda":
                result = new Node("lambda", expr.Value, expr.Position)
                {
                    Arguments = expr.Arguments,
                    Signature = expr.Signature,
                    Body = TailCallOptimize(ProcessAst(expr.Body!)),
                };
                break;
            case "condition":
                result = new Node("condition", expr.Value, expr.Position)
                {
                    Condition = ProcessAst(expr.Condition!),
                    Then = ProcessAst(expr.Then!),
                    Else = expr.Else is null ? null : ProcessAst(expr.Else),
                };
                PushAncestry(result, result.Condition);
                PushAncestry(result, result.Then);
                if (result.Else is not null)
                {
                    PushAncestry(result, result.Else);
                }

                break;
            case "transform":
                result = new Node("transform", expr.Value, expr.Position)
                {
                    Pattern = ProcessAst(expr.Pattern!),
                    Update = ProcessAst(expr.Update!),
                    Delete = expr.Delete is null ? null : ProcessAst(expr.Delete),
                };
                break;
            case "block":
                result = new Node("block", expr.Value, expr.Position) { Expressions = expr.Expressions!.ConvertAll(ProcessAst) };
                result.Expressions.ForEach(e => PushAncestry(result, e));
                if (result.Expressions.Exists(p => p.ConsArray || (p.Type == "path" && p.Steps![0].ConsArray)))
                {
                    result.ConsArray = true;
                }

                break;
            case "name":
                result = new Node("path", null, expr.Position) { Steps = [expr] };
                if (expr.KeepArray)
                {
                    result.KeepSingletonArray = true;
                }

                break;
            case "parent":
                result = new Node("parent", null, expr.Position)
                {
                    Slot = new AncestorSlot { Label = "!" + _ancestorLabel++, Level = 1, Index = _ancestry.Count },
                };
                _ancestry.Add(result);
                break;
            case "string":
            case "number":
            case "value":
            case "wildcard":
            case "descendant":
            case "variable":
            case "regex":
                result = expr;
                break;
            case "operator":
                if (expr.Id == "?")
                {
                    result = expr;
                    break;
                }

                throw new JsonataException("S0201", "Syntax error: " + expr.Text, expr.Position, expr.Text);
            default:
                string code = expr.Id == "(end)" ? "S0207" : "S0206";
                throw new JsonataException(code, "Unknown expression type: " + expr.Text, expr.Position, expr.Text);
        }

        if (expr.KeepArray)
        {
            result.KeepArray = true;
        }

        return result;
    }

    private Node ProcessBinary(Node expr)
    {
        Node result;
        Node step;
        switch (expr.Value as string)
        {
            case ".":
                var lstep = ProcessAst(expr.Lhs!);
                result = lstep.Type == "path" ? lstep : new Node("path", null, lstep.Position) { Steps = [lstep] };
                if (lstep.Type == "parent")
                {
                    result.SeekingParent = [lstep.Slot!];
                }

                var rest = ProcessAst(expr.Rhs!);
                if (rest.Type == "path")
                {
                    result.Steps!.AddRange(rest.Steps!);
                }
                else
                {
                    if (rest.Predicate is not null)
                    {
                        rest.Stages = rest.Predicate;
                        rest.Predicate = null;
                    }

                    result.Steps!.Add(rest);
                }

                foreach (var s in result.Steps!)
                {
                    if (s.Type is "number" or "value")
                    {
                        throw new JsonataException("S0213", $"The literal value {s.Text} cannot be used as a step within a path expression", s.Position, s.Text);
                    }

                    if (s.Type == "string")
                    {
                        s.Type = "name";
                    }
                }

                if (result.Steps.Exists(s => s.KeepArray))
                {
                    result.KeepSingletonArray = true;
                }

                var first = result.Steps[0];
                if (first.Type == "unary" && first.Value as string == "[")
                {
                    first.ConsArray = true;
                }

                var last = result.Steps[^1];
                if (last.Type == "unary" && last.Value as string == "[")
                {
                    last.ConsArray = true;
                }

                ResolveAncestry(result);
                return result;
            case "[":
                result = ProcessAst(expr.Lhs!);
                step = result;
                bool stages = false;
                if (result.Type == "path")
                {
                    step = result.Steps![^1];
                    stages = true;
                }

                if (step.Group is not null)
                {
                    throw new JsonataException("S0209", "A predicate cannot follow a grouping expression in a step", expr.Position);
                }

                var predicate = ProcessAst(expr.Rhs!);
                if (predicate.SeekingParent is not null)
                {
                    foreach (var slot in predicate.SeekingParent)
                    {
                        if (slot.Level == 1)
                        {
                            SeekParent(step, slot);
                        }
                        else
                        {
                            slot.Level--;
                        }
                    }

                    PushAncestry(step, predicate);
                }

                var filter = new Node("filter", null, expr.Position) { Expression = predicate };
                if (stages)
                {
                    (step.Stages ??= []).Add(filter);
                }
                else
                {
                    (step.Predicate ??= []).Add(filter);
                }

                return result;
            case "{":
                result = ProcessAst(expr.Lhs!);
                if (result.Group is not null)
                {
                    throw new JsonataException("S0210", "Each step can only have one grouping expression", expr.Position);
                }

                result.Group = expr.Pairs!.ConvertAll(p => (ProcessAst(p.Key), ProcessAst(p.Value)));
                result.GroupPosition = expr.Position;
                return result;
            case "^":
                result = ProcessAst(expr.Lhs!);
                if (result.Type != "path")
                {
                    result = new Node("path", null, result.Position) { Steps = [result] };
                }

                var sortStep = new Node("sort", null, expr.Position)
                {
                    Terms = expr.Terms!.ConvertAll(t => (t.Descending, ProcessAst(t.Expression))),
                };
                sortStep.Terms.ForEach(t => PushAncestry(sortStep, t.Expression));
                result.Steps!.Add(sortStep);
                ResolveAncestry(result);
                return result;
            case ":=":
                result = new Node("bind", expr.Value, expr.Position) { Lhs = ProcessAst(expr.Lhs!), Rhs = ProcessAst(expr.Rhs!) };
                PushAncestry(result, result.Rhs);
                return result;
            case "@":
                result = ProcessAst(expr.Lhs!);
                step = result;
                if (result.Type == "path")
                {
                    step = result.Steps![^1];
                }

                if (step.Stages is not null || step.Predicate is not null)
                {
                    throw new JsonataException("S0215", "A context variable binding must precede any predicates on a step", expr.Position);
                }

                if (step.Type == "sort")
                {
                    throw new JsonataException("S0216", "A context variable binding must precede the 'order-by' clause on a step", expr.Position);
                }

                if (expr.KeepArray)
                {
                    step.KeepArray = true;
                }

                step.Focus = (string)expr.Rhs!.Value!;
                step.Tuple = true;
                return result;
            case "#":
                result = ProcessAst(expr.Lhs!);
                step = result;
                if (result.Type == "path")
                {
                    step = result.Steps![^1];
                }
                else
                {
                    result = new Node("path", null, result.Position) { Steps = [result] };
                    if (step.Predicate is not null)
                    {
                        step.Stages = step.Predicate;
                        step.Predicate = null;
                    }
                }

                if (step.Stages is null)
                {
                    step.Index = (string)expr.Rhs!.Value!;
                }
                else
                {
                    step.Stages.Add(new Node("index", expr.Rhs!.Value, expr.Position));
                }

                step.Tuple = true;
                return result;
            case "~>":
                result = new Node("apply", expr.Value, expr.Position) { Lhs = ProcessAst(expr.Lhs!), Rhs = ProcessAst(expr.Rhs!) };
                result.KeepArray = result.Lhs.KeepArray || result.Rhs.KeepArray;
                return result;
            default:
                result = new Node("binary", expr.Value, expr.Position) { Lhs = ProcessAst(expr.Lhs!), Rhs = ProcessAst(expr.Rhs!) };
                PushAncestry(result, result.Lhs);
                PushAncestry(result, result.Rhs);
                return result;
        }
    }

    private static void PushAncestry(Node result, Node value)
    {
        if (value.SeekingParent is null && value.Type != "parent")
        {
            return;
        }

        var slots = value.SeekingParent ?? [];
        if (value.Type == "parent")
        {
            slots.Add(value.Slot!);
        }

        if (result.SeekingParent is null)
        {
            result.SeekingParent = slots;
        }
        else
        {
            result.SeekingParent.AddRange(slots);
        }
    }

    private AncestorSlot SeekParent(Node node, AncestorSlot slot)
    {
        switch (node.Type)
        {
            case "name":
            case "wildcard":
                slot.Level--;
                if (slot.Level == 0)
                {
                    if (node.Ancestor is not null)
                    {
                        _ancestry[slot.Index].Slot!.Label = node.Ancestor.Label;
                    }

                    node.Ancestor = slot;
                    node.Tuple = true;
                }

                break;
            case "parent":
                slot.Level++;
                break;
            case "block":
                if (node.Expressions!.Count > 0)
                {
                    node.Tuple = true;
                    slot = SeekParent(node.Expressions[^1], slot);
                }

                break;
            case "path":
                node.Tuple = true;
                int index = node.Steps!.Count - 1;
                slot = SeekParent(node.Steps[index--], slot);
                while (slot.Level > 0 && index >= 0)
                {
                    slot = SeekParent(node.Steps[index--], slot);
                }

                break;
            default:
                throw new JsonataException("S0217", "The object representing the 'parent' cannot be derived from this expression", node.Position, node.Type);
        }

        return slot;
    }

    private void ResolveAncestry(Node path)
    {
        var steps = path.Steps!;
        var laststep = steps[^1];
        var slots = laststep.SeekingParent ?? [];
        if (laststep.Type == "parent")
        {
            slots.Add(laststep.Slot!);
        }

        foreach (var s in slots.ToList())
        {
            var slot = s;
            int index = steps.Count - 2;
            while (slot.Level > 0)
            {
                if (index < 0)
                {
                    (path.SeekingParent ??= []).Add(slot);
                    break;
                }

                var step = steps[index--];
                while (index >= 0 && step.Focus is not null && steps[index].Focus is not null)
                {
                    step = steps[index--];
                }

                slot = SeekParent(step, slot);
            }
        }
    }

    private static Node TailCallOptimize(Node expr)
    {
        if (expr.Type == "function" && expr.Predicate is null)
        {
            return new Node("lambda", null, expr.Position) { Thunk = true, Arguments = [], Body = expr };
        }

        if (expr.Type == "condition")
        {
            expr.Then = TailCallOptimize(expr.Then!);
            if (expr.Else is not null)
            {
                expr.Else = TailCallOptimize(expr.Else);
            }
        }
        else if (expr.Type == "block" && expr.Expressions!.Count > 0)
        {
            expr.Expressions[^1] = TailCallOptimize(expr.Expressions[^1]);
        }

        return expr;
    }
}
