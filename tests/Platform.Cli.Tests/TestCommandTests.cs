using Platform.Asl.Json;

namespace Platform.Cli.Tests;

public sealed class TestCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public TestCommandTests()
    {
        _cli.Write("cases/pass-a.json", Case("good/a", """["jsonpath", "pass"]""", "1", """{ "status": "SUCCEEDED", "output": 1 }"""));
        _cli.Write("cases/nested/pass-b.json", Case("good/b", """["jsonata"]""", "2", """{ "status": "SUCCEEDED", "output": 2 }"""));
        _cli.Write("cases/nested/wrong.json", Case("bad/wrong", """["jsonpath"]""", "3", """{ "status": "SUCCEEDED", "output": 4 }"""));
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Test_PrintsEachFailureThenTheSummaryLine_AndExitsOne()
    {
        var result = await CliHarness.RunAsync("test", _cli.PathOf("cases"));

        result.ExitCode.Should().Be(1, result.ToString());
        result.StdoutLines.Should().Equal(
            "FAIL bad/wrong: output differs expected output 4, actual output 3",
            "2 passed, 1 failed");
    }

    [Fact]
    public async Task Test_AllPassing_PrintsOnlyTheSummaryAndExitsZero()
    {
        var result = await CliHarness.RunAsync("test", _cli.PathOf("cases/pass-a.json"), _cli.PathOf("cases/nested/pass-b.json"));

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("2 passed, 0 failed\n");
    }

    [Fact]
    public async Task Test_Progress_PrintsHowFarTheRunIsOnStderr_AndLeavesStdoutAlone()
    {
        var result = await CliHarness.RunAsync("test", _cli.PathOf("cases"), "--progress", "--parallel", "1");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            ["[1/3] 0 failed", "[2/3] 1 failed", "[3/3] 1 failed"],
            "one line per tenth of three cases, in file order (nested/pass-b, nested/wrong, pass-a) on one worker");
        result.StdoutLines.Should().EndWith("2 passed, 1 failed");

        var quiet = await CliHarness.RunAsync("test", _cli.PathOf("cases"));
        quiet.Stderr.Should().BeEmpty("without --progress and without a terminal nothing is added");
    }

    [Fact]
    public async Task Test_Tags_RunCasesWithAnyOfThem()
    {
        var result = await CliHarness.RunAsync("test", _cli.PathOf("cases"), "--tag", "pass", "--tag", "jsonata");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("2 passed, 0 failed\n");
    }

    [Fact]
    public async Task Test_TagMatchingNothing_IsAUsageError()
    {
        var result = await CliHarness.RunAsync("test", _cli.PathOf("cases"), "--tag", "nope");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("no test case has any of the tags nope");
    }

    [Fact]
    public async Task Test_Report_WritesEveryCase()
    {
        string report = _cli.PathOf("out/report.json");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);

        var result = await CliHarness.RunAsync("test", _cli.PathOf("cases"), "--report", report);

        result.ExitCode.Should().Be(1, result.ToString());
        var json = (JObject)JNode.Parse(await File.ReadAllTextAsync(report));
        json["passed"].Should().Be(JNode.From(2));
        json["failed"].Should().Be(JNode.From(1));
        var cases = ((JArray)json["cases"]!).Cast<JObject>().ToList();
        cases.Select(c => ((JString)c["name"]!).Value).Should().BeEquivalentTo("good/a", "good/b", "bad/wrong");
        var wrong = cases.Single(c => c["name"]!.Equals(JNode.From("bad/wrong")));
        wrong["status"].Should().Be(JNode.From("failed"));
        wrong["reason"].Should().Be(JNode.From("output differs expected output 4, actual output 3"));
        wrong["expected"].Should().Be(JNode.Parse("""{ "status": "SUCCEEDED", "output": 4 }"""));
        wrong["actual"].Should().Be(JNode.Parse("""{ "status": "SUCCEEDED", "output": 3 }"""));
        wrong["tags"].Should().Be(JNode.Parse("""["jsonpath"]"""));
        ((JString)wrong["file"]!).Value.Should().EndWith("wrong.json");
        wrong["durationMs"].Should().BeOfType<JNumber>();
    }

    [Theory]
    [InlineData("0.6", 0)]
    [InlineData("0.7", 1)]
    public async Task Test_MinPassRate_DecidesTheExitCode(string rate, int exitCode)
    {
        var result = await CliHarness.RunAsync("test", _cli.PathOf("cases"), "--min-pass-rate", rate);

        result.ExitCode.Should().Be(exitCode, result.ToString());
        result.StdoutLines[^1].Should().Be("2 passed, 1 failed");
    }

    [Theory]
    [InlineData("--min-pass-rate", "1.5")]
    [InlineData("--min-pass-rate", "abc")]
    [InlineData("--timeout", "0")]
    [InlineData("--parallel", "0")]
    [InlineData("--no-such-option", "x")]
    public async Task Test_BadArguments_ExitTwo(string option, string value)
    {
        var result = await CliHarness.RunAsync("test", _cli.PathOf("cases"), option, value);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Test_MissingPath_ExitsTwo()
    {
        var result = await CliHarness.RunAsync("test", _cli.PathOf("nowhere"));

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("no such file or directory");
    }

    [Fact]
    public async Task Test_MalformedCaseFile_FailsThatCaseWithFileAndField()
    {
        string broken = _cli.Write("cases/broken.json", """{ "name": "broken", "definition": {}, "expect": { "status": "DONE" } }""");

        var result = await CliHarness.RunAsync("test", _cli.PathOf("cases"));

        result.ExitCode.Should().Be(1);
        result.StdoutLines.Should().Contain($"FAIL {broken}: invalid test case: {broken}: /expect/status: must be SUCCEEDED, FAILED or TIMED_OUT, found string \"DONE\"");
        result.StdoutLines[^1].Should().Be("2 passed, 2 failed");
    }

    [Fact]
    public async Task Test_DefinitionFilesInTheDirectory_AreNotCases()
    {
        _cli.Write("cases/machines/m.asl.json", """{ "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }""");
        _cli.Write("cases/uses-file.json", """{ "name": "file/case", "definitionFile": "machines/m.asl.json", "input": 5, "expect": { "status": "SUCCEEDED", "output": 5 } }""");

        var result = await CliHarness.RunAsync("test", _cli.PathOf("cases"));

        result.StdoutLines[^1].Should().Be("3 passed, 1 failed");
    }

    private static string Case(string name, string tags, string input, string expect) => $$"""
        {
          "name": "{{name}}",
          "tags": {{tags}},
          "definition": { "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } },
          "input": {{input}},
          "expect": {{expect}}
        }
        """;
}
