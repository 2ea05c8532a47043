using BenchmarkDotNet.Attributes;
using Platform.Asl.Json;
using Platform.Asl.Parsing;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;
using Platform.Runtime.InMemory;

namespace Platform.Benchmarks;

/// <summary>The data-flow pipeline of one Task state (InputPath, Parameters, the task, ResultSelector, ResultPath,
/// OutputPath) in JSONPath, and the same state in JSONata (Arguments, Output), each as a one-state execution on the
/// in-memory host. The difference from <see cref="EmptyTask"/> is the pipeline's cost.</summary>
[MemoryDiagnoser]
public class DataFlowBenchmarks
{
    private readonly InMemoryHost _host = new(new TaskHandlerRegistry().Register("Echo", input => TaskOutcome.Success(input)));
    private readonly StateMachineOrchestrator _empty = Compile("""
        { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Echo", "End": true } } }
        """);

    private readonly StateMachineOrchestrator _jsonPath = Compile("""
        { "StartAt": "T", "States": { "T": {
            "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Echo",
            "InputPath": "$.customer",
            "Parameters": { "name.$": "$.name", "city.$": "$.address.city", "tier.$": "$.tier", "fixed": 1 },
            "ResultSelector": { "echoed.$": "$.name", "where.$": "States.Format('{} ({})', $.city, $.tier)" },
            "ResultPath": "$.result",
            "OutputPath": "$.result",
            "End": true } } }
        """);

    private readonly StateMachineOrchestrator _jsonata = Compile("""
        { "QueryLanguage": "JSONata", "StartAt": "T", "States": { "T": {
            "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Echo",
            "Arguments": { "name": "{% $states.input.customer.name %}", "city": "{% $states.input.customer.address.city %}", "tier": "{% $states.input.customer.tier %}", "fixed": 1 },
            "Output": { "echoed": "{% $states.result.name %}", "where": "{% $states.result.city & ' (' & $states.result.tier & ')' %}" },
            "End": true } } }
        """);

    private readonly ExecutionInput _input = new() { Input = Documents.Order, StateMachineName = "dataflow" };

    [Benchmark(Baseline = true)]
    public async Task<JNode?> EmptyTask() => (await _host.RunAsync(_empty, _input)).Output;

    [Benchmark]
    public async Task<JNode?> JsonPathPipeline() => (await _host.RunAsync(_jsonPath, _input)).Output;

    [Benchmark]
    public async Task<JNode?> JsonataPipeline() => (await _host.RunAsync(_jsonata, _input)).Output;

    private static StateMachineOrchestrator Compile(string json)
    {
        var parsed = AslParser.Parse(json);
        return new StateMachineOrchestrator(parsed.Definition ?? throw new InvalidOperationException(string.Join("; ", parsed.Errors)));
    }
}
