using Platform.Asl.Json;
using Platform.Engine.Execution;

namespace Platform.Engine.Plan.Jsonata;

/// <summary>Builds what a JSONata expression sees: <c>$states</c> (input, context, and result or errorOutput where AWS
/// allows them) and the variables visible from the running branch, as of entering the state.</summary>
internal static class JsonataBindings
{
    public static Dictionary<string, JNode> Create(BranchRun run, JNode input, JNode? result = null, JNode? errorOutput = null)
    {
        var bindings = new Dictionary<string, JNode>(StringComparer.Ordinal);
        run.Variables.CopyTo(bindings);
        var states = new JObjectBuilder(4);
        states.Set("input", input);
        states.Set("context", run.ContextObject);
        if (result is not null)
        {
            states.Set("result", result);
        }

        if (errorOutput is not null)
        {
            states.Set("errorOutput", errorOutput);
        }

        bindings["states"] = states.Build();
        return bindings;
    }
}
