using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.DataFlow;

/// <summary>One compiled node of a payload template.</summary>
internal abstract class TemplateNode
{
    /// <summary>Computes the node's value.</summary>
    public abstract JNode Evaluate(EvaluationContext context);
}
