namespace Platform.Asl.Graph;

/// <summary>The structure of a state machine as a graph: a root scope whose Parallel and Map nodes hold nested scopes.</summary>
/// <param name="Root">The top-level machine.</param>
public sealed record StateGraph(GraphScope Root)
{
    /// <summary>Gets every scope, the root first, then nested scopes depth-first in definition order.</summary>
    public IEnumerable<GraphScope> AllScopes
    {
        get
        {
            var stack = new Stack<GraphScope>();
            stack.Push(Root);
            while (stack.Count > 0)
            {
                var scope = stack.Pop();
                yield return scope;
                var children = scope.Nodes.SelectMany(n => n.Scopes).ToList();
                for (int i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }
        }
    }

    /// <summary>Gets every node of every scope.</summary>
    public IEnumerable<GraphNode> AllNodes => AllScopes.SelectMany(s => s.Nodes);

    /// <summary>Gets every edge of every scope.</summary>
    public IEnumerable<GraphEdge> AllEdges => AllScopes.SelectMany(s => s.Edges);
}

/// <summary>One States block (the machine, a Parallel branch or a Map item processor) as nodes and edges.</summary>
/// <param name="Id">A safe identifier (letters, digits and <c>_</c>), unique in the graph; the top level is <c>m</c>.</param>
/// <param name="Label">A caption: empty for the top level, e.g. "Branch 1" or "Item processor" for nested scopes.</param>
/// <param name="Nodes">The start marker, the states in definition order, then the end marker.</param>
/// <param name="Edges">The transitions between them, in definition order.</param>
public sealed record GraphScope(string Id, string Label, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges)
{
    /// <summary>Gets the start marker.</summary>
    public GraphNode StartNode => Nodes[0];

    /// <summary>Gets the end marker.</summary>
    public GraphNode EndNode => Nodes[^1];
}

/// <summary>A node: a state, or a start or end marker.</summary>
/// <param name="Id">A safe identifier (letters, digits and <c>_</c>), unique in the graph.</param>
/// <param name="Label">The text shown: the state name, or "Start"/"End".</param>
/// <param name="Kind">What the node stands for.</param>
public sealed record GraphNode(string Id, string Label, GraphNodeKind Kind)
{
    /// <summary>Gets the state name, or <see langword="null"/> for a marker.</summary>
    public string? StateName { get; init; }

    /// <summary>Gets the nested scopes: a Parallel state's branches, or a Map state's item processor.</summary>
    public IReadOnlyList<GraphScope> Scopes { get; init; } = [];

    /// <summary>Gets a value indicating whether the node is a start or end marker.</summary>
    public bool IsMarker => Kind is GraphNodeKind.Start or GraphNodeKind.End;
}

/// <summary>A transition between two nodes of the same scope.</summary>
/// <param name="Id">A safe identifier, unique in the graph.</param>
/// <param name="Source">The source node id.</param>
/// <param name="Target">The target node id.</param>
/// <param name="Kind">Why the edge exists.</param>
/// <param name="Label">The caption (a Choice condition, "Default", the ErrorEquals of a Catch), if any.</param>
public sealed record GraphEdge(string Id, string Source, string Target, GraphEdgeKind Kind, string? Label);
