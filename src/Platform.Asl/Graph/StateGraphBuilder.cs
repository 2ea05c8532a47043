using System.Globalization;
using Platform.Asl.Model;

namespace Platform.Asl.Graph;

/// <summary>Builds the <see cref="StateGraph"/> of a validated state machine.</summary>
/// <remarks>Ids come from positions in the definition (never from names or hashes), so they are safe in any output
/// format and the same on every run: <c>m_s0</c> is the first top-level state, <c>m_s2_b1_s0</c> the first state of the
/// second branch of the third state, <c>m_s4_p_start</c> the start marker of a Map's item processor.</remarks>
public static class StateGraphBuilder
{
    /// <summary>The id of the top-level scope.</summary>
    public const string RootId = "m";

    /// <summary>Builds the graph of a machine.</summary>
    public static StateGraph Build(StateMachineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new StateGraph(BuildScope(definition, RootId, string.Empty));
    }

    private static GraphScope BuildScope(StateMachineDefinition machine, string scopeId, string label)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < machine.States.Count; i++)
        {
            ids[machine.States[i].Name] = string.Create(CultureInfo.InvariantCulture, $"{scopeId}_s{i}");
        }

        var start = new GraphNode(scopeId + "_start", "Start", GraphNodeKind.Start);
        var end = new GraphNode(scopeId + "_end", "End", GraphNodeKind.End);
        var nodes = new List<GraphNode> { start };
        var edges = new List<GraphEdge>();

        void AddEdge(string source, string? targetName, GraphEdgeKind kind, string? edgeLabel)
        {
            // A validated machine names only states of its own block; an unknown name (never expected) draws no edge.
            string? target = kind == GraphEdgeKind.End ? end.Id : targetName is not null && ids.TryGetValue(targetName, out var id) ? id : null;
            if (target is not null)
            {
                edges.Add(new GraphEdge(string.Create(CultureInfo.InvariantCulture, $"{scopeId}_e{edges.Count}"), source, target, kind, edgeLabel));
            }
        }

        AddEdge(start.Id, machine.StartAt, GraphEdgeKind.Start, null);
        foreach (var state in machine.States)
        {
            string id = ids[state.Name];
            nodes.Add(new GraphNode(id, state.Name, KindOf(state.Type)) { StateName = state.Name, Scopes = NestedScopes(state, id) });
            if (state is ChoiceState choice)
            {
                foreach (var rule in choice.Choices)
                {
                    AddEdge(id, rule.Next, GraphEdgeKind.Choice, ChoiceLabels.Describe(rule));
                }

                if (choice.Default is not null)
                {
                    AddEdge(id, choice.Default, GraphEdgeKind.Default, "Default");
                }
            }
            else if (state.Next is not null)
            {
                AddEdge(id, state.Next, GraphEdgeKind.Next, null);
            }

            if (state is IRetryableState retryable)
            {
                foreach (var catcher in retryable.Catch)
                {
                    AddEdge(id, catcher.Next, GraphEdgeKind.Catch, ChoiceLabels.Truncate(string.Join(", ", catcher.ErrorEquals)));
                }
            }

            if (state.End || state.Type is StateType.Succeed or StateType.Fail)
            {
                AddEdge(id, null, GraphEdgeKind.End, null);
            }
        }

        nodes.Add(end);
        return new GraphScope(scopeId, label, nodes, edges);
    }

    private static IReadOnlyList<GraphScope> NestedScopes(StateDefinition state, string id) => state switch
    {
        ParallelState parallel => [.. parallel.Branches.Select((branch, i) => BuildScope(
            branch,
            string.Create(CultureInfo.InvariantCulture, $"{id}_b{i}"),
            string.Create(CultureInfo.InvariantCulture, $"Branch {i + 1}")))],
        MapState map => [BuildScope(map.ItemProcessor, id + "_p", map.Mode == MapMode.Distributed ? "Item processor (distributed)" : "Item processor")],
        _ => [],
    };

    private static GraphNodeKind KindOf(StateType type) => type switch
    {
        StateType.Pass => GraphNodeKind.Pass,
        StateType.Task => GraphNodeKind.Task,
        StateType.Choice => GraphNodeKind.Choice,
        StateType.Wait => GraphNodeKind.Wait,
        StateType.Succeed => GraphNodeKind.Succeed,
        StateType.Fail => GraphNodeKind.Fail,
        StateType.Parallel => GraphNodeKind.Parallel,
        StateType.Map => GraphNodeKind.Map,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown state type"),
    };
}
