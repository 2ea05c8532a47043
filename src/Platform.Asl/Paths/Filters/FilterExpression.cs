using Platform.Asl.Json;

namespace Platform.Asl.Paths.Filters;

/// <summary>A compiled filter expression, the part between <c>[?(</c> and <c>)]</c>.</summary>
internal abstract class FilterExpression
{
    /// <summary>Tests <paramref name="current"/> (<c>@</c>) against the filter; <paramref name="root"/> is what <c>$</c> means.</summary>
    public abstract bool Matches(JNode current, JNode root);
}
