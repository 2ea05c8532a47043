namespace Platform.Asl.Graph;

/// <summary>The colours shared by the Mermaid, DOT and SVG writers, so every format looks alike.</summary>
public static class GraphStyle
{
    /// <summary>The colour of edges and markers.</summary>
    public const string EdgeColor = "#4b5563";

    /// <summary>The colour of secondary text (state types, captions).</summary>
    public const string MutedTextColor = "#6b7280";

    /// <summary>The colour of primary text.</summary>
    public const string TextColor = "#111827";

    /// <summary>The fill of a cluster.</summary>
    public const string ClusterFill = "#ffffff";

    /// <summary>The stroke of a cluster.</summary>
    public const string ClusterStroke = "#9ca3af";

    /// <summary>Gets the fill colour of a node kind.</summary>
    public static string Fill(GraphNodeKind kind) => kind switch
    {
        GraphNodeKind.Start or GraphNodeKind.End => "#374151",
        GraphNodeKind.Task => "#dbeafe",
        GraphNodeKind.Choice => "#fef3c7",
        GraphNodeKind.Wait => "#ede9fe",
        GraphNodeKind.Succeed => "#dcfce7",
        GraphNodeKind.Fail => "#fee2e2",
        GraphNodeKind.Parallel => "#ecfeff",
        GraphNodeKind.Map => "#f0fdfa",
        _ => "#f3f4f6",
    };

    /// <summary>Gets the stroke colour of a node kind.</summary>
    public static string Stroke(GraphNodeKind kind) => kind switch
    {
        GraphNodeKind.Start or GraphNodeKind.End => "#374151",
        GraphNodeKind.Task => "#2563eb",
        GraphNodeKind.Choice => "#d97706",
        GraphNodeKind.Wait => "#7c3aed",
        GraphNodeKind.Succeed => "#16a34a",
        GraphNodeKind.Fail => "#dc2626",
        GraphNodeKind.Parallel => "#0891b2",
        GraphNodeKind.Map => "#0d9488",
        _ => "#6b7280",
    };

    /// <summary>Gets the lower-case name of a node kind, as used in JSON, CSS classes and Mermaid class names.</summary>
    public static string Name(GraphNodeKind kind) => kind switch
    {
        GraphNodeKind.Start => "start",
        GraphNodeKind.End => "end",
        GraphNodeKind.Pass => "pass",
        GraphNodeKind.Task => "task",
        GraphNodeKind.Choice => "choice",
        GraphNodeKind.Wait => "wait",
        GraphNodeKind.Succeed => "succeed",
        GraphNodeKind.Fail => "fail",
        GraphNodeKind.Parallel => "parallel",
        GraphNodeKind.Map => "map",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown node kind"),
    };

    /// <summary>Gets the lower-case name of an edge kind, as used in JSON and CSS classes.</summary>
    public static string Name(GraphEdgeKind kind) => kind switch
    {
        GraphEdgeKind.Start => "start",
        GraphEdgeKind.Next => "next",
        GraphEdgeKind.Choice => "choice",
        GraphEdgeKind.Default => "default",
        GraphEdgeKind.Catch => "catch",
        GraphEdgeKind.End => "end",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown edge kind"),
    };

    /// <summary>Replaces control characters (line breaks included) by spaces, for one-line labels.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}
