using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.DataFlow;

/// <summary>An array with at least one dynamic value somewhere below.</summary>
internal sealed class ArrayTemplateNode : TemplateNode
{
    private readonly TemplateNode[] _items;

    public ArrayTemplateNode(TemplateNode[] items) => _items = items;

    /// <inheritdoc />
    public override JNode Evaluate(EvaluationContext context)
    {
        var items = new JNode[_items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = _items[i].Evaluate(context);
        }

        return new JArray(items);
    }
}
