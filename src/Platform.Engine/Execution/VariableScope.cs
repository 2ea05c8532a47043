using Platform.Asl.Json;

namespace Platform.Engine.Execution;

/// <summary>The variables of one scope (the top level, a Parallel branch, or a Map iteration), reading through to outer scopes.</summary>
/// <remarks>Every scope of an execution draws on one <see cref="VariableBudget"/> (AWS: at most 10 MiB of variables per
/// execution). A scope's bytes return to the budget when its branch or iteration ends.</remarks>
internal sealed class VariableScope
{
    private Dictionary<string, JNode>? _values;
    private long _bytes;

    public VariableScope(VariableScope? parent)
    {
        Parent = parent;

        // A scope with no parent starts an execution, or a distributed Map's child execution, with a budget of its own.
        Budget = parent?.Budget ?? new VariableBudget();
    }

    public VariableScope? Parent { get; }

    public VariableBudget Budget { get; }

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

    /// <summary>Returns this scope's own variables as an object (in no particular order), for a continuation.</summary>
    public JObject Export()
    {
        if (_values is null || _values.Count == 0)
        {
            return JObject.Empty;
        }

        return new JObject([.. _values.Keys], [.. _values.Values]);
    }

    /// <summary>Sets every member of <paramref name="variables"/>, as a continuation restores them.</summary>
    public void Import(JObject variables)
    {
        foreach (var (name, value) in variables)
        {
            Set(name, value);
        }
    }

    /// <summary>Returns how many bytes setting <paramref name="name"/> to <paramref name="value"/> adds (or frees).</summary>
    public long Growth(string name, JNode value) =>
        value.Utf8Size - (_values is not null && _values.TryGetValue(name, out var old) ? old.Utf8Size : 0);

    public void Set(string name, JNode value)
    {
        long growth = Growth(name, value);
        (_values ??= new Dictionary<string, JNode>(StringComparer.Ordinal))[name] = value;
        _bytes += growth;
        Budget.Add(growth);
    }

    /// <summary>Returns this scope's bytes to the budget: its branch or iteration has ended.</summary>
    public void Release()
    {
        Budget.Add(-_bytes);
        _bytes = 0;
    }
}

/// <summary>The bytes of variables one execution holds across all its live scopes (branches run concurrently).</summary>
internal sealed class VariableBudget
{
    /// <summary>AWS's limit on the variables of one execution: 10 MiB.</summary>
    public const long MaxBytes = 10L * 1024 * 1024;

    private long _used;

    public long Used => Interlocked.Read(ref _used);

    public void Add(long bytes) => Interlocked.Add(ref _used, bytes);
}
