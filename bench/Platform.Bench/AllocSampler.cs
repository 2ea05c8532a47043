using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Platform.Bench;

/// <summary>Samples allocations by type (the runtime's GCAllocationTick events, about one per 100 KB) while a durable run is
/// measured; <c>PLATFORM_BENCH_ALLOC_TYPES=1</c> turns it on. A diagnostic: where the bytes per execution go.</summary>
internal sealed class AllocSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _byType = new();
    private volatile bool _on;

    public void Start() => _on = true;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_on || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        int i = e.PayloadNames!.IndexOf("TypeName");
        int a = e.PayloadNames!.IndexOf("AllocationAmount64");
        string type = i >= 0 ? e.Payload[i]?.ToString() ?? "?" : "?";
        long amount = a >= 0 ? Convert.ToInt64(e.Payload[a]) : 100_000;
        _byType.AddOrUpdate(type, amount, (_, v) => v + amount);
    }

    public void Dump(long count)
    {
        foreach (var (k, v) in _byType.OrderByDescending(p => p.Value).Take(45))
        {
            Console.WriteLine($"{v / (double)count,10:N0} B/exec  {k}");
        }
    }
}
