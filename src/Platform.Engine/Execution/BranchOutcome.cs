using Platform.Asl.Json;

namespace Platform.Engine.Execution;

/// <summary>How a machine, branch or iteration ended.</summary>
internal readonly record struct BranchOutcome(JNode? Output, string? Error, string? Cause, bool Failed, bool Aborted)
{
    /// <summary>Gets the state to continue at when the top-level machine stopped to continue as new.</summary>
    public string? ContinueAt { get; init; }

    public static BranchOutcome Success(JNode output) => new(output, null, null, false, false);

    public static BranchOutcome Failure(string? error, string? cause) => new(null, error, cause, true, false);

    public static BranchOutcome Abort() => new(null, null, null, true, true);

    /// <summary>The top-level machine stopped before entering <paramref name="state"/> with <paramref name="input"/>, to continue as new.</summary>
    public static BranchOutcome Continue(string state, JNode input) => new(input, null, null, false, false) { ContinueAt = state };
}
