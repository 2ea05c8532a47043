namespace Platform.Asl.Tests.Jsonata.Formatting;

/// <summary>The tally of one test-suite group: passed, failed (with reasons) and skipped cases.</summary>
public sealed class SuiteOutcome
{
    public int Passed { get; set; }

    /// <summary>Cases run by composing two calls (a pipe or a variable) rather than one direct call.</summary>
    public int Composed { get; set; }

    public List<string> Failures { get; } = [];

    public List<string> Skipped { get; } = [];

    public override string ToString() =>
        $"passed {Passed} (of which {Composed} composed), failed {Failures.Count}, skipped {Skipped.Count}";
}
