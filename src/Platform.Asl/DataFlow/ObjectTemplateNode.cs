using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.DataFlow;

/// <summary>An object with at least one dynamic value somewhere below; its output keys are computed once.</summary>
internal sealed class ObjectTemplateNode : TemplateNode
{
    private readonly string[] _keys;
    private readonly TemplateNode[] _values;

    /// <param name="keys">The output keys (renamed, without <c>.$</c>); distinct and shared by every result.</param>
    /// <param name="values">The value of each key.</param>
    public ObjectTemplateNode(string[] keys, TemplateNode[] values)
    {
        _keys = keys;
        _values = values;
    }

    /// <inheritdoc />
    public override JNode Evaluate(EvaluationContext context)
    {
        var values = new JNode[_values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = _values[i].Evaluate(context);
        }

        return new JObject(_keys, values);
    }
}
