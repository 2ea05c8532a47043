using BenchmarkDotNet.Attributes;
using Platform.Asl.DataFlow;
using Platform.Asl.Json;

namespace Platform.Benchmarks;

/// <summary>Intrinsic functions inside a payload template, as a Parameters block evaluates them.</summary>
[MemoryDiagnoser]
public class IntrinsicBenchmarks
{
    private readonly TestContext _scope = new(Documents.Order, Documents.Context);
    private readonly PayloadTemplate _format = Compile("""{"tag.$": "States.Format('order-{}-{}', $.id, $.customer.tier)"}""");
    private readonly PayloadTemplate _merge = Compile("""{"merged.$": "States.JsonMerge($.customer, $.customer.address, false)"}""");
    private readonly PayloadTemplate _array = Compile("""{"parts.$": "States.ArrayPartition($.items, 2)", "n.$": "States.ArrayLength($.items)"}""");
    private readonly PayloadTemplate _math = Compile("""{"sum.$": "States.MathAdd($.items[0].qty, $.items[1].qty)"}""");
    private readonly PayloadTemplate _hash = Compile("""{"hash.$": "States.Hash($.notes, 'SHA-256')"}""");
    private readonly PayloadTemplate _json = Compile("""{"text.$": "States.JsonToString($.customer)"}""");

    [Benchmark(Baseline = true)]
    public JNode Format() => _format.Evaluate(_scope);

    [Benchmark]
    public JNode JsonMerge() => _merge.Evaluate(_scope);

    [Benchmark]
    public JNode ArrayPartitionAndLength() => _array.Evaluate(_scope);

    [Benchmark]
    public JNode MathAdd() => _math.Evaluate(_scope);

    [Benchmark]
    public JNode Hash() => _hash.Evaluate(_scope);

    [Benchmark]
    public JNode JsonToString() => _json.Evaluate(_scope);

    private static PayloadTemplate Compile(string json) => PayloadTemplate.Compile(JNode.Parse(json));
}
