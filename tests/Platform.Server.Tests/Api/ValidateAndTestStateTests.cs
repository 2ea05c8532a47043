using Platform.Asl.Json;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.Api;

public sealed class ValidateAndTestStateTests
{
    private static string Str(JObject o, string key) => ((JString)o[key]!).Value;

    [Fact]
    public async Task ValidateStateMachineDefinition_ValidInvalidAndMalformed()
    {
        await using var h = await ServerHarness.StartAsync();
        var ok = await h.OkAsync("ValidateStateMachineDefinition", new { definition = Definitions.Pass });
        Str(ok, "result").Should().Be("OK");
        ((JArray)ok["diagnostics"]!).Count.Should().Be(0);
        ok["truncated"].Should().Be(JNode.False);

        var bad = await h.OkAsync("ValidateStateMachineDefinition", new
        {
            definition = """{"StartAt":"Nope","States":{"A":{"Type":"Pass","Next":"Gone"},"B":{"Type":"Pass","End":true}}}""",
            severity = "WARNING",
        });
        Str(bad, "result").Should().Be("FAIL");
        var diagnostics = ((JArray)bad["diagnostics"]!).Cast<JObject>().ToList();
        diagnostics.Should().Contain(d => Str(d, "severity") == "ERROR" && Str(d, "code") == "SCHEMA_VALIDATION_FAILED" && Str(d, "location") == "/StartAt");
        diagnostics.Should().Contain(d => Str(d, "location") == "/States/A/Next" && Str(d, "message").Contains("Gone"));
        var errorsOnly = await h.OkAsync("ValidateStateMachineDefinition", new { definition = """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"B":{"Type":"Pass","End":true}}}""" });
        Str(errorsOnly, "result").Should().Be("OK");
        ((JArray)errorsOnly["diagnostics"]!).Count.Should().Be(0, "warnings (B is unreachable) are shown only with severity WARNING");

        var truncated = await h.OkAsync("ValidateStateMachineDefinition", new { definition = """{"StartAt":"Nope","States":{"A":{"Type":"Pass","Next":"Gone"}}}""", maxResults = 1 });
        ((JArray)truncated["diagnostics"]!).Count.Should().Be(1);
        truncated["truncated"].Should().Be(JNode.True);

        var malformed = await h.OkAsync("ValidateStateMachineDefinition", new { definition = """{"StartAt": """ });
        Str(malformed, "result").Should().Be("FAIL");
        Str((JObject)((JArray)malformed["diagnostics"]!)[0], "code").Should().Be("INVALID_JSON_DESCRIPTION");
        (await h.CallAsync("ValidateStateMachineDefinition", new { })).ShouldFailWith("ValidationException");
        (await h.CallAsync("ValidateStateMachineDefinition", new { definition = Definitions.Pass, maxResults = 101 })).ShouldFailWith("ValidationException");
    }

    [Fact]
    public async Task TestState_Pass_Debug_ShowsTheDataFlow()
    {
        await using var h = await ServerHarness.StartAsync();
        var answer = await h.OkAsync("TestState", new
        {
            definition = """{"Type":"Pass","InputPath":"$.in","Parameters":{"v.$":"$.x"},"ResultPath":"$.out","Next":"After"}""",
            input = """{"in":{"x":7}}""",
            inspectionLevel = "DEBUG",
        });
        Str(answer, "status").Should().Be("SUCCEEDED");
        Str(answer, "nextState").Should().Be("After");
        JNode.Parse(Str(answer, "output")).Should().Be(JNode.Parse("""{"in":{"x":7},"out":{"v":7}}"""));
        var data = (JObject)answer["inspectionData"]!;
        JNode.Parse(Str(data, "afterInputPath")).Should().Be(JNode.Parse("""{"x":7}"""));
        JNode.Parse(Str(data, "afterParameters")).Should().Be(JNode.Parse("""{"v":7}"""));
        JNode.Parse(Str(data, "afterResultPath")).Should().Be(JNode.Parse("""{"in":{"x":7},"out":{"v":7}}"""));

        var info = await h.OkAsync("TestState", new { definition = """{"Type":"Pass","End":true}""", input = "{}" });
        info.ContainsKey("inspectionData").Should().BeFalse();
        info.ContainsKey("nextState").Should().BeFalse();
    }

    [Fact]
    public async Task TestState_Choice_NextStateIsTheRuleTaken()
    {
        await using var h = await ServerHarness.StartAsync();
        const string choice = """{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":10,"Next":"Big"}],"Default":"Small"}""";
        Str(await h.OkAsync("TestState", new { definition = choice, input = """{"n":11}""" }), "nextState").Should().Be("Big");
        Str(await h.OkAsync("TestState", new { definition = choice, input = """{"n":1}""" }), "nextState").Should().Be("Small");
    }

    [Fact]
    public async Task TestState_Task_HandlerCatchRetryAndMock()
    {
        await using var h = await ServerHarness.StartAsync();
        var doubled = await h.OkAsync("TestState", new { definition = """{"Type":"Task","Resource":"Double","ResultPath":"$.r","End":true}""", input = """{"n":3}""", inspectionLevel = "DEBUG" });
        Str(doubled, "status").Should().Be("SUCCEEDED");
        JNode.Parse(Str(doubled, "output")).Should().Be(JNode.Parse("""{"n":3,"r":{"n":6}}"""));
        JNode.Parse(Str((JObject)doubled["inspectionData"]!, "result")).Should().Be(JNode.Parse("""{"n":6}"""));

        var caught = await h.OkAsync("TestState", new
        {
            definition = """{"Type":"Task","Resource":"Boom","Catch":[{"ErrorEquals":["Custom.Boom"],"ResultPath":"$.error","Next":"Handle"}],"End":true}""",
            input = """{"a":1}""",
        });
        Str(caught, "status").Should().Be("CAUGHT_ERROR");
        Str(caught, "nextState").Should().Be("Handle");
        Str(caught, "error").Should().Be("Custom.Boom");
        JNode.Parse(Str(caught, "output")).Should().Be(JNode.Parse("""{"a":1,"error":{"Error":"Custom.Boom","Cause":"it went boom"}}"""));

        var retriable = await h.OkAsync("TestState", new
        {
            definition = """{"Type":"Task","Resource":"Boom","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":3}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handle"}],"End":true}""",
        });
        Str(retriable, "status").Should().Be("RETRIABLE");
        Str(retriable, "error").Should().Be("Custom.Boom");

        var failed = await h.OkAsync("TestState", new { definition = """{"Type":"Task","Resource":"Boom","End":true}""" });
        Str(failed, "status").Should().Be("FAILED");
        Str(failed, "cause").Should().Be("it went boom");

        var mocked = await h.OkAsync("TestState", new { definition = """{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","End":true}""", mock = new { result = """{"Item":{}}""" } });
        JNode.Parse(Str(mocked, "output")).Should().Be(JNode.Parse("""{"Item":{}}"""));
        var noHandler = await h.OkAsync("TestState", new { definition = """{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","End":true}""" });
        Str(noHandler, "error").Should().Be("States.Runtime");
    }

    [Fact]
    public async Task TestState_FailSucceedAndStateOfAMachine()
    {
        await using var h = await ServerHarness.StartAsync();
        var failed = await h.OkAsync("TestState", new { definition = """{"Type":"Fail","Error":"E","Cause":"C"}""" });
        (Str(failed, "status"), Str(failed, "error"), Str(failed, "cause")).Should().Be(("FAILED", "E", "C"));
        var succeeded = await h.OkAsync("TestState", new { definition = """{"Type":"Succeed"}""", input = """{"k":true}""" });
        JNode.Parse(Str(succeeded, "output")).Should().Be(JNode.Parse("""{"k":true}"""));
        var ofMachine = await h.OkAsync("TestState", new { definition = Definitions.Pass, stateName = "P" });
        JNode.Parse(Str(ofMachine, "output")).Should().Be(JNode.Parse("""{"r":{"v":1}}"""));
    }

    [Fact]
    public async Task TestState_BadRequests_PreciseErrors()
    {
        await using var h = await ServerHarness.StartAsync();
        (await h.CallAsync("TestState", new { definition = """{"Type":"Map","ItemProcessor":{}}""" })).ShouldFailWith("ValidationException").Should().Contain("Map");
        (await h.CallAsync("TestState", new { definition = "{" })).ShouldFailWith("InvalidDefinition");
        (await h.CallAsync("TestState", new { definition = """{"Type":"Pass","Next":"X","End":true}""" })).ShouldFailWith("InvalidDefinition");
        (await h.CallAsync("TestState", new { definition = Definitions.Pass })).ShouldFailWith("ValidationException").Should().Contain("stateName");
        (await h.CallAsync("TestState", new { definition = Definitions.Pass, stateName = "Q" })).ShouldFailWith("ValidationException").Should().Contain("'Q'");
        (await h.CallAsync("TestState", new { definition = """{"Type":"Pass","End":true}""", input = "{x" })).ShouldFailWith("InvalidExecutionInput");
        (await h.CallAsync("TestState", new { definition = """{"Type":"Pass","End":true}""", inspectionLevel = "ALL" })).ShouldFailWith("ValidationException");
        (await h.CallAsync("TestState", new { definition = """{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}""" }))
            .ShouldFailWith("ValidationException").Should().Contain(".waitForTaskToken");
    }
}
