using Platform.Asl.Json;

namespace Platform.Asl.Model;

/// <summary>A Fail state.</summary>
public sealed record FailState : StateDefinition
{
    /// <inheritdoc />
    public override StateType Type => StateType.Fail;

    /// <summary>Gets Error as written: a string (or a JSONata string), if any.</summary>
    public JNode? Error { get; init; }

    /// <summary>Gets ErrorPath (a path or an intrinsic), if any.</summary>
    public string? ErrorPath { get; init; }

    /// <summary>Gets Cause as written, if any.</summary>
    public JNode? Cause { get; init; }

    /// <summary>Gets CausePath (a path or an intrinsic), if any.</summary>
    public string? CausePath { get; init; }
}
