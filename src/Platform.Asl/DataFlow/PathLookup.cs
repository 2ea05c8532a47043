using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.DataFlow;

/// <summary>Evaluates the paths of payload templates and intrinsic arguments, failing with AWS's message when nothing is found.</summary>
internal static class PathLookup
{
    /// <summary>Evaluates <paramref name="path"/>, or throws <c>States.Runtime</c> naming the path, the field and the document searched.</summary>
    /// <param name="path">The path.</param>
    /// <param name="context">What the path evaluates against.</param>
    /// <param name="field">The template key (with its <c>.$</c>) or field name, for the message.</param>
    public static JNode Resolve(JsonPath path, EvaluationContext context, string? field)
    {
        if (path.TryEvaluate(context, out var value))
        {
            return value;
        }

        throw NotFound(path, context, field);
    }

    /// <summary>Builds the error for a path that found nothing.</summary>
    public static StatesException NotFound(JsonPath path, EvaluationContext context, string? field)
    {
        string fieldPart = field is null ? string.Empty : $" specified for the field '{field}'";
        string cause;
        switch (path.Root)
        {
            case PathRoot.Context:
                cause = $"The JSONPath '{path.Text}'{fieldPart} could not be found in the input '{context.ContextObject}'";
                break;
            case PathRoot.Variable when path.VariableName is not null && !context.TryGetVariable(path.VariableName, out _):
                cause = $"The variable '${path.VariableName}' referenced by the JSONPath '{path.Text}'{fieldPart} is not defined";
                break;
            case PathRoot.Variable when path.VariableName is not null:
                context.TryGetVariable(path.VariableName, out var variable);
                cause = $"The JSONPath '{path.Text}'{fieldPart} could not be found in the input '{variable}'";
                break;
            default:
                cause = $"The JSONPath '{path.Text}'{fieldPart} could not be found in the input '{context.Input}'";
                break;
        }

        return new StatesException(StatesErrors.Runtime, cause);
    }
}
