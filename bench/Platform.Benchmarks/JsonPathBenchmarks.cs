using BenchmarkDotNet.Attributes;
using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Benchmarks;

/// <summary>JSONPath evaluation: the plain field paths most states use, and the heavier filter and descent forms.</summary>
[MemoryDiagnoser]
public class JsonPathBenchmarks
{
    private readonly JsonPath _field = JsonPath.Parse("$.customer.address.city");
    private readonly JsonPath _index = JsonPath.Parse("$.items[2].sku");
    private readonly JsonPath _filter = JsonPath.Parse("$.items[?(@.qty > 1)].sku");
    private readonly JsonPath _descent = JsonPath.Parse("$..sku");
    private readonly JsonPath _context = JsonPath.Parse("$$.Map.Item.Value.sku");
    private readonly TestContext _scope = new(Documents.Order, Documents.Context);

    [Benchmark(Baseline = true)]
    public JNode? Field() => _field.TryEvaluate(_scope, out var result) ? result : null;

    [Benchmark]
    public JNode? Index() => _index.TryEvaluate(_scope, out var result) ? result : null;

    [Benchmark]
    public JNode? Filter() => _filter.TryEvaluate(_scope, out var result) ? result : null;

    [Benchmark]
    public JNode? Descent() => _descent.TryEvaluate(_scope, out var result) ? result : null;

    [Benchmark]
    public JNode? ContextObject() => _context.TryEvaluate(_scope, out var result) ? result : null;

    [Benchmark]
    public JsonPath Parse() => JsonPath.Parse("$.items[?(@.qty > 1)].sku");
}
