using System.Text;

namespace Platform.Asl.Graph;

/// <summary>Writes a <see cref="StateGraph"/> as a Mermaid <c>flowchart TD</c>.</summary>
/// <remarks>Node ids are the graph's safe ids; every label is quoted, with the characters Mermaid would read as syntax
/// written as its <c>#code;</c> entities. Parallel and Map states are subgraphs holding one subgraph per branch or
/// processor. Shapes by type: Choice a rhombus, Task rounded, Wait a parallelogram, Succeed a stadium, Fail a hexagon,
/// markers circles (the end marker a double circle).</remarks>
public static class MermaidWriter
{
    private const string Indent = "    ";

    /// <summary>Writes the flowchart.</summary>
    public static string Write(StateGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var text = new StringBuilder();
        text.Append("flowchart TD\n");
        WriteNodes(text, graph.Root, 1);
        foreach (var edge in graph.AllEdges)
        {
            string arrow = edge.Kind == GraphEdgeKind.Catch ? "-.->" : "-->";
            text.Append(Indent).Append(edge.Source).Append(' ').Append(arrow);
            if (edge.Label is not null)
            {
                text.Append("|\"").Append(Escape(edge.Label)).Append("\"|");
            }

            text.Append(' ').Append(edge.Target).Append('\n');
        }

        var byKind = graph.AllNodes.Where(n => n.Scopes.Count == 0).GroupBy(n => n.Kind).OrderBy(g => g.Key);
        foreach (var group in byKind)
        {
            string name = GraphStyle.Name(group.Key) + "State"; // "end" alone is a Mermaid keyword
            string color = group.Key is GraphNodeKind.Start or GraphNodeKind.End ? "#ffffff" : GraphStyle.TextColor;
            text.Append(Indent).Append("classDef ").Append(name).Append(" fill:").Append(GraphStyle.Fill(group.Key))
                .Append(",stroke:").Append(GraphStyle.Stroke(group.Key)).Append(",color:").Append(color).Append('\n');
            text.Append(Indent).Append("class ").AppendJoin(',', group.Select(n => n.Id)).Append(' ').Append(name).Append('\n');
        }

        foreach (var node in graph.AllNodes.Where(n => n.Scopes.Count > 0))
        {
            text.Append(Indent).Append("style ").Append(node.Id).Append(" fill:").Append(GraphStyle.Fill(node.Kind))
                .Append(",stroke:").Append(GraphStyle.Stroke(node.Kind)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Escapes a label for a quoted Mermaid string: quotes, <c>#</c>, angle brackets, ampersands, backticks and pipes become entities.</summary>
    public static string Escape(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var text = new StringBuilder(label.Length);
        foreach (char c in GraphStyle.OneLine(label))
        {
            switch (c)
            {
                case '"': text.Append("#quot;"); break;
                case '#': text.Append("#35;"); break;
                case '<': text.Append("#lt;"); break;
                case '>': text.Append("#gt;"); break;
                case '&': text.Append("#amp;"); break;
                case '`': text.Append("#96;"); break;
                case '|': text.Append("#124;"); break;
                default: text.Append(c); break;
            }
        }

        return text.ToString();
    }

    private static void WriteNodes(StringBuilder text, GraphScope scope, int depth)
    {
        string indent = string.Concat(Enumerable.Repeat(Indent, depth));
        foreach (var node in scope.Nodes)
        {
            if (node.Scopes.Count == 0)
            {
                var (open, close) = Shape(node.Kind);
                text.Append(indent).Append(node.Id).Append(open).Append('"').Append(Escape(node.Label)).Append('"').Append(close).Append('\n');
                continue;
            }

            text.Append(indent).Append("subgraph ").Append(node.Id).Append("[\"").Append(Escape($"{node.Label} ({node.Kind})")).Append("\"]\n");
            text.Append(indent).Append(Indent).Append("direction TB\n");
            foreach (var nested in node.Scopes)
            {
                text.Append(indent).Append(Indent).Append("subgraph ").Append(nested.Id).Append("[\"").Append(Escape(nested.Label)).Append("\"]\n");
                text.Append(indent).Append(Indent).Append(Indent).Append("direction TB\n");
                WriteNodes(text, nested, depth + 2);
                text.Append(indent).Append(Indent).Append("end\n");
            }

            text.Append(indent).Append("end\n");
        }
    }

    private static (string Open, string Close) Shape(GraphNodeKind kind) => kind switch
    {
        GraphNodeKind.Start => ("((", "))"),
        GraphNodeKind.End => ("(((", ")))"),
        GraphNodeKind.Choice => ("{", "}"),
        GraphNodeKind.Task => ("(", ")"),
        GraphNodeKind.Wait => ("[/", "/]"),
        GraphNodeKind.Succeed => ("([", "])"),
        GraphNodeKind.Fail => ("{{", "}}"),
        _ => ("[", "]"),
    };
}
