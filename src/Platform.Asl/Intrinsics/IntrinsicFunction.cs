using System.Diagnostics.CodeAnalysis;
using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.Intrinsics;

/// <summary>A compiled intrinsic function call such as <c>States.Format('{}', $.x)</c>, nested calls included.</summary>
/// <remarks>Parse once (definition time: syntax, names, argument counts, literal argument kinds); evaluate many times.</remarks>
public sealed class IntrinsicFunction
{
    private readonly IntrinsicCall _call;

    private IntrinsicFunction(string text, IntrinsicCall call)
    {
        Text = text;
        _call = call;
    }

    /// <summary>The deepest nesting of calls accepted (the outermost call is level 1).</summary>
    public const int MaxNestingDepth = IntrinsicParser.MaxDepth;

    /// <summary>Gets the expression as written.</summary>
    public string Text { get; }

    /// <summary>Gets the name of the outermost function, e.g. <c>States.Format</c>.</summary>
    public string Name => _call.Definition.Name;

    /// <summary>Gets the names of all intrinsic functions.</summary>
    public static IEnumerable<string> FunctionNames => IntrinsicCatalog.Names;

    /// <summary>Tells whether a <c>.$</c> value is meant as an intrinsic call rather than a path (it does not start with <c>$</c>).</summary>
    public static bool IsIntrinsicSyntax(string text) => text.Length > 0 && text[0] != '$';

    /// <summary>Parses an intrinsic call, checking names, argument counts and literal argument types.</summary>
    /// <exception cref="IntrinsicSyntaxException">The text is not a valid call.</exception>
    public static IntrinsicFunction Parse(string text) => new(text, IntrinsicParser.Parse(text));

    /// <summary>Parses an intrinsic call, returning the error instead of throwing.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IntrinsicFunction? function, [NotNullWhen(false)] out string? error)
    {
        try
        {
            function = Parse(text);
            error = null;
            return true;
        }
        catch (IntrinsicSyntaxException ex)
        {
            function = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Evaluates the call.</summary>
    /// <exception cref="Errors.StatesException"><c>States.IntrinsicFailure</c> or <c>States.Runtime</c> with AWS's cause.</exception>
    public JNode Evaluate(EvaluationContext context) => Evaluate(context, null);

    /// <summary>Evaluates the call for <paramref name="field"/> (e.g. <c>value.$</c>), which messages about missing paths name.</summary>
    /// <exception cref="Errors.StatesException"><c>States.IntrinsicFailure</c> for bad arguments; <c>States.Runtime</c> when a path finds nothing.</exception>
    public JNode Evaluate(EvaluationContext context, string? field)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _call.Evaluate(new IntrinsicScope(context, field));
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
