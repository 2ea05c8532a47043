using System.Runtime.CompilerServices;

namespace Platform.Asl.Jsonata;

/// <summary>Static checks over a compiled expression's tree, for definition-time validation of JSONata states.</summary>
/// <remarks>
/// <para>A JSONata state evaluates its expressions with no input document, so the context item at the root of an
/// expression is undefined. A node is "at the top level" when JSONata evaluates it against that root context: the root
/// expression itself, operands of operators, function arguments (and the function expression), array and object
/// constructor members, the parts of a condition, the expressions of a block, the right-hand side of a binding, both
/// sides of <c>~&gt;</c>, and the first step of a path.</para>
/// <para>Everything evaluated against another context is not at the top level: path steps after the first, predicates
/// and filters (<c>[...]</c>), sort terms, group-by pairs, transform patterns, and lambda bodies (whose context is
/// whatever the caller passes, so they are never reported).</para>
/// <para>The analysis only reads the tree; it never changes what the evaluator does.</para>
/// </remarks>
internal static class JsonataAnalysis
{
    private const string StatesVariable = "states";

    /// <summary>Returns the references to the (undefined) root context: <c>$</c>, <c>$$</c>, or the first field name of a
    /// path such as <c>phone</c> in <c>phone.number</c>; distinct, in source order.</summary>
    public static IReadOnlyList<string> TopLevelContextReferences(JsonataExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var found = new SortedDictionary<(int Position, string Text), string>();
        try
        {
            CollectContextReferences(expression.Ast, root: true, found);
        }
        catch (InsufficientExecutionStackException)
        {
            // A tree this deep compiled only just; report what was found rather than fail the validation.
        }

        return found.Values.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Returns the members of <c>$states</c> read by name, e.g. <c>result</c> for <c>$states.result.total</c>;
    /// distinct, in source order.</summary>
    /// <remarks>Only paths whose first step is the variable <c>$states</c> and whose second step is a field name count;
    /// a lambda with a parameter named <c>$states</c> hides the outer one in its body.</remarks>
    public static IReadOnlyList<string> StatesMembers(JsonataExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var found = new SortedDictionary<(int Position, string Text), string>();
        try
        {
            CollectStatesMembers(expression.Ast, shadowed: false, found);
        }
        catch (InsufficientExecutionStackException)
        {
            // As above: keep what was found.
        }

        return found.Values.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void CollectContextReferences(Node node, bool root, SortedDictionary<(int, string), string> found)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (root)
        {
            switch (node.Type)
            {
                case "name" when node.Value is string name:
                    found.TryAdd((node.Position, name), name);
                    break;
                case "variable" when node.Value is "":
                    found.TryAdd((node.Position, "$"), "$");
                    break;
                case "variable" when node.Value is "$":
                    found.TryAdd((node.Position, "$$"), "$$");
                    break;
            }
        }

        foreach (var (child, sameContext) in Children(node))
        {
            CollectContextReferences(child, root && sameContext, found);
        }
    }

    /// <summary>Tells whether evaluating may read member <paramref name="member"/> of the variable
    /// <paramref name="variable"/>: it is read by name (<c>$v.member</c>), or the variable is used whole (<c>$v</c>,
    /// <c>$v.*</c>, <c>$lookup($v, …)</c>), which could reach any member.</summary>
    public static bool MayReadMember(JsonataExpression expression, string variable, string member)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            return MayRead(expression.Ast, variable, member);
        }
        catch (InsufficientExecutionStackException)
        {
            return true;
        }
    }

    private static bool MayRead(Node node, string variable, string member)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (node.Type == "variable" && node.Value as string == variable)
        {
            // Reached only when the variable is not the head of a path that names a member (handled below).
            return true;
        }

        if (node.Type == "path" && node.Steps is [{ Type: "variable" } head, { Type: "name", Value: string name } second, ..]
            && head.Value as string == variable && head.Predicate is null && head.Stages is null && head.Group is null
            && head.Focus is null && head.Index is null && !head.Tuple)
        {
            if (name == member)
            {
                return true;
            }

            foreach (var (child, _) in Children(node))
            {
                if (child != head && MayRead(child, variable, member))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var (child, _) in Children(node))
        {
            if (MayRead(child, variable, member))
            {
                return true;
            }
        }

        return false;
    }

    private static void CollectStatesMembers(Node node, bool shadowed, SortedDictionary<(int, string), string> found)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (node.Type == "lambda" && node.Arguments is { } parameters
            && parameters.Exists(p => p.Type == "variable" && p.Value is StatesVariable))
        {
            shadowed = true;
        }

        if (!shadowed && node.Type == "path" && node.Steps is [{ Type: "variable", Value: StatesVariable }, { Type: "name", Value: string member } second, ..])
        {
            found.TryAdd((second.Position, member), member);
        }

        foreach (var (child, _) in Children(node))
        {
            CollectStatesMembers(child, shadowed, found);
        }
    }

    /// <summary>Yields a node's sub-expressions, each with whether JSONata evaluates it against the node's own context.</summary>
    private static IEnumerable<(Node Child, bool SameContext)> Children(Node node)
    {
        switch (node.Type)
        {
            case "path":
                for (int i = 0; i < node.Steps!.Count; i++)
                {
                    yield return (node.Steps[i], i == 0);
                }

                break;
            case "binary":
            case "apply":
                yield return (node.Lhs!, true);
                yield return (node.Rhs!, true);
                break;
            case "bind":
                // The left side is the variable being bound, not a reference.
                yield return (node.Rhs!, true);
                break;
            case "unary":
            case "block":
                if (node.Expression is not null)
                {
                    yield return (node.Expression, true);
                }

                foreach (var e in node.Expressions ?? [])
                {
                    yield return (e, true);
                }

                foreach (var (key, value) in node.Pairs ?? [])
                {
                    yield return (key, true);
                    yield return (value, true);
                }

                break;
            case "function":
            case "partial":
                yield return (node.Procedure!, true);
                foreach (var argument in node.Arguments!)
                {
                    // A partial application's placeholders are "?" operator nodes.
                    if (argument.Type != "operator")
                    {
                        yield return (argument, true);
                    }
                }

                break;
            case "lambda":
                yield return (node.Body!, false);
                break;
            case "condition":
                yield return (node.Condition!, true);
                yield return (node.Then!, true);
                if (node.Else is not null)
                {
                    yield return (node.Else, true);
                }

                break;
            case "transform":
                yield return (node.Pattern!, false);
                yield return (node.Update!, false);
                if (node.Delete is not null)
                {
                    yield return (node.Delete, false);
                }

                break;
            case "sort":
                foreach (var (_, term) in node.Terms!)
                {
                    yield return (term, false);
                }

                break;
            case "filter":
                yield return (node.Expression!, false);
                break;
        }

        // Predicates, stages and grouping apply to the node's result, item by item.
        foreach (var filter in node.Predicate ?? [])
        {
            yield return (filter, false);
        }

        foreach (var stage in node.Stages ?? [])
        {
            yield return (stage, false);
        }

        foreach (var (key, value) in node.Group ?? [])
        {
            yield return (key, false);
            yield return (value, false);
        }
    }
}
