using Platform.Asl.Json;

namespace Platform.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private const string Echo = """{ "StartAt": "P", "States": { "P": { "Type": "Pass", "Parameters": { "got.$": "$.x" }, "End": true } } }""";

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_PrintsTheOutputIndented()
    {
        string file = _cli.Write("echo.json", Echo);

        var result = await CliHarness.RunAsync("run", file, "--input", """{ "x": [1, 2] }""");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be(JNode.Parse("""{ "got": [1, 2] }""").ToJson(indented: true) + "\n");
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_InputFromAFile()
    {
        string file = _cli.Write("echo.json", Echo);
        string input = _cli.Write("input.json", """{ "x": "from file" }""");

        var result = await CliHarness.RunAsync("run", file, "--input", "@" + input);

        result.ExitCode.Should().Be(0, result.ToString());
        JNode.Parse(result.Stdout).Should().Be(JNode.Parse("""{ "got": "from file" }"""));
    }

    [Fact]
    public async Task Run_FailedExecution_PrintsErrorAndCauseToStderrAndExitsOne()
    {
        string file = _cli.Write("fail.json", """{ "StartAt": "F", "States": { "F": { "Type": "Fail", "Error": "Oops", "Cause": "it broke" } } }""");

        var result = await CliHarness.RunAsync("run", file);

        result.ExitCode.Should().Be(1);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Be("execution FAILED\nerror: Oops\ncause: it broke\n");
    }

    [Fact]
    public async Task Run_History_PrintsOneAwsEventPerLineBeforeTheOutput()
    {
        string file = _cli.Write("echo.json", Echo);

        var result = await CliHarness.RunAsync("run", file, "--history", "--input", """{ "x": 1 }""");

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.StdoutLines;
        var events = lines.TakeWhile(l => l.StartsWith("{\"timestamp\"", StringComparison.Ordinal)).Select(l => (JObject)JNode.Parse(l)).ToList();
        events.Select(e => ((JString)e["type"]!).Value).Should().Equal("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        events[0]["id"].Should().Be(JNode.From(1));
        JNode.Parse(string.Join("\n", lines.Skip(events.Count))).Should().Be(JNode.Parse("""{ "got": 1 }"""));
    }

    [Fact]
    public async Task Run_Mocks_ServeTheTasks()
    {
        string file = _cli.Write("task.json", """
            {
              "StartAt": "Call",
              "States": {
                "Call": {
                  "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
                  "Retry": [{ "ErrorEquals": ["States.ALL"], "IntervalSeconds": 3600, "MaxAttempts": 1 }],
                  "End": true
                }
              }
            }
            """);
        string mocks = _cli.Write("mocks.json", """{ "Call": { "0": { "Throw": { "Error": "Busy" } }, "1": { "Return": { "done": true } } } }""");

        var result = await CliHarness.RunAsync("run", file, "--mocks", mocks, "--virtual-time");

        result.ExitCode.Should().Be(0, result.ToString());
        JNode.Parse(result.Stdout).Should().Be(JNode.Parse("""{ "done": true }"""));
    }

    [Fact]
    public async Task Run_UnmockedTask_FailsWithTheNoHandlerError()
    {
        string file = _cli.Write("task.json", """{ "StartAt": "Call", "States": { "Call": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "End": true } } }""");

        var result = await CliHarness.RunAsync("run", file);

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Contain("error: States.Runtime").And.Contain("No task handler named 'work'");
    }

    [Fact]
    public async Task Run_InvalidInputJson_ExitsTwoWithWhereItBroke()
    {
        string file = _cli.Write("echo.json", Echo);

        var result = await CliHarness.RunAsync("run", file, "--input", """{ "x": """);

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().StartWith("error: --input is not valid JSON: line 1, column ");
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_MissingInputFile_ExitsTwo()
    {
        string file = _cli.Write("echo.json", Echo);

        var result = await CliHarness.RunAsync("run", file, "--input", "@" + _cli.PathOf("nope.json"));

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("--input file not found");
    }

    [Fact]
    public async Task Run_InvalidMocksFile_ExitsTwoNamingTheField()
    {
        string file = _cli.Write("echo.json", Echo);
        string mocks = _cli.Write("mocks.json", """{ "Call": { "x": { "Return": 1 } } }""");

        var result = await CliHarness.RunAsync("run", file, "--mocks", mocks);

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("invalid --mocks file").And.Contain("/Call/x: must be a zero-based invocation number");
    }

    [Fact]
    public async Task Run_InvalidDefinition_ExitsTwoWithTheDiagnostics()
    {
        string file = _cli.Write("bad.json", """{ "StartAt": "Nope", "States": { "A": { "Type": "Pass", "End": true } } }""");

        var result = await CliHarness.RunAsync("run", file);

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("is not a valid state machine").And.Contain("error /StartAt: ");
    }

    [Fact]
    public async Task Run_VirtualTime_FinishesALongWaitAtOnce()
    {
        string file = _cli.Write("wait.json", """{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": 86400, "End": true } } }""");

        var result = await CliHarness.RunAsync("run", file, "--virtual-time", "--input", "[1]");

        result.ExitCode.Should().Be(0, result.ToString());
        JNode.Parse(result.Stdout).Should().Be(JNode.Parse("[1]"));
    }
}
