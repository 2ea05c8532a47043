using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.Tests.TestSupport;

/// <summary>An evaluation context with a fixed input, Context Object and variables, and a deterministic id source.</summary>
public sealed class TestEvaluationContext : EvaluationContext
{
    private readonly Dictionary<string, JNode> _variables = new(StringComparer.Ordinal);
    private int _guids;

    public TestEvaluationContext(JNode input, JNode? contextObject = null)
    {
        Input = input;
        ContextObject = contextObject ?? JObject.Empty;
    }

    public TestEvaluationContext(string inputJson = "{}", string? contextJson = null)
        : this(JNode.Parse(inputJson), contextJson is null ? null : JNode.Parse(contextJson))
    {
    }

    public override JNode Input { get; }

    public override JNode ContextObject { get; }

    public int GuidsIssued => _guids;

    public TestEvaluationContext WithVariable(string name, string json)
    {
        _variables[name] = JNode.Parse(json);
        return this;
    }

    public override bool TryGetVariable(string name, out JNode value)
    {
        if (_variables.TryGetValue(name, out var found))
        {
            value = found;
            return true;
        }

        value = JNode.Null;
        return false;
    }

    /// <summary>Returns 00000000-0000-0000-0000-000000000001, …02 and so on: deterministic, as in an orchestration.</summary>
    public override Guid NewGuid()
    {
        _guids++;
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        bytes[15] = (byte)_guids;
        bytes[14] = 0xC7;
        bytes[0] = 0x5A;
        return new Guid(bytes, bigEndian: true);
    }
}
