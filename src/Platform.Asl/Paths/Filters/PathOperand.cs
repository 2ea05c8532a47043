using Platform.Asl.Json;

namespace Platform.Asl.Paths.Filters;

/// <summary>A path in a filter, relative to the current item (<c>@</c>) or to the root (<c>$</c>).</summary>
internal sealed class PathOperand(bool fromRoot, PathSegment[] segments) : FilterOperand
{
    private readonly PathSegment[] _segments = segments;
    private readonly bool _isSimple = PathEvaluator.IsSimple(segments);

    /// <summary>Gets a value indicating whether the path starts at <c>$</c> rather than <c>@</c>.</summary>
    public bool FromRoot { get; } = fromRoot;

    /// <summary>Gets a value indicating whether the path yields one value rather than a list.</summary>
    public bool IsDefinite { get; } = PathEvaluator.IsDefinite(segments);

    /// <inheritdoc />
    public override JNode? Evaluate(JNode current, JNode root) =>
        PathEvaluator.TryEvaluate(_segments, IsDefinite, _isSimple, FromRoot ? root : current, root, out var result) ? result : null;
}
