using Platform.Asl.Json;

namespace Platform.Asl.Paths.Filters;

/// <summary><c>left || right</c>.</summary>
internal sealed class OrExpression(FilterExpression left, FilterExpression right) : FilterExpression
{
    /// <inheritdoc />
    public override bool Matches(JNode current, JNode root) => left.Matches(current, root) || right.Matches(current, root);
}
