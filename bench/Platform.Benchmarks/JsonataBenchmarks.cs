using BenchmarkDotNet.Attributes;
using Platform.Asl.Json;
using Platform.Asl.Jsonata;

namespace Platform.Benchmarks;

/// <summary>JSONata evaluation with ASL-style bindings: the shapes answered straight on JSON, and the general evaluator.</summary>
[MemoryDiagnoser]
public class JsonataBenchmarks
{
    private readonly Dictionary<string, JNode> _bindings = new()
    {
        ["states"] = new JObject(["input", "result"], [Documents.Order, JNode.Parse("""{"ok":true,"price":12.5}""")]),
        ["limit"] = JNode.From(3),
    };

    private readonly JsonataExpression _path = JsonataExpression.Compile("$states.input.customer.address.city");
    private readonly JsonataExpression _merge = JsonataExpression.Compile("$merge([$states.input, {'checks': $states.result}])");
    private readonly JsonataExpression _concat = JsonataExpression.Compile("'order-' & $states.input.id & '-' & $states.input.customer.tier");
    private readonly JsonataExpression _condition = JsonataExpression.Compile("$states.input.customer.tier = 'gold' and $count($states.input.items) > $limit");
    private readonly JsonataExpression _aggregate = JsonataExpression.Compile("$sum($states.input.items.(qty * price))");
    private readonly JsonataExpression _filter = JsonataExpression.Compile("$states.input.items[qty > 1].sku");
    private readonly JsonataExpression _sort = JsonataExpression.Compile("$states.input.items^(>price).{'sku': sku, 'total': qty * price}");
    private readonly JsonataExpression _lambda = JsonataExpression.Compile("$map($states.input.items, function($i) { $i.qty * 2 }) ~> $filter(function($v) { $v > 3 })");

    [Benchmark(Baseline = true)]
    public JNode? VariablePath() => _path.Evaluate(null, _bindings);

    [Benchmark]
    public JNode? MergeResultIntoInput() => _merge.Evaluate(null, _bindings);

    [Benchmark]
    public JNode? StringConcatenation() => _concat.Evaluate(null, _bindings);

    [Benchmark]
    public JNode? ChoiceCondition() => _condition.Evaluate(null, _bindings);

    [Benchmark]
    public JNode? Aggregate() => _aggregate.Evaluate(null, _bindings);

    [Benchmark]
    public JNode? Filter() => _filter.Evaluate(null, _bindings);

    [Benchmark]
    public JNode? SortAndProject() => _sort.Evaluate(null, _bindings);

    [Benchmark]
    public JNode? Lambdas() => _lambda.Evaluate(null, _bindings);

    [Benchmark]
    public JsonataExpression Compile() => JsonataExpression.Compile("$merge([$states.input, {'checks': $states.result}])");
}
