using System.Text;
using BenchmarkDotNet.Attributes;
using Platform.Asl.Json;

namespace Platform.Benchmarks;

/// <summary>Writing an API answer: a StartSyncExecution-shaped object (input and output as JSON text inside it), as text
/// then UTF-8 (the old path) and straight into UTF-8 bytes (what the server does now).</summary>
[MemoryDiagnoser]
public class JsonWriteBenchmarks
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly JObject _answer = new(
        ["executionArn", "stateMachineArn", "name", "startDate", "stopDate", "status", "input", "inputDetails", "output", "outputDetails"],
        [
            JNode.From("arn:aws:states:us-east-1:123456789012:express:hello-choice:5f0c1a52-0d5e-4b8e-9d0f-3f1a2b4c5d6e:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"),
            JNode.From("arn:aws:states:us-east-1:123456789012:stateMachine:hello-choice"),
            JNode.From("5f0c1a52-0d5e-4b8e-9d0f-3f1a2b4c5d6e"),
            JNode.From(1795294881.243),
            JNode.From(1795294881.261),
            JNode.From("SUCCEEDED"),
            JNode.From(Documents.Order.ToString()),
            new JObject(["included"], [JNode.True]),
            JNode.From(Documents.Context.ToString()),
            new JObject(["included"], [JNode.True]),
        ]);

    [Benchmark(Baseline = true)]
    public int TextThenUtf8() => Encoding.UTF8.GetBytes(_answer.ToJson(), _buffer);

    [Benchmark]
    public int StraightToUtf8() => JsonWriter.TryWriteUtf8(_answer, _buffer, out int written) ? written : -1;
}
