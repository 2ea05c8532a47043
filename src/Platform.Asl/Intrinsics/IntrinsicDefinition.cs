using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>One intrinsic function: its name, arity, argument and result kinds, and implementation.</summary>
internal sealed class IntrinsicDefinition
{
    private readonly JsonKind?[] _parameterKinds;
    private readonly Func<IntrinsicInvocation, JNode> _invoke;
    private readonly Func<IntrinsicCall, IntrinsicProblem?>? _validate;

    /// <param name="name">The full name, e.g. <c>States.Format</c>.</param>
    /// <param name="minArguments">The fewest arguments accepted.</param>
    /// <param name="maxArguments">The most arguments accepted (<see cref="int.MaxValue"/> for variadic functions).</param>
    /// <param name="parameterKinds">The kind each argument must have (<see langword="null"/>: any); the last one repeats.</param>
    /// <param name="returnKind">The kind of the result when it is always the same.</param>
    /// <param name="invoke">The implementation.</param>
    /// <param name="validate">Extra definition-time checks on literal arguments.</param>
    public IntrinsicDefinition(
        string name,
        int minArguments,
        int maxArguments,
        JsonKind?[] parameterKinds,
        JsonKind? returnKind,
        Func<IntrinsicInvocation, JNode> invoke,
        Func<IntrinsicCall, IntrinsicProblem?>? validate = null)
    {
        Name = name;
        MinArguments = minArguments;
        MaxArguments = maxArguments;
        _parameterKinds = parameterKinds;
        ReturnKind = returnKind;
        _invoke = invoke;
        _validate = validate;
    }

    /// <summary>Gets the full name.</summary>
    public string Name { get; }

    /// <summary>Gets the fewest arguments accepted.</summary>
    public int MinArguments { get; }

    /// <summary>Gets the most arguments accepted.</summary>
    public int MaxArguments { get; }

    /// <summary>Gets the kind of the result when it is always the same.</summary>
    public JsonKind? ReturnKind { get; }

    /// <summary>Returns the kind argument <paramref name="index"/> must have, or <see langword="null"/> for any.</summary>
    public JsonKind? ParameterKind(int index) =>
        _parameterKinds.Length == 0 ? null : _parameterKinds[Math.Min(index, _parameterKinds.Length - 1)];

    /// <summary>Describes the accepted argument count, e.g. <c>exactly 2 arguments</c>.</summary>
    public string Arity => MinArguments == MaxArguments
        ? $"exactly {Plural(MinArguments)}"
        : MaxArguments == int.MaxValue
            ? $"at least {Plural(MinArguments)}"
            : $"{MinArguments} to {MaxArguments} arguments";

    /// <summary>Runs the function-specific definition-time checks.</summary>
    public IntrinsicProblem? Validate(IntrinsicCall call) => _validate?.Invoke(call);

    /// <summary>Runs the function.</summary>
    public JNode Invoke(in IntrinsicInvocation invocation) => _invoke(invocation);

    private static string Plural(int n) => n == 1 ? "1 argument" : $"{n} arguments";
}
