using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>A call such as <c>States.Format('{}', $.x)</c>, possibly nested inside another call.</summary>
internal sealed class IntrinsicCall : IntrinsicExpression
{
    public IntrinsicCall(int position, string text, IntrinsicDefinition definition, IntrinsicExpression[] arguments)
        : base(position, text)
    {
        Definition = definition;
        Arguments = arguments;
    }

    /// <summary>Gets the function called.</summary>
    public IntrinsicDefinition Definition { get; }

    /// <summary>Gets the arguments in order.</summary>
    public IntrinsicExpression[] Arguments { get; }

    /// <inheritdoc />
    public override JsonKind? StaticKind => Definition.ReturnKind;

    /// <inheritdoc />
    public override string Description => "a call of " + Definition.Name;

    /// <inheritdoc />
    public override JNode Evaluate(in IntrinsicScope scope)
    {
        var values = Arguments.Length == 0 ? [] : new JNode[Arguments.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Arguments[i].Evaluate(scope);
        }

        return Definition.Invoke(new IntrinsicInvocation(this, values, scope));
    }
}
