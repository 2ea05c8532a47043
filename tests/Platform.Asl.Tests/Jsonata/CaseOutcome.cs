namespace Platform.Asl.Tests.Jsonata;

/// <summary>What happened to one suite case.</summary>
public sealed record CaseOutcome(CaseStatus Status, string Detail)
{
    /// <summary>Gets how long the case took.</summary>
    public TimeSpan Elapsed { get; init; }
}
