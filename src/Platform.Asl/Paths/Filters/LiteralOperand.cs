using Platform.Asl.Json;

namespace Platform.Asl.Paths.Filters;

/// <summary>A literal in a filter: number, string, boolean, null, or a JSON array or object.</summary>
internal sealed class LiteralOperand(JNode value) : FilterOperand
{
    /// <summary>Gets the value.</summary>
    public JNode Value { get; } = value;

    /// <inheritdoc />
    public override JNode? Evaluate(JNode current, JNode root) => Value;
}
