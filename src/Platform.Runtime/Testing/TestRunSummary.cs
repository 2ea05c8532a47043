namespace Platform.Runtime.Testing;

/// <summary>The results of a run of many cases, in the order the cases were given.</summary>
/// <param name="Results">The result of every case that ran.</param>
/// <param name="Skipped">How many cases the tag filter left out.</param>
public sealed record TestRunSummary(IReadOnlyList<TestCaseResult> Results, int Skipped)
{
    /// <summary>Gets how many cases passed.</summary>
    public int Passed => Results.Count(r => r.Passed);

    /// <summary>Gets how many cases failed.</summary>
    public int Failed => Results.Count - Passed;

    /// <summary>Gets the share of cases that passed (1 when none ran).</summary>
    public double PassRate => Results.Count == 0 ? 1.0 : (double)Passed / Results.Count;

    /// <summary>Gets the failed cases.</summary>
    public IEnumerable<TestCaseResult> Failures => Results.Where(r => !r.Passed);

    /// <summary>Gets the summary line: <c>N passed, M failed</c>.</summary>
    public string SummaryLine => $"{Passed} passed, {Failed} failed";
}
