using Platform.Asl.Intrinsics;
using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.DataFlow;

/// <summary>A <c>"key.$": "States.…(…)"</c> binding: the result of an intrinsic call.</summary>
internal sealed class IntrinsicTemplateNode : TemplateNode
{
    private readonly string _field;
    private readonly IntrinsicFunction _function;

    /// <param name="field">The key as written, with its <c>.$</c>, for error messages.</param>
    /// <param name="function">The compiled call.</param>
    public IntrinsicTemplateNode(string field, IntrinsicFunction function)
    {
        _field = field;
        _function = function;
    }

    /// <inheritdoc />
    public override JNode Evaluate(EvaluationContext context) => _function.Evaluate(context, _field);
}
