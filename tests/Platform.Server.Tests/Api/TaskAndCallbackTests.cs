using Platform.Asl.Json;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.Api;

public sealed class TaskAndCallbackTests
{
    private static string Str(JObject o, string key) => ((JString)o[key]!).Value;

    [Fact]
    public async Task Task_RegisteredHandler_RunsOnTheServer()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("d", Definitions.Double);
        string arn = Str(await h.OkAsync("StartExecution", new { stateMachineArn = machine, input = """{"n":21}""" }), "executionArn");
        var ended = await h.WaitForEndAsync(arn);
        Str(ended, "status").Should().Be("SUCCEEDED");
        JNode.Parse(Str(ended, "output")).Should().Be(JNode.Parse("""{"n":42}"""));
    }

    [Fact]
    public async Task Task_NoHandler_FailsLikeTheCli()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("t", Definitions.NoHandler);
        string arn = Str(await h.OkAsync("StartExecution", new { stateMachineArn = machine }), "executionArn");
        var ended = await h.WaitForEndAsync(arn);
        Str(ended, "status").Should().Be("FAILED");
        Str(ended, "error").Should().Be("States.Runtime");
        Str(ended, "cause").Should().Contain("No task handler named 'Missing'");
    }

    [Fact]
    public async Task WaitForTaskToken_SuccessFailureHeartbeat_AndTokenErrors()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("cb", Definitions.Callback());
        string ok = Str(await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "ok" }), "executionArn");
        string token = await h.TokenAsync(ok);
        await h.WaitForEventAsync(ok, "TaskSubmitted");
        await h.OkAsync("SendTaskHeartbeat", new { taskToken = token });
        (await h.CallAsync("SendTaskSuccess", new { taskToken = token, output = "{not json" })).ShouldFailWith("InvalidOutput");
        (await h.CallAsync("SendTaskSuccess", new { taskToken = token })).ShouldFailWith("ValidationException").Should().Contain("'output'");
        await h.OkAsync("SendTaskSuccess", new { taskToken = token, output = """{"approved":true}""" });
        var ended = await h.WaitForEndAsync(ok);
        JNode.Parse(Str(ended, "output")).Should().Be(JNode.Parse("""{"answer":{"approved":true},"revision":"one"}"""));
        (await h.CallAsync("SendTaskSuccess", new { taskToken = token, output = "{}" })).ShouldFailWith("TaskTimedOut");
        (await h.CallAsync("SendTaskHeartbeat", new { taskToken = token })).ShouldFailWith("TaskTimedOut");

        string failing = Str(await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "no" }), "executionArn");
        await h.OkAsync("SendTaskFailure", new { taskToken = await h.TokenAsync(failing), error = "Rejected", cause = "not today" });
        var failed = await h.WaitForEndAsync(failing);
        Str(failed, "status").Should().Be("FAILED");
        Str(failed, "error").Should().Be("Rejected");
        Str(failed, "cause").Should().Be("not today");

        (await h.CallAsync("SendTaskSuccess", new { taskToken = "forged", output = "{}" })).ShouldFailWith("InvalidToken");
        (await h.CallAsync("SendTaskFailure", new { taskToken = token[..^2] + (token[^2..] == "AA" ? "BB" : "AA") })).ShouldFailWith("InvalidToken");
        (await h.CallAsync("SendTaskSuccess", new { taskToken = new string('t', 2049), output = "{}" })).ShouldFailWith("ValidationException");
    }

    [Fact]
    public async Task StopExecution_WhileWaitingForToken_TokenThenRefused()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("cb", Definitions.Callback());
        string arn = Str(await h.OkAsync("StartExecution", new { stateMachineArn = machine }), "executionArn");
        string token = await h.TokenAsync(arn);
        await h.OkAsync("StopExecution", new { executionArn = arn });
        Str(await h.WaitForEndAsync(arn), "status").Should().Be("ABORTED");
        (await h.CallAsync("SendTaskSuccess", new { taskToken = token, output = "{}" })).ShouldFailWith("TaskTimedOut");
    }
}
