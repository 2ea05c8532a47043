using Platform.Asl.Graph;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Parsing;

namespace Platform.Asl.Tests.Graph;

/// <summary>Parses definitions for graph tests and checks the geometric invariants every layout must hold.</summary>
internal static class GraphTestSupport
{
    private const double Epsilon = 0.051;

    public static StateMachineDefinition Parse(string text)
    {
        var result = AslParser.Parse(text);
        result.IsValid.Should().BeTrue(string.Join("\n", result.Diagnostics));
        return result.Definition!;
    }

    public static StateGraph Graph(string text) => StateGraphBuilder.Build(Parse(text));

    public static GraphLayout Layout(string text) => LayeredLayout.Compute(Graph(text));

    /// <summary>The definitions of every shared conformance case (those that are valid), by case file.</summary>
    public static IEnumerable<(string File, StateMachineDefinition Definition)> ConformanceDefinitions()
    {
        foreach (string file in Directory.EnumerateFiles(TestSupport.SharedFiles.AwsRecordedDirectory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (JsonParser.Parse(File.ReadAllText(file)) is JObject { } testCase && testCase.TryGetValue("definition", out var definition))
            {
                var parsed = AslParser.Parse(definition);
                if (parsed.IsValid)
                {
                    yield return (file, parsed.Definition!);
                }
            }
        }
    }

    public static void AssertInvariants(GraphLayout layout, string because = "")
    {
        var nodes = layout.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        nodes.Should().HaveCount(layout.Nodes.Count, "node ids are unique {0}", because);
        layout.Edges.Select(e => e.Id).Should().OnlyHaveUniqueItems(because);

        // Within a scope no two nodes overlap (nested nodes lie inside their owner, which is checked below).
        foreach (var scope in layout.Nodes.GroupBy(n => n.Cluster ?? string.Empty))
        {
            var list = scope.ToList();
            for (int i = 0; i < list.Count; i++)
            {
                for (int j = i + 1; j < list.Count; j++)
                {
                    Overlaps(list[i], list[j]).Should().BeFalse($"{list[i].Id} and {list[j].Id} must not overlap {because}");
                }
            }
        }

        foreach (var node in layout.Nodes)
        {
            node.X.Should().BeGreaterThanOrEqualTo(0, because);
            node.Y.Should().BeGreaterThanOrEqualTo(0, because);
            (node.X + node.Width).Should().BeLessThanOrEqualTo(layout.Width + Epsilon, because);
            (node.Y + node.Height).Should().BeLessThanOrEqualTo(layout.Height + Epsilon, because);
        }

        var clusters = layout.Clusters.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var cluster in layout.Clusters)
        {
            Inside(cluster.X, cluster.Y, cluster.Width, cluster.Height, nodes[cluster.Owner]).Should().BeTrue($"cluster {cluster.Id} lies inside its owner {because}");
            if (cluster.Parent is not null)
            {
                nodes[cluster.Owner].Cluster.Should().Be(cluster.Parent, because);
            }
        }

        foreach (var node in layout.Nodes.Where(n => n.Cluster is not null))
        {
            var cluster = clusters[node.Cluster!];
            Inside(node.X, node.Y, node.Width, node.Height, cluster).Should().BeTrue($"{node.Id} lies inside cluster {cluster.Id} {because}");
        }

        foreach (var edge in layout.Edges)
        {
            edge.Points.Should().HaveCountGreaterThanOrEqualTo(2, because);
            var source = nodes[edge.Source];
            var target = nodes[edge.Target];
            OnBoundary(edge.Points[0], source).Should().BeTrue($"{edge.Id} starts on {source.Id}'s boundary {because}");
            OnBoundary(edge.Points[^1], target).Should().BeTrue($"{edge.Id} ends on {target.Id}'s boundary {because}");
            source.Cluster.Should().Be(target.Cluster, because);
            edge.Cluster.Should().Be(source.Cluster, because);
            if (edge.Source == edge.Target)
            {
                continue;
            }

            if (edge.IsBackEdge)
            {
                target.Layer.Should().BeLessThan(source.Layer, $"{edge.Id} is a back edge {because}");
                target.Y.Should().BeLessThan(source.Y, because);
            }
            else
            {
                target.Layer.Should().BeGreaterThan(source.Layer, $"{edge.Id} goes down {because}");
                target.Y.Should().BeGreaterThanOrEqualTo(source.Y + source.Height, $"{edge.Id} goes down {because}");
                for (int k = 1; k < edge.Points.Count; k++)
                {
                    edge.Points[k].Y.Should().BeGreaterThanOrEqualTo(edge.Points[k - 1].Y, $"{edge.Id} runs downwards {because}");
                }
            }
        }
    }

    private static bool Overlaps(LayoutNode a, LayoutNode b) =>
        a.X < b.X + b.Width - Epsilon && b.X < a.X + a.Width - Epsilon && a.Y < b.Y + b.Height - Epsilon && b.Y < a.Y + a.Height - Epsilon;

    private static bool Inside(double x, double y, double width, double height, LayoutNode box) =>
        x >= box.X - Epsilon && y >= box.Y - Epsilon && x + width <= box.X + box.Width + Epsilon && y + height <= box.Y + box.Height + Epsilon;

    private static bool Inside(double x, double y, double width, double height, LayoutCluster box) =>
        x >= box.X - Epsilon && y >= box.Y - Epsilon && x + width <= box.X + box.Width + Epsilon && y + height <= box.Y + box.Height + Epsilon;

    private static bool OnBoundary(LayoutPoint p, LayoutNode n)
    {
        bool withinX = p.X >= n.X - Epsilon && p.X <= n.X + n.Width + Epsilon;
        bool withinY = p.Y >= n.Y - Epsilon && p.Y <= n.Y + n.Height + Epsilon;
        bool onHorizontal = withinX && (Math.Abs(p.Y - n.Y) < Epsilon || Math.Abs(p.Y - (n.Y + n.Height)) < Epsilon);
        bool onVertical = withinY && (Math.Abs(p.X - n.X) < Epsilon || Math.Abs(p.X - (n.X + n.Width)) < Epsilon);
        return onHorizontal || onVertical;
    }
}
