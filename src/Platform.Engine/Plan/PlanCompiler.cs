using Platform.Asl.Model;

namespace Platform.Engine.Plan;

/// <summary>Compiles a validated definition once into linked executor nodes (paths, templates, rules pre-parsed).</summary>
internal static class PlanCompiler
{
    public static CompiledMachine Compile(StateMachineDefinition definition)
    {
        var nodes = new Dictionary<string, StateNode>(definition.States.Count, StringComparer.Ordinal);
        foreach (var state in definition.States)
        {
            nodes[state.Name] = state switch
            {
                PassState pass => new PassNode(pass),
                TaskState task => new TaskNode(task),
                ChoiceState choice => new ChoiceNode(choice),
                WaitState wait => new WaitNode(wait),
                SucceedState succeed => new SucceedNode(succeed),
                FailState fail => new FailNode(fail),
                ParallelState parallel => new ParallelNode(parallel, [.. parallel.Branches.Select(Compile)]),
                MapState map => new MapNode(map, Compile(map.ItemProcessor)),
                _ => throw new NotSupportedException($"Unknown state type at {state.Pointer}."),
            };
        }

        foreach (var node in nodes.Values)
        {
            node.Link(nodes);
        }

        return new CompiledMachine(definition, nodes);
    }
}
