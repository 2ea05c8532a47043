using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Benchmarks;

/// <summary>A fixed input and Context Object for path and intrinsic evaluation.</summary>
internal sealed class TestContext(JNode input, JNode contextObject) : EvaluationContext
{
    public override JNode Input => input;

    public override JNode ContextObject => contextObject;

    public override Guid NewGuid() => Guid.Empty;
}
