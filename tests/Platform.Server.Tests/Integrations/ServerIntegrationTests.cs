using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.Integrations;

public sealed class ServerIntegrationTests
{
    [Fact]
    public async Task CircuitBreaker_OpensAfterFailures_FailsFast_HalfOpensAfterCoolDown_AndCloses()
    {
        int calls = 0;
        var handlers = ServerHarness.DefaultHandlers().Register("Flaky", (Func<JNode, TaskOutcome>)(input =>
        {
            Interlocked.Increment(ref calls);
            return ((JObject)input)["fail"] is JBool { Value: true } ? TaskOutcome.Failure("Payments.Unavailable", "503 from payments") : TaskOutcome.Success(JNode.Parse("""{"paid":true}"""));
        }));
        await using var h = await ServerHarness.StartAsync(
            new Dictionary<string, string?>
            {
                ["ApiKey"] = "k",
                ["CircuitBreakers:0:Resource"] = "arn:aws:lambda:*:function:Flaky",
                ["CircuitBreakers:0:FailureThreshold"] = "2",
                ["CircuitBreakers:0:CoolDownSeconds"] = "0.5",
            },
            handlers);
        void Key(HttpRequestMessage r) => r.Headers.Add("X-Api-Key", "k");
        var created = await h.CallAsync("CreateStateMachine", new { name = "pay", definition = """{"StartAt":"Pay","States":{"Pay":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Flaky","Parameters":{"fail.$":"$.fail"},"End":true}}}""", roleArn = ServerHarness.Role }, Key);
        string machine = created.Body.Str("stateMachineArn");

        async Task<JObject> RunAsync(bool fail)
        {
            string arn = (await h.CallAsync("StartExecution", new { stateMachineArn = machine, input = fail ? """{"fail":true}""" : """{"fail":false}""" }, Key)).Body.Str("executionArn");
            return await HttpSupport.EventuallyAsync<JObject>(
                async () => (await h.CallAsync("DescribeExecution", new { executionArn = arn }, Key)).Body is var d && d.Str("status") != "RUNNING" ? d : null, "the end of " + arn);
        }

        (await RunAsync(true)).Str("error").Should().Be("Payments.Unavailable");
        (await RunAsync(true)).Str("error").Should().Be("Payments.Unavailable");
        var fast = await RunAsync(false);
        fast.Str("error").Should().Be("CircuitBreaker.Open");
        calls.Should().Be(2, "an open circuit does not call the resource");

        (await h.SendAsync(HttpMethod.Get, "/platform/circuit-breakers")).Status.Should().Be(403, "the breaker state is behind the API key");
        var open = (await h.SendAsync(HttpMethod.Get, "/platform/circuit-breakers", configure: Key)).Json;
        var circuit = (JObject)((JArray)open["circuits"]!).Should().ContainSingle().Subject;
        circuit.Str("state").Should().Be("Open");
        circuit.Str("lastError").Should().Be("Payments.Unavailable");

        // After the cool-down the next call is the trial; until then calls keep failing fast.
        var succeeded = await HttpSupport.EventuallyAsync<JObject>(
            async () =>
            {
                var run = await RunAsync(false);
                if (run.Str("status") == "SUCCEEDED")
                {
                    return run;
                }

                run.Str("error").Should().Be("CircuitBreaker.Open");
                return null;
            },
            "a successful trial after the cool-down");
        succeeded.Str("status").Should().Be("SUCCEEDED");
        calls.Should().Be(3, "exactly one trial reached the resource");
        var closed = (JObject)((JArray)(await h.SendAsync(HttpMethod.Get, "/platform/circuit-breakers", configure: Key)).Json["circuits"]!)[0];
        closed.Str("state").Should().Be("Closed");
        var transitions = ((JArray)closed["transitions"]!).Cast<JObject>().Select(t => t.Str("from") + "->" + t.Str("to")).ToList();
        transitions.Should().Equal("HalfOpen->Closed", "Open->HalfOpen", "Closed->Open");
    }

    [Fact]
    public async Task Serve_WithoutBreakers_ReportsNone_AndDeclaredTablesServeDynamoDb()
    {
        await using var h = await ServerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Tables:0:Name"] = "Orders",
            ["Tables:0:PartitionKey"] = "OrderId",
        });
        ((JNode)(await h.SendAsync(HttpMethod.Get, "/platform/circuit-breakers")).Json).Should().Be(JNode.Parse("""{"configured":false,"circuits":[]}"""));
        string machine = await h.CreateAsync("orders", """
            {"StartAt":"Put","States":{
              "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"TableName":"Orders","Item":{"OrderId":{"S":"o1"},"Total":{"N":"42"}}},"ResultPath":null,"Next":"Get"},
              "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","Parameters":{"TableName":"Orders","Key":{"OrderId":{"S":"o1"}}},"ResultSelector":{"total.$":"$.Item.Total.N"},"End":true}}}
            """);
        var ended = await h.WaitForEndAsync((await h.OkAsync("StartExecution", new { stateMachineArn = machine })).Str("executionArn"));
        ended.Str("status").Should().Be("SUCCEEDED", ended.ToString());
        JNode.Parse(ended.Str("output")).Should().Be(JNode.Parse("""{"total":"42"}"""));
        File.Exists(Path.Combine(h.Server.DataDirectory, "tables.db")).Should().BeTrue();
    }

    [Theory]
    [InlineData("Triggers:0:Source", "ftp", "Platform:Triggers:0:Source must be blob, eventgrid or queue, found 'ftp'")]
    [InlineData("Triggers:0:Input", """{"a.$": "nope"}""", "Platform:Triggers:0:Input is not a valid input template")]
    [InlineData("CircuitBreakers:0:FailureThreshold", "zero", "Platform:CircuitBreakers:0:FailureThreshold must be a whole number")]
    [InlineData("Tables:0:PartitionKeyType", "X", "Platform:Tables:0:PartitionKeyType must be S, N or B")]
    public async Task Serve_BadIntegrationSettings_AreRefusedNamingTheSetting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Triggers:0:Name"] = "r", ["Triggers:0:Source"] = "blob", ["Triggers:0:StateMachine"] = "m",
            ["CircuitBreakers:0:Resource"] = "x",
            ["Tables:0:Name"] = "Orders", ["Tables:0:PartitionKey"] = "Id",
            [key] = value,
        };
        var act = async () => await ServerHarness.StartAsync(settings);
        (await act.Should().ThrowAsync<ServerConfigurationException>()).Which.Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData(1, "SUCCEEDED", null)]
    [InlineData(3, "FAILED", "States.ExceedToleratedFailureThreshold")]
    public async Task Etl_PartialFailures_BelowTheThresholdSucceed_AboveFail(int bad, string status, string? error)
    {
        await using var h = await ServerHarness.StartAsync(new Dictionary<string, string?> { ["WorkflowsDirectory"] = HttpSupport.RepoWorkflows });
        var records = Enumerable.Range(0, 10).Select(i => i < bad ? $$"""{"id":{{i}},"amount":"n/a"}""" : $$"""{"id":{{i}},"amount":{{i}}.5,"currency":"usd"}""");
        string input = $$"""{"batch":"b{{bad}}","records":[{{string.Join(",", records)}}]}""";
        var ended = await h.WaitForEndAsync((await h.OkAsync("StartExecution", new { stateMachineArn = ServerHarness.MachineArn("etl-fan-out"), input })).Str("executionArn"));
        ended.Str("status").Should().Be(status, ended.ToString());
        if (error is null)
        {
            var output = (JObject)JNode.Parse(ended.Str("output"));
            output["records"].Should().Be(JNode.From(10));
            ((JArray)output["transformed"]!).OfType<JObject>().Any(o => o["amountCents"] is JNumber { Value: 950 } && o.Str("currency") == "USD").Should().BeTrue(output.ToString());
            (await h.SendAsync(HttpMethod.Get, "/objects/etl-output/b1.json")).Status.Should().Be(200);
        }
        else
        {
            ended.Str("error").Should().Be(error);
            (await h.SendAsync(HttpMethod.Get, "/objects/etl-output/b3.json")).Status.Should().Be(404);
        }
    }
}

public sealed class StopDuringTaskTests
{
    [Fact]
    public async Task Restart_WhileATaskRuns_TheTaskRunsAgain_InsteadOfFailingWithTheCancellation()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        var handlers = ServerHarness.DefaultHandlers().Register("Slow", new Func<Platform.Engine.Tasks.TaskInvocation, CancellationToken, ValueTask<TaskOutcome>>(async (_, cancellationToken) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return TaskOutcome.Success(JNode.Parse("""{"done":true}"""));
        }));
        await using var h = await ServerHarness.StartAsync(null, handlers);
        string machine = await h.CreateAsync("slow", """{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"Slow","End":true}}}""");
        string arn = (await h.OkAsync("StartExecution", new { stateMachineArn = machine })).Str("executionArn");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await h.RestartAsync();
        var ended = await h.WaitForEndAsync(arn);
        ended.Str("status").Should().Be("SUCCEEDED", ended.ToString());
        calls.Should().Be(2);
    }
}
