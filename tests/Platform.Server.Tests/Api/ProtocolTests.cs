using System.Net;
using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.Api;

public sealed class ProtocolTests
{
    [Fact]
    public async Task Post_MalformedOrWrongShapedBodies_SerializationException()
    {
        await using var h = await ServerHarness.StartAsync();
        (await h.CallAsync("ListStateMachines", "{\"maxResults\": ")).ShouldFailWith("SerializationException").Should().Contain("line 1");
        (await h.CallAsync("ListStateMachines", "[1,2]")).ShouldFailWith("SerializationException").Should().Contain("object");
        (await h.CallAsync("ListStateMachines", new { maxResults = "ten" })).ShouldFailWith("SerializationException").Should().Contain("maxResults");
        (await h.CallAsync("ListStateMachines", "{}", r => r.Content!.Headers.ContentType = new("text/plain"))).ShouldFailWith("SerializationException")
            .Should().Contain("Content-Type");
    }

    [Fact]
    public async Task Post_UnknownOrMissingTarget_UnknownOperationException()
    {
        await using var h = await ServerHarness.StartAsync();
        (await h.CallAsync("FlyToTheMoon")).ShouldFailWith("UnknownOperationException").Should().Contain("FlyToTheMoon");
        (await h.CallAsync("CreateActivity", new { name = "a" })).ShouldFailWith("UnsupportedOperation");
        (await h.CallAsync("Ignored", null, r => r.Headers.Remove("X-Amz-Target"))).ShouldFailWith("UnknownOperationException").Should().Contain("X-Amz-Target");
        (await h.CallAsync("Ignored", null, r =>
        {
            r.Headers.Remove("X-Amz-Target");
            r.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSLambda.Invoke");
        })).ShouldFailWith("UnknownOperationException");
    }

    [Fact]
    public async Task Post_EmptyBody_TreatedAsEmptyObject()
    {
        await using var h = await ServerHarness.StartAsync();
        var result = await h.CallAsync("ListStateMachines", string.Empty);
        result.Status.Should().Be(200);
        ((JArray)result.Body["stateMachines"]!).Count.Should().Be(0);
    }

    [Fact]
    public async Task Answers_CarryAwsContentTypeAndRequestId()
    {
        await using var h = await ServerHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.0") };
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        using var response = await h.Client.SendAsync(request);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-amz-json-1.0");
        response.Headers.GetValues("x-amzn-RequestId").Single().Should().MatchRegex("^[0-9a-f-]{36}$");
    }

    [Fact]
    public async Task RedriveExecution_RerunsTheFailedTaskAndRefusesWhatCannotBeRedriven()
    {
        int calls = 0;
        var handlers = ServerHarness.DefaultHandlers().Register("FlakyOnce", (Func<JNode, TaskOutcome>)(input =>
            Interlocked.Increment(ref calls) == 1 ? TaskOutcome.Failure("Custom.Flaky", "first call fails") : TaskOutcome.Success(input)));
        await using var h = await ServerHarness.StartAsync(handlers: handlers);
        string machine = await h.CreateAsync("flaky", """
            {"StartAt":"D","States":{"D":{"Type":"Task","Resource":"Double","Next":"F"},"F":{"Type":"Task","Resource":"FlakyOnce","End":true}}}
            """);
        string arn = ((JString)(await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "e1", input = """{"n":2}""" }))["executionArn"]!).Value;
        var failed = await h.WaitForEndAsync(arn);
        ((JString)failed["status"]!).Value.Should().Be("FAILED");
        ((JString)failed["redriveStatus"]!).Value.Should().Be("REDRIVABLE");

        var redriven = await h.OkAsync("RedriveExecution", new { executionArn = arn });
        redriven["redriveDate"].Should().BeOfType<JNumber>();
        var ended = await h.WaitForEndAsync(arn);
        ((JString)ended["status"]!).Value.Should().Be("SUCCEEDED", ended.ToString());
        ended["output"].Should().Be(JNode.From("""{"n":4}"""));
        ended["redriveCount"].Should().Be(JNode.From(1));
        calls.Should().Be(2, "only the failed Task runs again");
        var listed = (JObject)((JArray)(await h.OkAsync("ListExecutions", new { stateMachineArn = machine }))["executions"]!)[0];
        listed["redriveCount"].Should().Be(JNode.From(1), "ListExecutions reports redrives as DescribeExecution does");
        listed["redriveDate"].Should().BeOfType<JNumber>();

        (await h.CallAsync("RedriveExecution", new { executionArn = arn })).ShouldFailWith("ExecutionNotRedrivable");
        (await h.CallAsync("RedriveExecution", new { executionArn = ServerHarness.ExecutionArn("flaky", "ghost") })).ShouldFailWith("ExecutionDoesNotExist");
        (await h.CallAsync("RedriveExecution", new { })).ShouldFailWith("ValidationException");
    }

    [Fact]
    public async Task RootAndConsole_SayWhatIsServed()
    {
        await using var h = await ServerHarness.StartAsync();
        (await h.Client.GetStringAsync("/")).Should().Contain("AWS Step Functions API").And.Contain("the web console is at /console/");
        string page = await h.Client.GetStringAsync("/console/");
        page.Should().Contain("<title>Platform console</title>").And.Contain("""<script type="module" src="app.js"></script>""");
    }
}
