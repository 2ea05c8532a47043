using Platform.Asl.Json;

namespace Platform.Asl.Paths;

/// <summary>What paths and intrinsics evaluate against: the input, the Context Object, variables, and a deterministic source of ids.</summary>
public abstract class EvaluationContext
{
    /// <summary>Gets the document that <c>$</c> refers to.</summary>
    public abstract JNode Input { get; }

    /// <summary>Gets the Context Object that <c>$$</c> refers to (built on first use by implementations).</summary>
    public abstract JNode ContextObject { get; }

    /// <summary>Looks up a variable.</summary>
    public virtual bool TryGetVariable(string name, out JNode value)
    {
        value = JNode.Null;
        return false;
    }

    /// <summary>Returns a new GUID; orchestration hosts return a replay-safe one.</summary>
    public abstract Guid NewGuid();
}
