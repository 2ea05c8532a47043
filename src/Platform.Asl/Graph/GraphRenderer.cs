using Platform.Asl.Model;

namespace Platform.Asl.Graph;

/// <summary>Draws a validated state machine in one of the <see cref="GraphFormat"/>s.</summary>
public static class GraphRenderer
{
    /// <summary>Builds the graph of <paramref name="definition"/> and writes it in <paramref name="format"/>.</summary>
    public static string Render(StateMachineDefinition definition, GraphFormat format)
    {
        var graph = StateGraphBuilder.Build(definition);
        return format switch
        {
            GraphFormat.Mermaid => MermaidWriter.Write(graph),
            GraphFormat.Dot => DotWriter.Write(graph),
            GraphFormat.Svg => SvgWriter.Write(LayeredLayout.Compute(graph)),
            GraphFormat.Json => GraphJsonWriter.Write(LayeredLayout.Compute(graph)),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown graph format"),
        };
    }
}
