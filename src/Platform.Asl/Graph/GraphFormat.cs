namespace Platform.Asl.Graph;

/// <summary>The output formats of a state machine graph.</summary>
public enum GraphFormat
{
    /// <summary>A Mermaid flowchart.</summary>
    Mermaid,
    /// <summary>A Graphviz DOT digraph.</summary>
    Dot,
    /// <summary>An SVG drawing of the computed layout.</summary>
    Svg,
    /// <summary>The computed layout as JSON (what the console draws).</summary>
    Json,
}
