using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Platform.Asl.Graph;

/// <summary>Writes a <see cref="GraphLayout"/> as the JSON document the console draws.</summary>
/// <remarks>
/// Shape: <c>{ "width", "height", "nodes": [{ "id", "label", "kind", "stateName", "cluster", "layer", "x", "y", "width",
/// "height" }], "edges": [{ "id", "source", "target", "kind", "label", "cluster", "backEdge", "points": [{ "x", "y" }],
/// "labelPosition" }], "clusters": [{ "id", "label", "owner", "parent", "x", "y", "width", "height" }] }</c>. Kinds are
/// lower-case (<c>task</c>, <c>choice</c>, <c>catch</c>, ...); absent values are <c>null</c>; x and y are top-left corners.
/// </remarks>
public static class GraphJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the layout as indented JSON.</summary>
    public static string Write(GraphLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("width", layout.Width);
            json.WriteNumber("height", layout.Height);
            json.WriteStartArray("nodes");
            foreach (var node in layout.Nodes)
            {
                json.WriteStartObject();
                json.WriteString("id", node.Id);
                json.WriteString("label", node.Label);
                json.WriteString("kind", GraphStyle.Name(node.Kind));
                json.WriteString("stateName", node.StateName);
                json.WriteString("cluster", node.Cluster);
                json.WriteNumber("layer", node.Layer);
                WriteBox(json, node.X, node.Y, node.Width, node.Height);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("edges");
            foreach (var edge in layout.Edges)
            {
                json.WriteStartObject();
                json.WriteString("id", edge.Id);
                json.WriteString("source", edge.Source);
                json.WriteString("target", edge.Target);
                json.WriteString("kind", GraphStyle.Name(edge.Kind));
                json.WriteString("label", edge.Label);
                json.WriteString("cluster", edge.Cluster);
                json.WriteBoolean("backEdge", edge.IsBackEdge);
                json.WriteStartArray("points");
                foreach (var point in edge.Points)
                {
                    WritePoint(json, point);
                }

                json.WriteEndArray();
                json.WritePropertyName("labelPosition");
                if (edge.LabelPosition is { } at)
                {
                    WritePoint(json, at);
                }
                else
                {
                    json.WriteNullValue();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("clusters");
            foreach (var cluster in layout.Clusters)
            {
                json.WriteStartObject();
                json.WriteString("id", cluster.Id);
                json.WriteString("label", cluster.Label);
                json.WriteString("owner", cluster.Owner);
                json.WriteString("parent", cluster.Parent);
                WriteBox(json, cluster.X, cluster.Y, cluster.Width, cluster.Height);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteBox(Utf8JsonWriter json, double x, double y, double width, double height)
    {
        json.WriteNumber("x", x);
        json.WriteNumber("y", y);
        json.WriteNumber("width", width);
        json.WriteNumber("height", height);
    }

    private static void WritePoint(Utf8JsonWriter json, LayoutPoint point)
    {
        json.WriteStartObject();
        json.WriteNumber("x", point.X);
        json.WriteNumber("y", point.Y);
        json.WriteEndObject();
    }
}
