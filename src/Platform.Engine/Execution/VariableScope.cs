using Platform.Asl.Json;

namespace Platform.Engine.Execution;

/// <summary>The variables of one scope (the top level, a Parallel branch, or a Map iteration), reading through to outer scopes.</summary>
internal sealed class VariableScope(VariableScope? parent)
{
    private Dictionary<string, JNode>? _values;

    public VariableScope? Parent { get; } = parent;

    public bool TryGet(string name, out JNode value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._values is not null && scope._values.TryGetValue(name, out value!))
            {
                return true;
            }
        }

        value = JNode.Null;
        return false;
    }

    /// <summary>Copies every visible variable into <paramref name="target"/>, inner scopes winning.</summary>
    public void CopyTo(Dictionary<string, JNode> target)
    {
        Parent?.CopyTo(target);
        if (_values is not null)
        {
            foreach (var (name, value) in _values)
            {
                target[name] = value;
            }
        }
    }

    public void Set(string name, JNode value) => (_values ??= new Dictionary<string, JNode>(StringComparer.Ordinal))[name] = value;
}
