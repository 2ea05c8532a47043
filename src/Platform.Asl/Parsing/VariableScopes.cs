using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>The ASL rule that a Parallel branch or Map iteration may read an outer variable but must not assign one:
/// a name assigned in an inner States block must not be assigned in any enclosing block.</summary>
internal static class VariableScopes
{
    public static void Check(StateMachineDefinition machine, DiagnosticBag diagnostics) =>
        Check(machine, new HashSet<string>(StringComparer.Ordinal), diagnostics);

    private static void Check(StateMachineDefinition block, HashSet<string> outer, DiagnosticBag diagnostics)
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (pointer, assign) in Assignments(block))
        {
            foreach (string name in assign.Keys)
            {
                own.Add(name);
                if (outer.Contains(name))
                {
                    diagnostics.Error(
                        JsonPointer.Append(pointer, name),
                        AslRules.AssignOuterScope,
                        $"variable '{name}' is assigned in an enclosing scope; a Parallel branch or Map iteration may read it but not assign it");
                }
            }
        }

        var visible = new HashSet<string>(outer, StringComparer.Ordinal);
        visible.UnionWith(own);
        foreach (var state in block.States)
        {
            switch (state)
            {
                case ParallelState parallel:
                    foreach (var branch in parallel.Branches)
                    {
                        Check(branch, visible, diagnostics);
                    }

                    break;
                case MapState map:
                    Check(map.ItemProcessor, visible, diagnostics);
                    break;
            }
        }
    }

    private static IEnumerable<(string Pointer, JObject Assign)> Assignments(StateMachineDefinition block)
    {
        foreach (var state in block.States)
        {
            if (state.Assign is not null)
            {
                yield return (state.Pointer + "/Assign", state.Assign);
            }

            if (state is ChoiceState choice)
            {
                foreach (var rule in choice.Choices)
                {
                    if (rule.Assign is not null)
                    {
                        yield return (rule.Pointer + "/Assign", rule.Assign);
                    }
                }
            }

            if (state is IRetryableState retryable)
            {
                foreach (var catcher in retryable.Catch)
                {
                    if (catcher.Assign is not null)
                    {
                        yield return (catcher.Pointer + "/Assign", catcher.Assign);
                    }
                }
            }
        }
    }
}
