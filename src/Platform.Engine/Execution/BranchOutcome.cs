using Platform.Asl.Json;

namespace Platform.Engine.Execution;

/// <summary>How a machine, branch or iteration ended.</summary>
internal readonly record struct BranchOutcome(JNode? Output, string? Error, string? Cause, bool Failed, bool Aborted)
{
    public static BranchOutcome Success(JNode output) => new(output, null, null, false, false);

    public static BranchOutcome Failure(string? error, string? cause) => new(null, error, cause, true, false);

    public static BranchOutcome Abort() => new(null, null, null, true, true);
}
