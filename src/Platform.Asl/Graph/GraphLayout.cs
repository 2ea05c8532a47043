namespace Platform.Asl.Graph;

/// <summary>The computed drawing of a state machine: every node, edge and cluster with absolute coordinates.</summary>
/// <remarks>Coordinates are in pixels with the origin at the top left and y growing downwards. The layout is a plain
/// value: the SVG writer draws it, and the console receives it as JSON (see <see cref="GraphJsonWriter"/>).</remarks>
/// <param name="Width">The width of the drawing, margins included.</param>
/// <param name="Height">The height of the drawing, margins included.</param>
/// <param name="Nodes">The nodes: each scope's nodes in definition order, outer scopes first.</param>
/// <param name="Edges">The edges, in the same scope order.</param>
/// <param name="Clusters">The clusters (Parallel branches and Map item processors), outer ones first.</param>
public sealed record GraphLayout(
    double Width,
    double Height,
    IReadOnlyList<LayoutNode> Nodes,
    IReadOnlyList<LayoutEdge> Edges,
    IReadOnlyList<LayoutCluster> Clusters);

/// <summary>A placed node: a box whose top-left corner is (<see cref="X"/>, <see cref="Y"/>).</summary>
/// <param name="Id">The node id (see <see cref="GraphNode.Id"/>).</param>
/// <param name="Label">The text shown.</param>
/// <param name="Kind">What the node stands for.</param>
/// <param name="StateName">The state name, or <see langword="null"/> for a marker.</param>
/// <param name="Cluster">The id of the cluster holding the node, or <see langword="null"/> at the top level.</param>
/// <param name="Layer">The layer (rank) of the node in its scope, 0 at the top.</param>
/// <param name="X">The left edge.</param>
/// <param name="Y">The top edge.</param>
/// <param name="Width">The width.</param>
/// <param name="Height">The height; a Parallel or Map node is tall enough to hold its clusters.</param>
public sealed record LayoutNode(
    string Id,
    string Label,
    GraphNodeKind Kind,
    string? StateName,
    string? Cluster,
    int Layer,
    double X,
    double Y,
    double Width,
    double Height)
{
    /// <summary>Gets the horizontal centre.</summary>
    public double CenterX => X + (Width / 2);

    /// <summary>Gets the vertical centre.</summary>
    public double CenterY => Y + (Height / 2);
}

/// <summary>A routed edge: a polyline from the source's boundary to the target's boundary.</summary>
/// <param name="Id">The edge id (see <see cref="GraphEdge.Id"/>).</param>
/// <param name="Source">The source node id.</param>
/// <param name="Target">The target node id.</param>
/// <param name="Kind">Why the edge exists; <see cref="GraphEdgeKind.Catch"/> edges are drawn dashed.</param>
/// <param name="Label">The caption, if any.</param>
/// <param name="Cluster">The id of the cluster the edge lies in, or <see langword="null"/> at the top level.</param>
/// <param name="IsBackEdge">Whether the edge goes back up (a loop): it leaves the top of its source and enters the bottom of its target.</param>
/// <param name="Points">The polyline, at least two points; the first lies on the source's boundary and the last on the target's.</param>
/// <param name="LabelPosition">The centre of the caption, when there is one.</param>
public sealed record LayoutEdge(
    string Id,
    string Source,
    string Target,
    GraphEdgeKind Kind,
    string? Label,
    string? Cluster,
    bool IsBackEdge,
    IReadOnlyList<LayoutPoint> Points,
    LayoutPoint? LabelPosition);

/// <summary>A box around a nested scope (a Parallel branch or a Map item processor), inside its owner node.</summary>
/// <param name="Id">The scope id (see <see cref="GraphScope.Id"/>).</param>
/// <param name="Label">The caption, e.g. "Branch 1".</param>
/// <param name="Owner">The id of the Parallel or Map node holding the cluster.</param>
/// <param name="Parent">The id of the cluster holding the owner, or <see langword="null"/> when the owner is at the top level.</param>
/// <param name="X">The left edge.</param>
/// <param name="Y">The top edge.</param>
/// <param name="Width">The width.</param>
/// <param name="Height">The height.</param>
public sealed record LayoutCluster(string Id, string Label, string Owner, string? Parent, double X, double Y, double Width, double Height);

/// <summary>A point of an edge's polyline.</summary>
/// <param name="X">The horizontal coordinate.</param>
/// <param name="Y">The vertical coordinate.</param>
public readonly record struct LayoutPoint(double X, double Y);
