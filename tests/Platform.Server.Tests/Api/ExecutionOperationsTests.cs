using Platform.Asl.Json;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.Api;

public sealed class ExecutionOperationsTests
{
    private static string Str(JObject o, string key) => ((JString)o[key]!).Value;

    [Fact]
    public async Task StartDescribeHistory_StandardExecution_SucceedsWithAwsShapes()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("m", Definitions.Pass);
        var started = await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "e1", input = """{"a":1}""" });
        Str(started, "executionArn").Should().Be(ServerHarness.ExecutionArn("m", "e1"));
        started["startDate"].Should().BeOfType<JNumber>();

        var described = await h.WaitForEndAsync(Str(started, "executionArn"));
        Str(described, "status").Should().Be("SUCCEEDED");
        Str(described, "stateMachineArn").Should().Be(machine);
        Str(described, "name").Should().Be("e1");
        JNode.Parse(Str(described, "input")).Should().Be(JNode.Parse("""{"a":1}"""));
        JNode.Parse(Str(described, "output")).Should().Be(JNode.Parse("""{"a":1,"r":{"v":1}}"""));
        described["stopDate"].Should().BeOfType<JNumber>();

        var history = await h.OkAsync("GetExecutionHistory", new { executionArn = Str(started, "executionArn") });
        var types = ((JArray)history["events"]!).Select(e => Str((JObject)e, "type")).ToList();
        types.Should().Equal("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        ((JObject)((JArray)history["events"]!)[0])["timestamp"].Should().BeOfType<JNumber>("the wire carries epoch seconds");

        var page = await h.OkAsync("GetExecutionHistory", new { executionArn = Str(started, "executionArn"), maxResults = 3, reverseOrder = true, includeExecutionData = false });
        var events = ((JArray)page["events"]!).Cast<JObject>().ToList();
        events.Select(e => Str(e, "type")).Should().Equal("ExecutionSucceeded", "PassStateExited", "PassStateEntered");
        ((JObject)events[0]["executionSucceededEventDetails"]!).ContainsKey("output").Should().BeFalse();
        var rest = await h.OkAsync("GetExecutionHistory", new { executionArn = Str(started, "executionArn"), maxResults = 3, reverseOrder = true, nextToken = Str(page, "nextToken") });
        ((JArray)rest["events"]!).Select(e => Str((JObject)e, "type")).Should().Equal("ExecutionStarted");
        (await h.CallAsync("GetExecutionHistory", new { executionArn = Str(started, "executionArn"), nextToken = "bogus" })).ShouldFailWith("InvalidToken");
    }

    [Fact]
    public async Task StartExecution_NamesAndInputs_AwsRules()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("m", Definitions.Callback());
        var first = await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "same", input = """{"x":1}""" });
        var again = await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "same", input = """{ "x" : 1 }""" });
        Str(again, "executionArn").Should().Be(Str(first, "executionArn"), "the same name and input of a running execution is the same request");
        again["startDate"].Should().Be(first["startDate"]);
        (await h.CallAsync("StartExecution", new { stateMachineArn = machine, name = "same", input = """{"x":2}""" })).ShouldFailWith("ExecutionAlreadyExists")
            .Should().Contain("different input");

        (await h.CallAsync("StartExecution", new { stateMachineArn = machine, name = "has space" })).ShouldFailWith("InvalidName");
        (await h.CallAsync("StartExecution", new { stateMachineArn = machine, name = "a:b" })).ShouldFailWith("InvalidName");
        (await h.CallAsync("StartExecution", new { stateMachineArn = machine, name = new string('n', 81) })).ShouldFailWith("ValidationException");
        (await h.CallAsync("StartExecution", new { stateMachineArn = machine, input = "{oops" })).ShouldFailWith("InvalidExecutionInput").Should().Contain("line 1");
        (await h.CallAsync("StartExecution", new { stateMachineArn = machine, input = "\"" + new string('x', 262_144) + "\"" }))
            .ShouldFailWith("ValidationException").Should().Contain("262144");
        (await h.CallAsync("StartExecution", new { stateMachineArn = ServerHarness.MachineArn("ghost") })).ShouldFailWith("StateMachineDoesNotExist");
        (await h.CallAsync("StartExecution", new { stateMachineArn = "arn:nope" })).ShouldFailWith("InvalidArn");
        (await h.CallAsync("StartExecution", new { })).ShouldFailWith("ValidationException").Should().Contain("stateMachineArn");

        var generated = await h.OkAsync("StartExecution", new { stateMachineArn = machine });
        Str(generated, "executionArn").Should().MatchRegex(":execution:m:[0-9a-f-]{36}$");

        string token = await h.TokenAsync(Str(first, "executionArn"));
        await h.OkAsync("SendTaskSuccess", new { taskToken = token, output = "{}" });
        await h.WaitForEndAsync(Str(first, "executionArn"));
        (await h.CallAsync("StartExecution", new { stateMachineArn = machine, name = "same", input = """{"x":1}""" })).ShouldFailWith("ExecutionAlreadyExists")
            .Should().Contain("SUCCEEDED");
    }

    [Fact]
    public async Task DescribeExecution_UnknownOrMalformed_AwsErrors()
    {
        await using var h = await ServerHarness.StartAsync();
        (await h.CallAsync("DescribeExecution", new { executionArn = ServerHarness.ExecutionArn("m", "none") })).ShouldFailWith("ExecutionDoesNotExist");
        (await h.CallAsync("DescribeExecution", new { executionArn = "arn:aws:states:eu-west-1:123456789012:execution:m:none" })).ShouldFailWith("ExecutionDoesNotExist");
        (await h.CallAsync("DescribeExecution", new { executionArn = ServerHarness.MachineArn("m") })).ShouldFailWith("InvalidArn");
        (await h.CallAsync("DescribeStateMachineForExecution", new { executionArn = ServerHarness.ExecutionArn("m", "none") })).ShouldFailWith("ExecutionDoesNotExist");
        (await h.CallAsync("GetExecutionHistory", new { executionArn = ServerHarness.ExecutionArn("m", "none") })).ShouldFailWith("ExecutionDoesNotExist");
        (await h.CallAsync("StopExecution", new { executionArn = ServerHarness.ExecutionArn("m", "none") })).ShouldFailWith("ExecutionDoesNotExist");
        (await h.CallAsync("GetExecutionHistory", new { executionArn = ServerHarness.ExecutionArn("m", "none"), maxResults = 1001 })).ShouldFailWith("ValidationException");
    }

    [Fact]
    public async Task StopExecution_Running_AbortedWithErrorAndCause_EndedRefused()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("m", Definitions.LongWait);
        string arn = Str(await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "s" }), "executionArn");
        await h.WaitForEventAsync(arn, "WaitStateEntered");
        var stopped = await h.OkAsync("StopExecution", new { executionArn = arn, error = "Manual", cause = "changed my mind" });
        stopped["stopDate"].Should().BeOfType<JNumber>();
        var described = await h.WaitForEndAsync(arn);
        Str(described, "status").Should().Be("ABORTED");
        Str(described, "error").Should().Be("Manual");
        Str(described, "cause").Should().Be("changed my mind");
        (await h.CallAsync("StopExecution", new { executionArn = arn })).ShouldFailWith("ValidationException").Should().Contain("ABORTED");
        (await h.CallAsync("StopExecution", new { executionArn = arn, error = new string('e', 257) })).ShouldFailWith("ValidationException");
    }

    [Fact]
    public async Task ListExecutions_ByMachineVersionAliasAndStatus_Paged()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("m", Definitions.Callback());
        string version = Str(await h.OkAsync("PublishStateMachineVersion", new { stateMachineArn = machine }), "stateMachineVersionArn");
        string alias = Str(await h.OkAsync("CreateStateMachineAlias", new { name = "live", routingConfiguration = new object[] { new { stateMachineVersionArn = version, weight = 100 } } }), "stateMachineAliasArn");
        string plain = Str(await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "plain" }), "executionArn");
        string viaVersion = Str(await h.OkAsync("StartExecution", new { stateMachineArn = version, name = "via-version" }), "executionArn");
        string viaAlias = Str(await h.OkAsync("StartExecution", new { stateMachineArn = alias, name = "via-alias" }), "executionArn");
        await h.OkAsync("SendTaskSuccess", new { taskToken = await h.TokenAsync(plain), output = "{}" });
        await h.WaitForEndAsync(plain);

        static List<string> Names(JObject listed) => ((JArray)listed["executions"]!).Select(e => ((JString)((JObject)e)["name"]!).Value).ToList();
        Names(await h.OkAsync("ListExecutions", new { stateMachineArn = machine })).Should().BeEquivalentTo("plain", "via-version", "via-alias");
        Names(await h.OkAsync("ListExecutions", new { stateMachineArn = machine, statusFilter = "SUCCEEDED" })).Should().Equal("plain");
        Names(await h.OkAsync("ListExecutions", new { stateMachineArn = machine, statusFilter = "RUNNING" })).Should().BeEquivalentTo("via-version", "via-alias");
        Names(await h.OkAsync("ListExecutions", new { stateMachineArn = version })).Should().BeEquivalentTo("via-version", "via-alias");
        var byAlias = await h.OkAsync("ListExecutions", new { stateMachineArn = alias });
        Names(byAlias).Should().Equal("via-alias");
        Str((JObject)((JArray)byAlias["executions"]!)[0], "stateMachineAliasArn").Should().Be(alias);
        var described = await h.OkAsync("DescribeExecution", new { executionArn = viaAlias });
        Str(described, "stateMachineVersionArn").Should().Be(version);
        Str(described, "stateMachineAliasArn").Should().Be(alias);
        Str(await h.OkAsync("DescribeExecution", new { executionArn = viaVersion }), "stateMachineVersionArn").Should().Be(version);

        var page1 = await h.OkAsync("ListExecutions", new { stateMachineArn = machine, maxResults = 2 });
        var page2 = await h.OkAsync("ListExecutions", new { stateMachineArn = machine, maxResults = 2, nextToken = Str(page1, "nextToken") });
        Names(page1).Concat(Names(page2)).Should().BeEquivalentTo("plain", "via-version", "via-alias");
        page2.ContainsKey("nextToken").Should().BeFalse();
        var versionPage = await h.OkAsync("ListExecutions", new { stateMachineArn = version, maxResults = 1 });
        Names(versionPage).Should().HaveCount(1);
        Names(await h.OkAsync("ListExecutions", new { stateMachineArn = version, maxResults = 1, nextToken = Str(versionPage, "nextToken") })).Should().HaveCount(1);

        (await h.CallAsync("ListExecutions", new { stateMachineArn = machine, nextToken = Str(versionPage, "nextToken") })).ShouldFailWith("InvalidToken");
        (await h.CallAsync("ListExecutions", new { stateMachineArn = machine, statusFilter = "DONE" })).ShouldFailWith("ValidationException");
        (await h.CallAsync("ListExecutions", new { stateMachineArn = ServerHarness.MachineArn("ghost") })).ShouldFailWith("StateMachineDoesNotExist");
        (await h.CallAsync("ListExecutions", new { stateMachineArn = machine + ":nope" })).ShouldFailWith("ResourceNotFound");
        (await h.CallAsync("ListExecutions", new { })).ShouldFailWith("ValidationException");
    }

    [Fact]
    public async Task UpdateStateMachine_RunningExecutionKeepsItsRevision_DescribeForExecutionShowsIt()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("m", Definitions.Callback("one"));
        string old = Str(await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "old" }), "executionArn");
        string token = await h.TokenAsync(old);
        await h.OkAsync("UpdateStateMachine", new { stateMachineArn = machine, definition = Definitions.Callback("two") });
        string fresh = Str(await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "new" }), "executionArn");

        Str(await h.OkAsync("DescribeStateMachineForExecution", new { executionArn = old }), "definition").Should().Be(Definitions.Callback("one"));
        Str(await h.OkAsync("DescribeStateMachineForExecution", new { executionArn = fresh }), "definition").Should().Be(Definitions.Callback("two"));

        await h.OkAsync("SendTaskSuccess", new { taskToken = token, output = """{"ok":true}""" });
        var ended = await h.WaitForEndAsync(old);
        JNode.Parse(Str(ended, "output")).Should().Be(JNode.Parse("""{"answer":{"ok":true},"revision":"one"}"""));
    }

    [Fact]
    public async Task Restart_UnfinishedExecutionResumesOnItsOwnRevision()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("m", Definitions.Callback("one"));
        string arn = Str(await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "survivor" }), "executionArn");
        string token = await h.TokenAsync(arn);
        await h.OkAsync("UpdateStateMachine", new { stateMachineArn = machine, definition = Definitions.Callback("two") });

        await h.RestartAsync();

        Str(await h.OkAsync("DescribeExecution", new { executionArn = arn }), "status").Should().Be("RUNNING");
        (await h.TokenAsync(arn)).Should().Be(token, "the running history is rebuilt from the journal after a restart");
        await h.OkAsync("SendTaskSuccess", new { taskToken = token, output = """{"after":"restart"}""" });
        var ended = await h.WaitForEndAsync(arn);
        JNode.Parse(Str(ended, "output")).Should().Be(JNode.Parse("""{"answer":{"after":"restart"},"revision":"one"}"""));
    }

    [Fact]
    public async Task DeleteStateMachine_RunningExecutionGoesOn()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("m", Definitions.Callback());
        string arn = Str(await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "orphan" }), "executionArn");
        string token = await h.TokenAsync(arn);
        await h.OkAsync("DeleteStateMachine", new { stateMachineArn = machine });
        await h.RestartAsync();
        await h.OkAsync("SendTaskSuccess", new { taskToken = token, output = "{}" });
        Str(await h.WaitForEndAsync(arn), "status").Should().Be("SUCCEEDED");
    }
}
