using Platform.Asl.Json;

namespace Platform.Asl.Parsing;

/// <summary>One States block (the top level, a Parallel branch or a Map processor): the scope of transitions.</summary>
internal sealed class StatesBlock
{
    private readonly Dictionary<string, List<string>> _edges = new(StringComparer.Ordinal);

    /// <summary>Creates the block.</summary>
    public StatesBlock(JObject states, string pointer)
    {
        States = states;
        Pointer = pointer;
    }

    /// <summary>Gets the States object.</summary>
    public JObject States { get; }

    /// <summary>Gets the pointer of the States object.</summary>
    public string Pointer { get; }

    /// <summary>Tells whether the block has a state of that name.</summary>
    public bool Contains(string name) => States.ContainsKey(name);

    /// <summary>Records a transition from one state to another.</summary>
    public void AddEdge(string from, string to)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            targets = [];
            _edges[from] = targets;
        }

        targets.Add(to);
    }

    /// <summary>Returns the names of the states reachable from <paramref name="start"/>.</summary>
    public HashSet<string> Reachable(string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var pending = new Stack<string>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            if (!_edges.TryGetValue(pending.Pop(), out var targets))
            {
                continue;
            }

            foreach (var target in targets)
            {
                if (seen.Add(target))
                {
                    pending.Push(target);
                }
            }
        }

        return seen;
    }
}
