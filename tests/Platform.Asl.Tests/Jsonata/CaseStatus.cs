namespace Platform.Asl.Tests.Jsonata;

/// <summary>Passed, failed or skipped (with a reason in the skip list).</summary>
public enum CaseStatus
{
    Passed,
    Failed,
    Skipped,
}
