using Platform.Asl.Json;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.Api;

public sealed class ExpressTests
{
    private static string Str(JObject o, string key) => ((JString)o[key]!).Value;

    [Fact]
    public async Task StartSyncExecution_Express_ReturnsOutputOrErrorAsAws()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("x", Definitions.Double, "EXPRESS");
        var ok = await h.OkAsync("StartSyncExecution", new { stateMachineArn = machine, name = "sync1", input = """{"n":4}""" });
        Str(ok, "status").Should().Be("SUCCEEDED");
        JNode.Parse(Str(ok, "output")).Should().Be(JNode.Parse("""{"n":8}"""));
        Str(ok, "executionArn").Should().MatchRegex(@"^arn:aws:states:us-east-1:123456789012:express:x:sync1:[0-9a-f-]{36}$");
        Str(ok, "stateMachineArn").Should().Be(machine);
        ok["stopDate"].Should().BeOfType<JNumber>();

        string failing = await h.CreateAsync("xf", Definitions.Fails, "EXPRESS");
        var failed = await h.OkAsync("StartSyncExecution", new { stateMachineArn = failing });
        Str(failed, "status").Should().Be("FAILED");
        Str(failed, "error").Should().Be("My.Error");
        Str(failed, "cause").Should().Be("my cause");
        failed.ContainsKey("output").Should().BeFalse();

        string standard = await h.CreateAsync("s", Definitions.Pass);
        (await h.CallAsync("StartSyncExecution", new { stateMachineArn = standard })).ShouldFailWith("StateMachineTypeNotSupported");
        (await h.CallAsync("StartSyncExecution", new { stateMachineArn = machine, input = "nope" })).ShouldFailWith("InvalidExecutionInput");
    }

    [Fact]
    public async Task StartExecution_Express_RunsInMemory_DescribeListHistoryStop()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("x", Definitions.Double, "EXPRESS");
        string arn = Str(await h.OkAsync("StartExecution", new { stateMachineArn = machine, input = """{"n":1}""" }), "executionArn");
        arn.Should().Contain(":express:x:");
        var ended = await h.WaitForEndAsync(arn);
        JNode.Parse(Str(ended, "output")).Should().Be(JNode.Parse("""{"n":2}"""));
        var history = await h.OkAsync("GetExecutionHistory", new { executionArn = arn });
        ((JArray)history["events"]!).Select(e => Str((JObject)e, "type")).Should().Contain("TaskSucceeded");
        var listed = await h.OkAsync("ListExecutions", new { stateMachineArn = machine });
        ((JArray)listed["executions"]!).Select(e => Str((JObject)e, "executionArn")).Should().Equal(arn);
        Str(await h.OkAsync("DescribeStateMachineForExecution", new { executionArn = arn }), "definition").Should().Be(Definitions.Double);

        string slow = await h.CreateAsync("slow", Definitions.LongWait, "EXPRESS");
        string running = Str(await h.OkAsync("StartExecution", new { stateMachineArn = slow }), "executionArn");
        await h.OkAsync("StopExecution", new { executionArn = running, error = "Halt" });
        var stopped = await h.WaitForEndAsync(running);
        Str(stopped, "status").Should().Be("ABORTED");
        Str(stopped, "error").Should().Be("Halt");
        (await h.CallAsync("DescribeExecution", new { executionArn = arn[..^3] + "zzz" })).ShouldFailWith("ExecutionDoesNotExist");
    }
}
