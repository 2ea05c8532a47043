using Platform.Asl.Graph;

namespace Platform.Asl.Tests.Graph;

public sealed class StateGraphBuilderTests
{
    [Fact]
    public void Choice_HasOneEdgePerRule_TheDefault_AndTerminalEdgesToTheEnd()
    {
        var graph = GraphTestSupport.Graph(Samples.Choice);

        graph.Root.Nodes.Select(n => (n.Id, n.Label, n.Kind)).Should().Equal(
            ("m_start", "Start", GraphNodeKind.Start),
            ("m_s0", "Classify", GraphNodeKind.Choice),
            ("m_s1", "Gold", GraphNodeKind.Succeed),
            ("m_s2", "Silver", GraphNodeKind.Pass),
            ("m_s3", "Basic", GraphNodeKind.Fail),
            ("m_end", "End", GraphNodeKind.End));
        graph.Root.Edges.Select(e => (e.Source, e.Target, e.Kind, e.Label)).Should().Equal(
            ("m_start", "m_s0", GraphEdgeKind.Start, null),
            ("m_s0", "m_s1", GraphEdgeKind.Choice, "$.tier == \"gold\""),
            ("m_s0", "m_s2", GraphEdgeKind.Choice, "$.n > 3 && $.ok == true"),
            ("m_s0", "m_s3", GraphEdgeKind.Default, "Default"),
            ("m_s1", "m_end", GraphEdgeKind.End, null),
            ("m_s2", "m_end", GraphEdgeKind.End, null),
            ("m_s3", "m_end", GraphEdgeKind.End, null));
    }

    [Fact]
    public void Catch_IsAnEdgeLabelledWithItsErrors()
    {
        var graph = GraphTestSupport.Graph(Samples.Catch);

        graph.Root.Edges.Should().ContainSingle(e => e.Kind == GraphEdgeKind.Catch)
            .Which.Should().Be(new GraphEdge("m_e2", "m_s0", "m_s1", GraphEdgeKind.Catch, "States.Timeout, States.TaskFailed"));
    }

    [Fact]
    public void Parallel_AndMap_AreNestedScopes()
    {
        var graph = GraphTestSupport.Graph(Samples.Parallel);

        var fan = graph.Root.Nodes[1];
        fan.Kind.Should().Be(GraphNodeKind.Parallel);
        fan.Scopes.Select(s => (s.Id, s.Label)).Should().Equal(("m_s0_b0", "Branch 1"), ("m_s0_b1", "Branch 2"));
        fan.Scopes[0].Nodes.Select(n => n.Id).Should().Equal("m_s0_b0_start", "m_s0_b0_s0", "m_s0_b0_s1", "m_s0_b0_end");
        var items = fan.Scopes[1].Nodes[1];
        items.Kind.Should().Be(GraphNodeKind.Map);
        items.Scopes.Should().ContainSingle().Which.Id.Should().Be("m_s0_b1_s0_p");
        graph.AllScopes.Select(s => s.Id).Should().Equal("m", "m_s0_b0", "m_s0_b1", "m_s0_b1_s0_p");
        graph.Root.Edges.Should().Contain(e => e.Kind == GraphEdgeKind.Catch && e.Source == "m_s0" && e.Label == "States.ALL");
    }

    [Fact]
    public void JsonataCondition_IsTrimmedToAShortCaption()
    {
        var graph = GraphTestSupport.Graph(Samples.Jsonata);

        string label = graph.Root.Edges.Single(e => e.Kind == GraphEdgeKind.Choice).Label!;
        label.Should().StartWith("$states.input.order.total > 1000").And.EndWith("…");
        label.Length.Should().Be(ChoiceLabels.MaxLength);
    }

    [Theory]
    [InlineData("""{ "Variable": "$.x", "IsNull": false, "Next": "B" }""", "$.x is not null")]
    [InlineData("""{ "Variable": "$.a", "NumericLessThanEqualsPath": "$.b", "Next": "B" }""", "$.a <= $.b")]
    [InlineData("""{ "Not": { "Variable": "$.s", "StringMatches": "a*" }, "Next": "B" }""", "!($.s matches \"a*\")")]
    [InlineData("""{ "Or": [ { "Variable": "$.a", "IsPresent": true }, { "And": [ { "Variable": "$.b", "TimestampGreaterThan": "2024-01-01T00:00:00Z" }, { "Variable": "$.c", "IsString": true } ] } ], "Next": "B" }""", "$.a is present || ($.b > \"2024-01-01T00…")]
    public void ChoiceRules_ReadAsConditions(string rule, string expected)
    {
        string definition = $$"""{ "StartAt": "A", "States": { "A": { "Type": "Choice", "Choices": [ {{rule}} ] }, "B": { "Type": "Succeed" } } }""";
        var result = Platform.Asl.Parsing.AslParser.Parse(definition);
        result.IsValid.Should().BeTrue(string.Join("\n", result.Diagnostics));

        StateGraphBuilder.Build(result.Definition!).Root.Edges[1].Label.Should().Be(expected);
    }
}
