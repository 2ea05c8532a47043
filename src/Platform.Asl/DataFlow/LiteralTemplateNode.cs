using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.DataFlow;

/// <summary>A part of a template without <c>.$</c> keys: its value is the node itself, shared, never copied.</summary>
internal sealed class LiteralTemplateNode : TemplateNode
{
    public LiteralTemplateNode(JNode value) => Value = value;

    /// <summary>Gets the literal value.</summary>
    public JNode Value { get; }

    /// <inheritdoc />
    public override JNode Evaluate(EvaluationContext context) => Value;
}
