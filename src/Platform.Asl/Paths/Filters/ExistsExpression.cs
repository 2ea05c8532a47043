using Platform.Asl.Json;

namespace Platform.Asl.Paths.Filters;

/// <summary>An existence test such as <c>@.isbn</c>: true when a definite path finds a value (JSON null counts) or an indefinite one finds any.</summary>
internal sealed class ExistsExpression(PathOperand path) : FilterExpression
{
    /// <inheritdoc />
    public override bool Matches(JNode current, JNode root)
    {
        var value = path.Evaluate(current, root);
        return value is not null && (path.IsDefinite || value is not JArray { Count: 0 });
    }
}
