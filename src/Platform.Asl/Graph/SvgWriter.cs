using System.Globalization;
using System.Text;
using System.Xml;

namespace Platform.Asl.Graph;

/// <summary>Draws a <see cref="GraphLayout"/> as a self-contained SVG document.</summary>
/// <remarks>States are rounded rectangles coloured by type (Succeed and Fail as pills), markers are circles, Parallel and
/// Map states are boxes with a header around their dashed cluster boxes; edges are polylines with arrow heads, Catch
/// edges dashed, captions on a white background. All text goes through an XML writer, so any state name is safe.</remarks>
public static class SvgWriter
{
    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    /// <summary>Writes the SVG document.</summary>
    public static string Write(GraphLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var output = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", OmitXmlDeclaration = true, NewLineChars = "\n" };
        using (var xml = XmlWriter.Create(output, settings))
        {
            xml.WriteStartElement("svg", SvgNamespace);
            Attr(xml, "width", layout.Width);
            Attr(xml, "height", layout.Height);
            xml.WriteAttributeString("viewBox", $"0 0 {Num(layout.Width)} {Num(layout.Height)}");
            xml.WriteAttributeString("font-family", "Helvetica, Arial, sans-serif");
            WriteDefinitions(xml);
            xml.WriteStartElement("rect", SvgNamespace);
            xml.WriteAttributeString("width", "100%");
            xml.WriteAttributeString("height", "100%");
            xml.WriteAttributeString("fill", "#ffffff");
            xml.WriteEndElement();

            // Containers first (outer before inner), then edges, then states and markers, then captions on top.
            foreach (var node in layout.Nodes.Where(n => n.Kind is GraphNodeKind.Parallel or GraphNodeKind.Map))
            {
                bool hasClusters = layout.Clusters.Any(c => string.Equals(c.Owner, node.Id, StringComparison.Ordinal));
                if (!hasClusters)
                {
                    continue;
                }

                WriteContainer(xml, node);
                foreach (var cluster in layout.Clusters.Where(c => string.Equals(c.Owner, node.Id, StringComparison.Ordinal)))
                {
                    WriteCluster(xml, cluster);
                }
            }

            foreach (var edge in layout.Edges)
            {
                WriteEdge(xml, edge);
            }

            foreach (var node in layout.Nodes)
            {
                bool isContainer = layout.Clusters.Any(c => string.Equals(c.Owner, node.Id, StringComparison.Ordinal));
                if (!isContainer)
                {
                    WriteNode(xml, node);
                }
            }

            foreach (var edge in layout.Edges)
            {
                if (edge is { Label: { } label, LabelPosition: { } at })
                {
                    WriteCaption(xml, label, at);
                }
            }

            xml.WriteEndElement();
        }

        return output.Append('\n').ToString();
    }

    /// <summary>Replaces characters XML cannot hold (most control characters, lone surrogates) by U+FFFD.</summary>
    public static string XmlSafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var safe = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || !XmlConvert.IsXmlChar(c))
            {
                safe.Append('\uFFFD');
            }
            else
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }

    private static void WriteDefinitions(XmlWriter xml)
    {
        xml.WriteStartElement("defs", SvgNamespace);
        xml.WriteStartElement("marker", SvgNamespace);
        xml.WriteAttributeString("id", "arrow");
        xml.WriteAttributeString("viewBox", "0 0 10 10");
        xml.WriteAttributeString("refX", "10");
        xml.WriteAttributeString("refY", "5");
        xml.WriteAttributeString("markerWidth", "7");
        xml.WriteAttributeString("markerHeight", "7");
        xml.WriteAttributeString("orient", "auto-start-reverse");
        xml.WriteStartElement("path", SvgNamespace);
        xml.WriteAttributeString("d", "M0,0 L10,5 L0,10 z");
        xml.WriteAttributeString("fill", GraphStyle.EdgeColor);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteContainer(XmlWriter xml, LayoutNode node)
    {
        xml.WriteStartElement("g", SvgNamespace);
        xml.WriteAttributeString("id", node.Id);
        xml.WriteAttributeString("class", "state " + GraphStyle.Name(node.Kind));
        Rect(xml, node.X, node.Y, node.Width, node.Height, 10, GraphStyle.Fill(node.Kind), GraphStyle.Stroke(node.Kind), dashed: false);
        Text(xml, node.Label, node.CenterX, node.Y + 18, LayeredLayout.LabelFontSize, GraphStyle.TextColor, bold: true);
        Text(xml, node.Kind.ToString(), node.CenterX, node.Y + 33, LayeredLayout.SmallFontSize, GraphStyle.MutedTextColor, bold: false);
        xml.WriteEndElement();
    }

    private static void WriteCluster(XmlWriter xml, LayoutCluster cluster)
    {
        xml.WriteStartElement("g", SvgNamespace);
        xml.WriteAttributeString("id", cluster.Id);
        xml.WriteAttributeString("class", "cluster");
        Rect(xml, cluster.X, cluster.Y, cluster.Width, cluster.Height, 6, GraphStyle.ClusterFill, GraphStyle.ClusterStroke, dashed: true);
        xml.WriteStartElement("text", SvgNamespace);
        Attr(xml, "x", cluster.X + 8);
        Attr(xml, "y", cluster.Y + 15);
        Attr(xml, "font-size", LayeredLayout.SmallFontSize);
        xml.WriteAttributeString("fill", GraphStyle.MutedTextColor);
        xml.WriteString(XmlSafe(cluster.Label));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteEdge(XmlWriter xml, LayoutEdge edge)
    {
        xml.WriteStartElement("polyline", SvgNamespace);
        xml.WriteAttributeString("id", edge.Id);
        xml.WriteAttributeString("class", "edge " + GraphStyle.Name(edge.Kind) + (edge.IsBackEdge ? " back" : string.Empty));
        xml.WriteAttributeString("points", string.Join(' ', edge.Points.Select(p => $"{Num(p.X)},{Num(p.Y)}")));
        xml.WriteAttributeString("fill", "none");
        xml.WriteAttributeString("stroke", GraphStyle.EdgeColor);
        xml.WriteAttributeString("stroke-width", "1.5");
        xml.WriteAttributeString("stroke-linejoin", "round");
        if (edge.Kind == GraphEdgeKind.Catch)
        {
            xml.WriteAttributeString("stroke-dasharray", "5 4");
        }

        xml.WriteAttributeString("marker-end", "url(#arrow)");
        xml.WriteEndElement();
    }

    private static void WriteNode(XmlWriter xml, LayoutNode node)
    {
        xml.WriteStartElement("g", SvgNamespace);
        xml.WriteAttributeString("id", node.Id);
        xml.WriteAttributeString("class", "state " + GraphStyle.Name(node.Kind));
        if (node.Kind is GraphNodeKind.Start or GraphNodeKind.End)
        {
            double r = node.Width / 2;
            Circle(xml, node.CenterX, node.CenterY, node.Kind == GraphNodeKind.End ? r : r - 2, node.Kind == GraphNodeKind.End ? "#ffffff" : GraphStyle.Fill(node.Kind));
            if (node.Kind == GraphNodeKind.End)
            {
                Circle(xml, node.CenterX, node.CenterY, r - 5, GraphStyle.Fill(node.Kind));
            }

            xml.WriteStartElement("title", SvgNamespace);
            xml.WriteString(node.Label);
            xml.WriteEndElement();
        }
        else
        {
            double radius = node.Kind is GraphNodeKind.Succeed or GraphNodeKind.Fail ? node.Height / 2 : node.Kind == GraphNodeKind.Choice ? 3 : 8;
            Rect(xml, node.X, node.Y, node.Width, node.Height, radius, GraphStyle.Fill(node.Kind), GraphStyle.Stroke(node.Kind), dashed: false);
            Text(xml, node.Label, node.CenterX, node.Y + 19, LayeredLayout.LabelFontSize, GraphStyle.TextColor, bold: false);
            Text(xml, node.Kind.ToString(), node.CenterX, node.Y + 34, LayeredLayout.SmallFontSize, GraphStyle.MutedTextColor, bold: false);
        }

        xml.WriteEndElement();
    }

    private static void WriteCaption(XmlWriter xml, string label, LayoutPoint at)
    {
        double width = LayeredLayout.CaptionWidth(label);
        xml.WriteStartElement("g", SvgNamespace);
        xml.WriteAttributeString("class", "caption");
        Rect(xml, at.X - (width / 2), at.Y - 8, width, 16, 3, "#ffffff", "none", dashed: false);
        Text(xml, label, at.X, at.Y + 4, LayeredLayout.SmallFontSize, GraphStyle.MutedTextColor, bold: false);
        xml.WriteEndElement();
    }

    private static void Rect(XmlWriter xml, double x, double y, double width, double height, double radius, string fill, string stroke, bool dashed)
    {
        xml.WriteStartElement("rect", SvgNamespace);
        Attr(xml, "x", x);
        Attr(xml, "y", y);
        Attr(xml, "width", width);
        Attr(xml, "height", height);
        Attr(xml, "rx", radius);
        xml.WriteAttributeString("fill", fill);
        xml.WriteAttributeString("stroke", stroke);
        if (dashed)
        {
            xml.WriteAttributeString("stroke-dasharray", "4 3");
        }

        xml.WriteEndElement();
    }

    private static void Circle(XmlWriter xml, double cx, double cy, double r, string fill)
    {
        xml.WriteStartElement("circle", SvgNamespace);
        Attr(xml, "cx", cx);
        Attr(xml, "cy", cy);
        Attr(xml, "r", r);
        xml.WriteAttributeString("fill", fill);
        xml.WriteAttributeString("stroke", GraphStyle.Stroke(GraphNodeKind.End));
        xml.WriteAttributeString("stroke-width", "1.5");
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, string text, double x, double y, double size, string fill, bool bold)
    {
        xml.WriteStartElement("text", SvgNamespace);
        Attr(xml, "x", x);
        Attr(xml, "y", y);
        Attr(xml, "font-size", size);
        xml.WriteAttributeString("text-anchor", "middle");
        xml.WriteAttributeString("fill", fill);
        if (bold)
        {
            xml.WriteAttributeString("font-weight", "bold");
        }

        xml.WriteString(XmlSafe(text));
        xml.WriteEndElement();
    }

    private static void Attr(XmlWriter xml, string name, double value) => xml.WriteAttributeString(name, Num(value));

    private static string Num(double value) => LayeredLayout.Round(value).ToString("0.#", CultureInfo.InvariantCulture);
}
