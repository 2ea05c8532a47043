using Platform.Asl.Json;

namespace Platform.Asl.Jsonata;

/// <summary>A compiled JSONata 2.0 expression; immutable, reusable and safe to evaluate from many threads at once.</summary>
public sealed class JsonataExpression
{
    private readonly Node _ast;

    // A variable, or a variable followed by plain field names ($states.input.customer.name): read straight from the bound
    // JSON while it meets only objects, without the evaluator. Null when the expression has another shape.
    private readonly string? _variable;
    private readonly string[]? _fields;

    private JsonataExpression(string text, Node ast)
    {
        Text = text;
        _ast = ast;
        (_variable, _fields) = DirectRead(ast);
    }

    /// <summary>Gets the expression's source text.</summary>
    public string Text { get; }

    /// <summary>Gets the parsed tree, for static analysis (see <see cref="JsonataAnalysis"/>); never mutate it.</summary>
    internal Node Ast => _ast;

    /// <summary>Tells whether evaluating may read member <paramref name="member"/> of the variable <c>$</c><paramref name="variable"/>
    /// (for example <c>context</c> of <c>$states</c>), so a caller can leave out a member that is costly to build.</summary>
    /// <remarks>Conservative: true when the member is named anywhere in the text, or the variable is used whole.</remarks>
    public bool MayReadMember(string variable, string member)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(member);
        return Text.Contains(member, StringComparison.Ordinal) || JsonataAnalysis.MayReadMember(this, variable, member);
    }

    /// <summary>Parses an expression.</summary>
    /// <exception cref="JsonataException">A syntax error, with JSONata's code (S0xxx) and position.</exception>
    public static JsonataExpression Compile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return new JsonataExpression(text, Parser.Parse(text));
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JsonataException("U1001", "Stack overflow error: the expression nests too deeply", -1);
        }
    }

    /// <summary>Evaluates the expression against <paramref name="input"/> (null = undefined); returns null for an undefined result.</summary>
    /// <exception cref="JsonataException">A type or evaluation error, a limit exceeded (U1001), or a function as the result (T1009).</exception>
    public JNode? Evaluate(JNode? input, IReadOnlyDictionary<string, JNode>? bindings = null, JsonataOptions? options = null)
    {
        if (_variable is not null && bindings is not null && TryReadDirectly(bindings, out var direct))
        {
            return direct;
        }

        try
        {
            return EvaluateCore(input, bindings, options ?? JsonataOptions.Default);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JsonataException("U1001", "Stack overflow error: the expression or its data nests too deeply", -1);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new JsonataException("U1001", "Expression evaluation timeout: a regular expression took too long", -1);
        }
    }

    private static (string? Variable, string[]? Fields) DirectRead(Node ast)
    {
        if (ast.Kind == NodeKind.Variable && ast.Value is string name && IsBindingName(name)
            && ast.Predicate is null && ast.Stages is null && ast.Group is null && !ast.KeepArray && !ast.Tuple && ast.Focus is null && ast.Index is null)
        {
            return (name, []);
        }

        if (ast.SimplePath && ast.Predicate is null && ast.Steps![0] is { Kind: NodeKind.Variable, Value: string first } && IsBindingName(first))
        {
            return (first, ast.Steps.Skip(1).Select(step => (string)step.Value!).ToArray());
        }

        return (null, null);
    }

    // "" is the context item ($) and "$" the root ($$): neither comes from the bindings.
    private static bool IsBindingName(string name) => name.Length > 0 && name != "$";

    /// <summary>Reads a bound variable's fields through JSON objects. Gives up (false) where JSONata's own rules take over:
    /// an unbound name (it may be a built-in function) or an array before the last field (paths map over arrays).</summary>
    private bool TryReadDirectly(IReadOnlyDictionary<string, JNode> bindings, out JNode? result)
    {
        result = null;
        JNode? node;
        int start = 0;
        if (_fields!.Length > 0 && bindings is IJsonataMemberBindings members && members.TryGetMember(_variable!, _fields[0], out node))
        {
            if (node is null)
            {
                return true;
            }

            start = 1;
        }
        else if (!bindings.TryGetValue(_variable!, out node))
        {
            return false;
        }

        for (int i = start; i < _fields.Length; i++)
        {
            string field = _fields[i];
            if (node is JObject obj)
            {
                if (!obj.TryGetValue(field, out node!))
                {
                    return true;
                }
            }
            else if (node is JArray)
            {
                return false;
            }
            else
            {
                return true;
            }
        }

        result = node;
        return true;
    }

    private JNode? EvaluateCore(JNode? input, IReadOnlyDictionary<string, JNode>? bindings, JsonataOptions options)
    {
        var evaluator = new Evaluator(options, bindings as IJsonataEnvironment);
        var frame = Builtins.CreateRootFrame(bindings);
        object? root = Values.FromJson(input);
        if (root is not null)
        {
            frame.Bind("$", root);
        }
        if (root is JList list)
        {
            root = new JList { list }.AsSequence();
            ((JList)root).OuterWrapper = true;
        }

        var result = evaluator.Evaluate(_ast, root, frame);
        if (result is JFunction)
        {
            throw new JsonataException("T1009", "The expression evaluated to a function, which has no JSON value", -1);
        }

        return Values.ToSharedJson(result);
    }
}
