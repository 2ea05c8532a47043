namespace Platform.Runtime.Durable;

/// <summary>The live cache: running orchestrations kept in memory between episodes, least recently used evicted first.</summary>
/// <remarks>An entry is taken out while its episode runs (episodes of one instance never overlap) and put back after the
/// episode's commit succeeded, so a cached context always matches the journal.</remarks>
internal sealed class OrchestrationCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<DurableOrchestrationContext>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<DurableOrchestrationContext> _order = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public DurableOrchestrationContext? Take(string instanceId)
    {
        lock (_lock)
        {
            if (!_entries.Remove(instanceId, out var node))
            {
                return null;
            }

            _order.Remove(node);
            return node.Value;
        }
    }

    /// <summary>Returns the cached context of an instance without taking it out (null while its episode runs).</summary>
    public DurableOrchestrationContext? Peek(string instanceId)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(instanceId, out var node) ? node.Value : null;
        }
    }

    public void Put(DurableOrchestrationContext context)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.Remove(context.InstanceId, out var old))
            {
                _order.Remove(old);
            }

            _entries[context.InstanceId] = _order.AddFirst(context);
            while (_entries.Count > capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _entries.Remove(last.Value.InstanceId);
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _order.Clear();
        }
    }
}
