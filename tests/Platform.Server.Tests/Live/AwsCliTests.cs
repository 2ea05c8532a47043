using System.Diagnostics;
using Platform.Asl.Json;

namespace Platform.Server.Tests.Live;

/// <summary>The AWS CLI against a live <c>platform serve</c>, authenticated with the API key as its access key id.</summary>
public sealed class AwsCliTests
{
    private const string Key = "live-cli-key";

    private const string Callback = """
        {"StartAt":"Approve","States":{
          "Approve":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters":{"QueueUrl":"approvals","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}
        """;

    private const string LongWait = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}""";

    [RequiresToolFact(Tools.AwsCli)]
    public async Task AwsCli_CallbackWorkflow_CreateStartDescribeHistorySendSuccessStop()
    {
        Tools.Require(Tools.AwsCli);
        await using var server = await LiveServer.StartAsync(Key);
        string machines = (await AwsAsync(server, Key, "list-state-machines")).Json;
        machines.Should().Contain("stateMachine:hello-world", "the samples are registered on start");

        string definitionFile = Path.Combine(Path.GetTempPath(), $"callback-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(definitionFile, Callback);
        try
        {
            var created = Parse((await AwsAsync(server, Key, "create-state-machine", "--name", "approval", "--definition", "file://" + definitionFile,
                "--role-arn", "arn:aws:iam::123456789012:role/approver")).Json);
            string machine = Str(created, "stateMachineArn");
            machine.Should().Be("arn:aws:states:us-east-1:123456789012:stateMachine:approval");

            var started = Parse((await AwsAsync(server, Key, "start-execution", "--state-machine-arn", machine, "--name", "order-1", "--input", """{"order":1}""")).Json);
            string execution = Str(started, "executionArn");
            Str(Parse((await AwsAsync(server, Key, "describe-execution", "--execution-arn", execution)).Json), "status").Should().Be("RUNNING");

            string token = await TokenAsync(server, execution);
            (await AwsAsync(server, Key, "send-task-success", "--task-token", token, "--task-output", """{"approved":true}""")).Json.Trim().Should().BeEmpty();
            var ended = await WaitForEndAsync(server, execution);
            Str(ended, "status").Should().Be("SUCCEEDED");
            JNode.Parse(Str(ended, "output")).Should().Be(JNode.Parse("""{"approved":true}"""));

            var history = Parse((await AwsAsync(server, Key, "get-execution-history", "--execution-arn", execution, "--reverse-order", "--max-items", "1")).Json);
            Str((JObject)((JArray)history["events"]!)[0], "type").Should().Be("ExecutionSucceeded");

            await File.WriteAllTextAsync(definitionFile, LongWait);
            string waiting = Str(Parse((await AwsAsync(server, Key, "create-state-machine", "--name", "waiting", "--definition", "file://" + definitionFile,
                "--role-arn", "arn:aws:iam::123456789012:role/waiter")).Json), "stateMachineArn");
            string stopMe = Str(Parse((await AwsAsync(server, Key, "start-execution", "--state-machine-arn", waiting)).Json), "executionArn");
            Parse((await AwsAsync(server, Key, "stop-execution", "--execution-arn", stopMe, "--error", "Cancelled", "--cause", "by the test")).Json)["stopDate"]
                .Should().NotBeNull();
            var stopped = await WaitForEndAsync(server, stopMe);
            (Str(stopped, "status"), Str(stopped, "error"), Str(stopped, "cause")).Should().Be(("ABORTED", "Cancelled", "by the test"));

            var missing = await AwsAsync(server, Key, ["describe-execution", "--execution-arn", machine.Replace("stateMachine", "execution") + ":nope"], expectFailure: true);
            missing.Error.Should().Contain("ExecutionDoesNotExist");
            var refused = await AwsAsync(server, "wrong-key", ["list-state-machines"], expectFailure: true);
            refused.Error.Should().Contain("UnrecognizedClientException");
        }
        finally
        {
            File.Delete(definitionFile);
        }

        (await server.StopAsync()).Should().Be(0, $"Ctrl+C stops the server gracefully; its output was:\n{server.Output}");
        server.Output.Should().Contain("Stopped.");
    }

    private static async Task<string> TokenAsync(LiveServer server, string execution)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var history = Parse((await AwsAsync(server, Key, "get-execution-history", "--execution-arn", execution)).Json);
            var scheduled = ((JArray)history["events"]!).Cast<JObject>().FirstOrDefault(e => Str(e, "type") == "TaskScheduled");
            if (scheduled is not null)
            {
                var parameters = (JObject)JNode.Parse(Str((JObject)scheduled["taskScheduledEventDetails"]!, "parameters"));
                return Str((JObject)parameters["MessageBody"]!, "token");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("no TaskScheduled event: " + history);
            }

            await Task.Delay(100);
        }
    }

    private static async Task<JObject> WaitForEndAsync(LiveServer server, string execution)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var described = Parse((await AwsAsync(server, Key, "describe-execution", "--execution-arn", execution)).Json);
            if (Str(described, "status") != "RUNNING")
            {
                return described;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("still running: " + described);
            }

            await Task.Delay(100);
        }
    }

    private static Task<(string Json, string Error)> AwsAsync(LiveServer server, string key, params string[] arguments) =>
        AwsAsync(server, key, arguments, expectFailure: false);

    private static async Task<(string Json, string Error)> AwsAsync(LiveServer server, string key, string[] arguments, bool expectFailure)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "stepfunctions", "--endpoint-url", server.Url, "--output", "json" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = key;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "unused-by-the-server";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if ((process.ExitCode == 0) == expectFailure)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }

        return (await output, await error);
    }

    private static JObject Parse(string json) => (JObject)JNode.Parse(json);

    private static string Str(JObject o, string key) => ((JString)o[key]!).Value;
}
