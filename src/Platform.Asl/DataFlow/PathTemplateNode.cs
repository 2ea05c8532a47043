using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.DataFlow;

/// <summary>A <c>"key.$": "$…"</c> binding: the value a path selects from the input, the Context Object or a variable.</summary>
internal sealed class PathTemplateNode : TemplateNode
{
    private readonly string _field;
    private readonly JsonPath _path;

    /// <param name="field">The key as written, with its <c>.$</c>, for error messages.</param>
    /// <param name="path">The compiled path.</param>
    public PathTemplateNode(string field, JsonPath path)
    {
        _field = field;
        _path = path;
    }

    /// <inheritdoc />
    public override JNode Evaluate(EvaluationContext context) => PathLookup.Resolve(_path, context, _field);
}
