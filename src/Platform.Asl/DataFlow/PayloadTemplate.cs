using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.DataFlow;

/// <summary>TEMPORARY STUB in main: replaced by the feature/intrinsics implementation at merge.</summary>
public sealed class PayloadTemplate
{
    private PayloadTemplate(JNode template) => Template = template;

    /// <summary>Gets the template as written.</summary>
    public JNode Template { get; }

    /// <summary>Compiles a template.</summary>
    public static PayloadTemplate Compile(JNode template) => new(template);

    /// <summary>Evaluates the template.</summary>
    public JNode Evaluate(EvaluationContext context) => throw new NotImplementedException();
}
