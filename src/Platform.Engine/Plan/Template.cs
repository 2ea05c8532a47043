using Platform.Asl.DataFlow;
using Platform.Asl.Json;
using Platform.Engine.Execution;

namespace Platform.Engine.Plan;

/// <summary>A compiled payload template (Parameters, ResultSelector, ItemSelector, JSONPath Assign).</summary>
internal sealed class Template(PayloadTemplate compiled)
{
    public static Template? Compile(JNode? template) => template is null ? null : new Template(PayloadTemplate.Compile(template));

    /// <summary>Evaluates against <paramref name="input"/> as <c>$</c>.</summary>
    public JNode Evaluate(BranchRun run, JNode input)
    {
        run.SetInput(input);
        return compiled.Evaluate(run);
    }
}
