using System.Globalization;
using System.Text;
using Platform.Runtime.Testing;
using Xunit.Abstractions;

namespace Platform.Runtime.Tests.Testing;

/// <summary>Runs the AWS-recorded conformance cases (../shared/conformance/aws-recorded beside the repository) and holds pass-rate floors.</summary>
public class ConformanceTests(ITestOutputHelper output)
{
    /// <summary>The floor for JSONPath cases: the engine must reproduce AWS on nearly all of them.</summary>
    private const double JsonPathFloor = 0.98;

    /// <summary>The floor over every tag (issue 3 asks for 98%). Measured: 544 of 544.</summary>
    private const double AllTagsFloor = 0.98;

    /// <summary>The floor for JSONata and variables cases (issue 3 asks for 95%). Measured: all 76 JSONata and 28 variables cases pass.</summary>
    private const double JsonataFloor = 0.95;

    [Fact]
    public async Task JsonPathCases_PassRateIsAtLeast98Percent()
    {
        var summary = await RunAsync(["jsonpath"]);

        summary.Results.Should().NotBeEmpty("the jsonpath cases must be found");
        summary.PassRate.Should().BeGreaterThanOrEqualTo(JsonPathFloor, Describe(summary));
    }

    [Theory]
    [InlineData("jsonata")]
    [InlineData("variables")]
    public async Task JsonataAndVariablesCases_PassRateIsAtLeast95Percent(string tag)
    {
        var summary = await RunAsync([tag]);

        summary.Results.Should().NotBeEmpty($"the {tag} cases must be found");
        summary.PassRate.Should().BeGreaterThanOrEqualTo(JsonataFloor, Describe(summary));
    }

    [Fact]
    public async Task AllCases_PassRateHoldsTheMeasuredFloor()
    {
        var summary = await RunAsync([]);

        summary.Results.Should().NotBeEmpty("the conformance cases must be found");
        summary.PassRate.Should().BeGreaterThanOrEqualTo(AllTagsFloor, Describe(summary));
    }

    [Fact]
    public async Task AllCases_PassTheSameOnTheDurableHost()
    {
        // Issue 4: the same cases through both hosts; the durable one runs each as a Standard execution on its own journal.
        var inMemory = await RunAsync([]);
        var durable = await RunAsync([], durable: true);

        durable.Results.Should().HaveCount(inMemory.Results.Count);
        durable.PassRate.Should().BeGreaterThanOrEqualTo(AllTagsFloor, Describe(durable));

        // Any case that fails on one host and passes on the other is a difference between the hosts, unless it ran out of
        // its wall-clock budget (a loaded machine), which says nothing about behaviour.
        static bool Differs(TestCaseResult result) => result.Reason?.StartsWith("timed out", StringComparison.Ordinal) != true;
        durable.Failures.Where(Differs).Select(f => f.Name)
            .Should().BeSubsetOf(inMemory.Failures.Select(f => f.Name), "durable: " + Describe(durable) + "\nin memory: " + Describe(inMemory));
    }

    private static string Describe(TestRunSummary summary)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{summary.SummaryLine} (pass rate {summary.PassRate:0.000}); failing cases:");
        foreach (var failure in summary.Failures)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {failure.Name}: {failure.Reason}");
        }

        return text.ToString();
    }

    private static string CasesDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
        {
            directory = directory.Parent;
        }

        if (directory?.Parent is null)
        {
            throw new InvalidOperationException($"No Platform.sln above {AppContext.BaseDirectory}.");
        }

        return Path.Combine(directory.Parent.FullName, "shared", "conformance", "aws-recorded");
    }

    private async Task<TestRunSummary> RunAsync(string[] tags, bool durable = false)
    {
        string cases = CasesDirectory();
        Directory.Exists(cases).Should().BeTrue($"the conformance cases are expected in {cases}");
        var summary = await new TestCaseRunner(new TestRunnerOptions { Tags = tags, Durable = durable }).RunPathAsync(cases);
        output.WriteLine(Describe(summary));
        return summary;
    }
}
