using Platform.Asl.Json;

namespace Platform.Asl.Paths.Filters;

/// <summary><c>!operand</c>.</summary>
internal sealed class NotExpression(FilterExpression operand) : FilterExpression
{
    /// <inheritdoc />
    public override bool Matches(JNode current, JNode root) => !operand.Matches(current, root);
}
