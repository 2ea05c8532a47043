using System.Text.Json;
using System.Xml.Linq;
using Platform.Asl.Graph;

namespace Platform.Asl.Tests.Graph;

public sealed class GraphWriterTests
{
    [Fact]
    public void Mermaid_HasShapesByType_EdgesWithLabels_AndSubgraphs()
    {
        string choice = MermaidWriter.Write(GraphTestSupport.Graph(Samples.Choice));

        choice.Should().StartWith("flowchart TD\n");
        string[] lines = choice.Split('\n');
        lines.Should().Contain("    m_start((\"Start\"))");
        lines.Should().Contain("    m_s0{\"Classify\"}");
        lines.Should().Contain("    m_s1([\"Gold\"])");
        lines.Should().Contain("    m_s3{{\"Basic\"}}");
        lines.Should().Contain("    m_end(((\"End\")))");
        lines.Should().Contain("    m_s0 -->|\"$.tier == #quot;gold#quot;\"| m_s1");
        lines.Should().Contain("    m_s0 -->|\"Default\"| m_s3");
        lines.Should().Contain("    m_s3 --> m_end");

        string parallel = MermaidWriter.Write(GraphTestSupport.Graph(Samples.Parallel));
        parallel.Split('\n').Should().Contain("    subgraph m_s0[\"Fan (Parallel)\"]")
            .And.Contain("        subgraph m_s0_b0[\"Branch 1\"]")
            .And.Contain("    m_s0 -.->|\"States.ALL\"| m_s2")
            .And.Contain("    m_start --> m_s0");
    }

    [Fact]
    public void Dot_HasClustersCompoundEdgesAndDashedCatches()
    {
        string dot = DotWriter.Write(GraphTestSupport.Graph(Samples.Parallel));

        dot.Should().StartWith("digraph \"state machine\" {\n").And.EndWith("}\n");
        string[] lines = dot.Split('\n');
        lines.Should().Contain("    subgraph cluster_m_s0 {");
        lines.Should().Contain("        subgraph cluster_m_s0_b0 {");
        lines.Should().Contain("    m_start -> m_s0_b0_start [lhead=cluster_m_s0];");
        lines.Should().Contain("    m_s0_b0_end -> m_s2 [ltail=cluster_m_s0, label=\"States.ALL\", style=dashed];");
        lines.Should().Contain(l => l.StartsWith("            m_s0_b0_s0 [label=\"A1\"", StringComparison.Ordinal));

        string choice = DotWriter.Write(GraphTestSupport.Graph(Samples.Choice));
        choice.Split('\n').Should().Contain("    m_s0 -> m_s1 [label=\"$.tier == \\\"gold\\\"\"];");
        choice.Split('\n').Should().Contain(l => l.StartsWith("    m_s0 [label=\"Classify\", shape=diamond", StringComparison.Ordinal));
    }

    [Fact]
    public void HostileNames_AreEscapedInEveryFormat()
    {
        var graph = GraphTestSupport.Graph(Samples.Hostile);
        const string name = "A \"quoted\" <b> & {x}";

        MermaidWriter.Write(graph).Split('\n').Should().Contain("    m_s0{\"A #quot;quoted#quot; #lt;b#gt; #amp; {x}\"}")
            .And.Contain("    m_s1[\"end\"]")
            .And.Contain("    m_s0 -->|\"$.v == #quot;#lt;#amp;\\#quot;#124;#35;#gt;#quot;\"| m_s1");
        DotWriter.Write(graph).Split('\n').Should().Contain(l => l.StartsWith("    m_s0 [label=\"A \\\"quoted\\\" <b> & {x}\"", StringComparison.Ordinal));

        var svg = XDocument.Parse(SvgWriter.Write(LayeredLayout.Compute(graph)));
        svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).Should().Contain(name);

        using var json = JsonDocument.Parse(GraphJsonWriter.Write(LayeredLayout.Compute(graph)));
        json.RootElement.GetProperty("nodes")[1].GetProperty("stateName").GetString().Should().Be(name);
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Svg_IsWellFormed_WithOneGroupPerNodeAndOneLinePerEdge(string name, string definition)
    {
        var layout = GraphTestSupport.Layout(definition);

        var svg = XDocument.Parse(SvgWriter.Write(layout));

        XNamespace ns = "http://www.w3.org/2000/svg";
        svg.Root!.Name.Should().Be(ns + "svg", name);
        var ids = svg.Descendants(ns + "g").Select(g => (string?)g.Attribute("id")).Where(id => id is not null).ToHashSet();
        ids.Should().Contain(layout.Nodes.Select(n => n.Id).Concat(layout.Clusters.Select(c => c.Id)));
        var lines = svg.Descendants(ns + "polyline").ToList();
        lines.Should().HaveCount(layout.Edges.Count);
        lines.Where(l => l.Attribute("stroke-dasharray") is not null).Should().HaveCount(layout.Edges.Count(e => e.Kind == GraphEdgeKind.Catch));
        lines.Should().OnlyContain(l => (string?)l.Attribute("marker-end") == "url(#arrow)");
    }

    [Fact]
    public void Json_IsTheLayout()
    {
        var layout = GraphTestSupport.Layout(Samples.Catch);

        using var json = JsonDocument.Parse(GraphJsonWriter.Write(layout));

        var root = json.RootElement;
        root.GetProperty("width").GetDouble().Should().Be(layout.Width);
        root.GetProperty("nodes").GetArrayLength().Should().Be(layout.Nodes.Count);
        var charge = root.GetProperty("nodes")[1];
        charge.GetProperty("kind").GetString().Should().Be("task");
        charge.GetProperty("x").GetDouble().Should().Be(layout.Nodes[1].X);
        charge.GetProperty("cluster").ValueKind.Should().Be(JsonValueKind.Null);
        var catchEdge = root.GetProperty("edges").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "catch");
        catchEdge.GetProperty("label").GetString().Should().Be("States.Timeout, States.TaskFailed");
        catchEdge.GetProperty("points").GetArrayLength().Should().BeGreaterThanOrEqualTo(2);
        root.GetProperty("clusters").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void EveryFormat_IsTheSameEveryRun()
    {
        foreach (var format in Enum.GetValues<GraphFormat>())
        {
            string first = GraphRenderer.Render(GraphTestSupport.Parse(Samples.Parallel), format);
            GraphRenderer.Render(GraphTestSupport.Parse(Samples.Parallel), format).Should().Be(first);
        }
    }
}
