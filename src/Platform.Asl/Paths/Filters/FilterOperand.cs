using Platform.Asl.Json;

namespace Platform.Asl.Paths.Filters;

/// <summary>One side of a comparison in a filter.</summary>
internal abstract class FilterOperand
{
    /// <summary>Evaluates the operand; <see langword="null"/> means "no value" (a path that found nothing).</summary>
    public abstract JNode? Evaluate(JNode current, JNode root);
}
