using Platform.Asl.Graph;
using Platform.Asl.Parsing;
using Platform.Asl.Tests.TestSupport;

namespace Platform.Asl.Tests.Graph;

public sealed class LayeredLayoutTests
{
    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Samples_HoldTheInvariants(string name, string definition)
    {
        GraphTestSupport.AssertInvariants(GraphTestSupport.Layout(definition), name);
    }

    [Fact]
    public void Layers_GoDownFromStartToEnd()
    {
        var layout = GraphTestSupport.Layout(Samples.Catch);
        var layers = layout.Nodes.ToDictionary(n => n.Label, n => n.Layer);

        layers.Should().Equal(new Dictionary<string, int> { ["Start"] = 0, ["Charge"] = 1, ["Refund"] = 2, ["Done"] = 3, ["End"] = 4 });
        var refund = layout.Nodes.Single(n => n.Label == "Refund");
        var done = layout.Nodes.Single(n => n.Label == "Done");
        done.Y.Should().BeGreaterThan(refund.Y + refund.Height);
    }

    [Fact]
    public void Loop_IsDrawnAsABackEdgeThroughDummyNodes()
    {
        var layout = GraphTestSupport.Layout(Samples.Loop);

        var back = layout.Edges.Should().ContainSingle(e => e.IsBackEdge).Subject;
        back.Source.Should().Be("m_s2");
        back.Target.Should().Be("m_s0");
        back.Kind.Should().Be(GraphEdgeKind.Default);
        back.Points.Should().HaveCountGreaterThan(2, "the loop spans two layers, so it bends through a dummy vertex");
        back.Points[0].Y.Should().BeGreaterThan(back.Points[^1].Y, "it runs upwards");
        GraphTestSupport.AssertInvariants(layout);
    }

    [Fact]
    public void LongEdges_RouteThroughDummiesWithoutCrossingNodes()
    {
        var layout = GraphTestSupport.Layout(Samples.Catch);
        var nodes = layout.Nodes.ToDictionary(n => n.Id);

        var skip = layout.Edges.Single(e => e.Source == "m_s0" && e.Target == "m_s2");
        skip.Points.Should().HaveCount(4);
        var refund = nodes["m_s1"];
        foreach (var point in skip.Points)
        {
            bool inside = point.X > refund.X && point.X < refund.X + refund.Width && point.Y > refund.Y && point.Y < refund.Y + refund.Height;
            inside.Should().BeFalse();
        }
    }

    [Fact]
    public void Clusters_HoldTheirNodes_AndNestInsideTheirOwners()
    {
        var layout = GraphTestSupport.Layout(Samples.Parallel);

        layout.Clusters.Select(c => (c.Id, c.Owner, c.Parent)).Should().Equal(
            ("m_s0_b0", "m_s0", null),
            ("m_s0_b1", "m_s0", null),
            ("m_s0_b1_s0_p", "m_s0_b1_s0", "m_s0_b1"));
        layout.Nodes.Single(n => n.Id == "m_s0_b1_s0_p_s0").Cluster.Should().Be("m_s0_b1_s0_p");
        var fan = layout.Nodes.Single(n => n.Id == "m_s0");
        fan.Height.Should().BeGreaterThan(LayeredLayout.NodeHeight * 3, "the Parallel node holds its branches");
        GraphTestSupport.AssertInvariants(layout);
    }

    [Fact]
    public void NodeWidths_FitTheirLabels()
    {
        var layout = GraphTestSupport.Layout("""{ "StartAt": "A rather long state name that needs room", "States": { "A rather long state name that needs room": { "Type": "Pass", "End": true } } }""");

        var node = layout.Nodes.Single(n => n.Kind == GraphNodeKind.Pass);
        node.Width.Should().BeGreaterThanOrEqualTo(TextMetrics.Width(node.Label, LayeredLayout.LabelFontSize));
    }

    [Fact]
    public void Layout_IsTheSameEveryRun()
    {
        foreach (var sample in Samples.All())
        {
            var definition = GraphTestSupport.Parse((string)sample[1]);
            string first = GraphJsonWriter.Write(LayeredLayout.Compute(StateGraphBuilder.Build(definition)));
            string second = GraphJsonWriter.Write(LayeredLayout.Compute(StateGraphBuilder.Build(GraphTestSupport.Parse((string)sample[1]))));
            second.Should().Be(first);
        }
    }

    [Fact]
    public void EveryConformanceDefinition_LaysOutWithTheInvariants()
    {
        int count = 0;
        foreach (var (file, definition) in GraphTestSupport.ConformanceDefinitions())
        {
            var graph = StateGraphBuilder.Build(definition);
            GraphTestSupport.AssertInvariants(LayeredLayout.Compute(graph), file);
            foreach (var format in Enum.GetValues<GraphFormat>())
            {
                GraphRenderer.Render(definition, format).Should().NotBeNullOrEmpty(file);
            }

            count++;
        }

        count.Should().BeGreaterThan(400);
    }

    [Fact]
    public void WorkflowsAndBenchWorkloads_LayOutWithTheInvariants()
    {
        var files = Directory.EnumerateFiles(Path.Combine(SharedFiles.RepositoryRoot, "workflows"), "*.asl.json")
            .Concat(Directory.EnumerateFiles(Path.Combine(SharedFiles.SharedDirectory, "bench", "workloads"), "*.asl.json"))
            .Order(StringComparer.Ordinal)
            .ToList();
        files.Should().HaveCountGreaterThanOrEqualTo(4);

        foreach (string file in files)
        {
            var parsed = AslParser.Parse(File.ReadAllText(file));
            parsed.IsValid.Should().BeTrue(file);
            GraphTestSupport.AssertInvariants(LayeredLayout.Compute(StateGraphBuilder.Build(parsed.Definition!)), file);
        }
    }
}
