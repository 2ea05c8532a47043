using Platform.Asl.Json;

namespace Platform.Asl.Paths.Filters;

/// <summary><c>left &amp;&amp; right</c>.</summary>
internal sealed class AndExpression(FilterExpression left, FilterExpression right) : FilterExpression
{
    /// <inheritdoc />
    public override bool Matches(JNode current, JNode root) => left.Matches(current, root) && right.Matches(current, root);
}
