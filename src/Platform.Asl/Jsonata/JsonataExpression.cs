using Platform.Asl.Json;

namespace Platform.Asl.Jsonata;

/// <summary>A compiled JSONata 2.0 expression; immutable, reusable and safe to evaluate from many threads at once.</summary>
public sealed class JsonataExpression
{
    private readonly Node _ast;

    // Common shapes ($states.input.a.b, $merge([$states.input, {'k': $states.result}])) evaluated straight on the bound
    // JSON, without the evaluator; null when the expression has another shape.
    private readonly JsonShortcut? _shortcut;

    private JsonataExpression(string text, Node ast)
    {
        Text = text;
        _ast = ast;
        _shortcut = JsonShortcut.For(ast);
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
        if (_shortcut is not null && bindings is not null && _shortcut.TryEvaluate(bindings, out var direct))
        {
            return direct;
        }

        return EvaluateWithEvaluator(input, bindings, options);
    }

    /// <summary>Tells whether the expression has a shape that <see cref="Evaluate"/> may answer without the evaluator.</summary>
    internal bool HasShortcut => _shortcut is not null;

    /// <summary>Evaluates with the evaluator even where a shortcut applies (tests compare the two).</summary>
    internal JNode? EvaluateWithEvaluator(JNode? input, IReadOnlyDictionary<string, JNode>? bindings = null, JsonataOptions? options = null)
    {
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
