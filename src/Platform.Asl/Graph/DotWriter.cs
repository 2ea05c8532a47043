using System.Text;

namespace Platform.Asl.Graph;

/// <summary>Writes a <see cref="StateGraph"/> as a Graphviz DOT digraph.</summary>
/// <remarks>Node ids are the graph's safe ids and every label is a quoted, escaped string. A Parallel or Map state is a
/// cluster holding one cluster per branch or processor; edges to and from it attach to its first nested start or end
/// marker and are clipped at the cluster (<c>compound=true</c>, <c>lhead</c>, <c>ltail</c>).</remarks>
public static class DotWriter
{
    private const string Indent = "    ";

    /// <summary>Writes the digraph.</summary>
    public static string Write(StateGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var text = new StringBuilder();
        text.Append("digraph \"state machine\" {\n");
        text.Append(Indent).Append("graph [compound=true, rankdir=TB, nodesep=0.4, ranksep=0.5, fontname=\"Helvetica\", fontsize=11];\n");
        text.Append(Indent).Append("node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=12, color=\"")
            .Append(GraphStyle.Stroke(GraphNodeKind.Pass)).Append("\", fillcolor=\"").Append(GraphStyle.Fill(GraphNodeKind.Pass)).Append("\"];\n");
        text.Append(Indent).Append("edge [fontname=\"Helvetica\", fontsize=10, color=\"").Append(GraphStyle.EdgeColor).Append("\"];\n");
        WriteNodes(text, graph.Root, 1);

        var compounds = graph.AllNodes.Where(n => n.Scopes.Count > 0).ToDictionary(n => n.Id, StringComparer.Ordinal);
        foreach (var edge in graph.AllEdges)
        {
            var attributes = new List<string>();
            string source = edge.Source;
            string target = edge.Target;
            if (compounds.TryGetValue(source, out var from))
            {
                source = Anchor(from, start: false);
                attributes.Add($"ltail=cluster_{from.Id}");
            }

            if (compounds.TryGetValue(target, out var to))
            {
                target = Anchor(to, start: true);
                attributes.Add($"lhead=cluster_{to.Id}");
            }

            if (edge.Label is not null)
            {
                attributes.Add($"label=\"{Escape(edge.Label)}\"");
            }

            if (edge.Kind == GraphEdgeKind.Catch)
            {
                attributes.Add("style=dashed");
            }

            text.Append(Indent).Append(source).Append(" -> ").Append(target);
            if (attributes.Count > 0)
            {
                text.Append(" [").AppendJoin(", ", attributes).Append(']');
            }

            text.Append(";\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>Escapes text for a double-quoted DOT string: backslashes and quotes are escaped, line breaks become spaces.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return GraphStyle.OneLine(text).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
    }

    private static string Anchor(GraphNode compound, bool start)
    {
        var scope = compound.Scopes[0];
        return start ? scope.StartNode.Id : scope.EndNode.Id;
    }

    private static void WriteNodes(StringBuilder text, GraphScope scope, int depth)
    {
        string indent = string.Concat(Enumerable.Repeat(Indent, depth));
        foreach (var node in scope.Nodes)
        {
            if (node.Scopes.Count == 0)
            {
                text.Append(indent).Append(node.Id).Append(" [").Append(Attributes(node)).Append("];\n");
                continue;
            }

            text.Append(indent).Append("subgraph cluster_").Append(node.Id).Append(" {\n");
            text.Append(indent).Append(Indent).Append("label=\"").Append(Escape($"{node.Label} ({node.Kind})")).Append("\";\n");
            text.Append(indent).Append(Indent).Append("style=\"rounded,filled\"; color=\"").Append(GraphStyle.Stroke(node.Kind))
                .Append("\"; fillcolor=\"").Append(GraphStyle.Fill(node.Kind)).Append("\";\n");
            foreach (var nested in node.Scopes)
            {
                text.Append(indent).Append(Indent).Append("subgraph cluster_").Append(nested.Id).Append(" {\n");
                text.Append(indent).Append(Indent).Append(Indent).Append("label=\"").Append(Escape(nested.Label)).Append("\";\n");
                text.Append(indent).Append(Indent).Append(Indent).Append("style=\"dashed,filled\"; color=\"").Append(GraphStyle.ClusterStroke)
                    .Append("\"; fillcolor=\"").Append(GraphStyle.ClusterFill).Append("\";\n");
                WriteNodes(text, nested, depth + 2);
                text.Append(indent).Append(Indent).Append("}\n");
            }

            text.Append(indent).Append("}\n");
        }
    }

    private static string Attributes(GraphNode node)
    {
        string colors = $"color=\"{GraphStyle.Stroke(node.Kind)}\", fillcolor=\"{GraphStyle.Fill(node.Kind)}\"";
        return node.Kind switch
        {
            GraphNodeKind.Start => $"label=\"\", shape=circle, style=filled, width=0.25, fixedsize=true, {colors}",
            GraphNodeKind.End => $"label=\"\", shape=doublecircle, style=filled, width=0.2, fixedsize=true, {colors}",
            GraphNodeKind.Choice => $"label=\"{Escape(node.Label)}\", shape=diamond, style=filled, {colors}",
            GraphNodeKind.Succeed or GraphNodeKind.Fail => $"label=\"{Escape(node.Label)}\", shape=box, style=\"rounded,filled,bold\", {colors}",
            GraphNodeKind.Wait => $"label=\"{Escape(node.Label)}\", shape=parallelogram, style=filled, {colors}",
            _ => $"label=\"{Escape(node.Label)}\", {colors}",
        };
    }
}
