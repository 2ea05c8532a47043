using System.Net;
using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Integrations;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Integrations;

public class HttpInvokeIntegrationTests
{
    private const string Invoke = "arn:aws:states:::http:invoke";

    /// <summary>An in-process HTTP server: records each request and answers with the given function.</summary>
    private sealed class FakeHandler(Func<HttpRequestMessage, string?, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add((request, body));
            }

            return await answer(request, body, cancellationToken);
        }

        public static FakeHandler Answer(HttpStatusCode status, string body, string contentType = "application/json") =>
            new((_, _, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) }));
    }

    [Fact]
    public void Invoke_Success_ReturnsAwsResultAndSendsTheRequestAsDescribed()
    {
        using var handler = FakeHandler.Answer(HttpStatusCode.OK, """{"id":7,"ok":true}""");
        using var fixture = new IntegrationFixture(handler);
        const string Parameters = """
            {"ApiEndpoint":"https://api.example.test/v1/orders?x=1","Method":"post",
             "Headers":{"X-Trace":"t-1","Content-Type":"application/json"},
             "QueryParameters":{"page":2,"tag":["a","b"]},
             "RequestBody":{"name.$":"$.name"}}
            """;
        var output = fixture.Run(IntegrationFixture.OneTask(Invoke, Parameters), """{"name":"Ada"}""").Output();

        output["StatusCode"].Should().Be(JNode.From(200));
        output["StatusText"].Should().Be(JNode.From("OK"));
        output["ResponseBody"].Should().Be(JNode.Parse("""{"id":7,"ok":true}"""));
        ((JObject)output["Headers"]!)["Content-Type"].Should().Be(JNode.Parse("""["application/json; charset=utf-8"]"""));
        var (request, body) = handler.Requests.Single();
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri!.ToString().Should().Be("https://api.example.test/v1/orders?x=1&page=2&tag=a&tag=b");
        request.Headers.GetValues("X-Trace").Should().Equal("t-1");
        request.Content!.Headers.ContentType!.MediaType.Should().Be("application/json");
        body.Should().Be("""{"name":"Ada"}""");
    }

    [Theory]
    [InlineData("INDICES", "a=1&list%5B0%5D=x&list%5B1%5D=y")]
    [InlineData("REPEAT", "a=1&list=x&list=y")]
    [InlineData("COMMAS", "a=1&list=x,y")]
    [InlineData("BRACKETS", "a=1&list%5B%5D=x&list%5B%5D=y")]
    public void Invoke_UrlEncodedTransform_EncodesArraysAsAsked(string format, string expected)
    {
        using var handler = FakeHandler.Answer(HttpStatusCode.OK, "done", "text/plain");
        using var fixture = new IntegrationFixture(handler);
        string parameters = $$$$"""
            {"ApiEndpoint":"https://api.example.test/form","Method":"POST","RequestBody":{"a":1,"list":["x","y"]},
             "Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"{{{{format}}}}"}}}
            """;
        fixture.Run(IntegrationFixture.OneTask(Invoke, parameters)).Output()["ResponseBody"].Should().Be(JNode.From("done"));
        var (request, body) = handler.Requests.Single();
        body.Should().Be(expected);
        request.Content!.Headers.ContentType!.MediaType.Should().Be("application/x-www-form-urlencoded");
    }

    [Fact]
    public void Invoke_NotFound_IsCaughtAsStatusCode404_WithTheResponseAsCause()
    {
        using var handler = FakeHandler.Answer(HttpStatusCode.NotFound, """{"message":"no such order"}""");
        using var fixture = new IntegrationFixture(handler);
        var (error, cause) = fixture.Run(IntegrationFixture.OneTask(Invoke, """{"ApiEndpoint":"https://api.example.test/orders/9","Method":"GET"}""", """["States.Http.StatusCode.404"]""")).Caught();

        error.Should().Be("States.Http.StatusCode.404");
        var response = (JObject)JNode.Parse(cause);
        response["StatusCode"].Should().Be(JNode.From(404));
        response["ResponseBody"].Should().Be(JNode.Parse("""{"message":"no such order"}"""));
    }

    [Fact]
    public void Invoke_ServerError_IsRetriedByName_ThenSucceeds()
    {
        int calls = 0;
        using var handler = new FakeHandler((_, _, _) => Task.FromResult(new HttpResponseMessage(Interlocked.Increment(ref calls) < 3 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK)
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        }));
        using var fixture = new IntegrationFixture(handler);
        const string Machine = """
            {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::http:invoke",
              "Parameters":{"ApiEndpoint":"https://api.example.test/","Method":"GET"},
              "Retry":[{"ErrorEquals":["States.Http.StatusCode.503"],"IntervalSeconds":1,"MaxAttempts":3}],"End":true}}}
            """;
        fixture.Run(Machine).Output()["StatusCode"].Should().Be(JNode.From(200));
        calls.Should().Be(3);
    }

    [Fact]
    public async Task Invoke_NoAnswerWithinTheTimeout_IsCaughtAsHttpSocket()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = new FakeHandler(async (_, _, cancellationToken) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        using var fixture = new IntegrationFixture(handler, httpOptions: o => o with { Timeout = TimeSpan.FromSeconds(10) });

        var run = Task.Run(() => fixture.Run(IntegrationFixture.OneTask(Invoke, """{"ApiEndpoint":"https://slow.example.test/","Method":"GET"}""", """["States.Http.Socket"]""")));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        fixture.Clock.SetUtcNow(Harness.Start.AddSeconds(9));
        run.IsCompleted.Should().BeFalse("the request has 10 seconds");
        fixture.Clock.SetUtcNow(Harness.Start.AddSeconds(10));
        var (error, cause) = (await run.WaitAsync(TimeSpan.FromSeconds(30))).Caught();

        error.Should().Be("States.Http.Socket");
        cause.Should().Contain("timed out after 10 seconds");
    }

    [Fact]
    public void Invoke_ConnectionRefused_IsCaughtAsHttpSocket()
    {
        using var handler = new FakeHandler((_, _, _) => throw new HttpRequestException("Connection refused (api.example.test:443)"));
        using var fixture = new IntegrationFixture(handler);
        var (error, cause) = fixture.Run(IntegrationFixture.OneTask(Invoke, """{"ApiEndpoint":"https://api.example.test/","Method":"GET"}""")).Caught();
        error.Should().Be("States.Http.Socket");
        cause.Should().Contain("Connection refused");
    }

    [Theory]
    [InlineData("""{"ApiEndpoint":"ftp://x/","Method":"GET"}""", "must be an absolute http or https URL")]
    [InlineData("""{"ApiEndpoint":"https://x/","Method":"FETCH"}""", "The 'Method' parameter of http:invoke must be one of")]
    [InlineData("""{"ApiEndpoint":"https://x/","Method":"GET","Headers":{"Authorization":"Bearer x"}}""", "The header 'Authorization' cannot be set")]
    [InlineData("""{"ApiEndpoint":"https://x/","Method":"GET","Transform":{"RequestBodyEncoding":"XML"}}""", "Transform.RequestBodyEncoding")]
    [InlineData("""{"ApiEndpoint":"https://x/","Method":"GET","Headers":{"X-A":{"b":1}}}""", "'Headers.X-A'")]
    public void Invoke_BadParameters_AreStatesRuntimeNamingTheField(string parameters, string expected)
    {
        using var handler = FakeHandler.Answer(HttpStatusCode.OK, "{}");
        using var fixture = new IntegrationFixture(handler);
        fixture.Run(IntegrationFixture.OneTask(Invoke, parameters)).ShouldFailWith("States.Runtime", expected);
        handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public void Invoke_WithAConfiguredConnection_AddsItsHeaders()
    {
        using var handler = FakeHandler.Answer(HttpStatusCode.OK, "{}");
        const string Arn = "arn:aws:events:us-east-1:123456789012:connection/api/abc";
        using var fixture = new IntegrationFixture(handler, httpOptions: o => o with
        {
            Connections = new Dictionary<string, HttpConnection> { [Arn] = new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer secret" } } },
        });
        fixture.Run(IntegrationFixture.OneTask(Invoke, $$$"""{"ApiEndpoint":"https://x.test/","Method":"GET","Authentication":{"ConnectionArn":"{{{Arn}}}"}}""")).Output();
        handler.Requests.Single().Request.Headers.Authorization!.ToString().Should().Be("Bearer secret");

        fixture.Run(IntegrationFixture.OneTask(Invoke, """{"ApiEndpoint":"https://x.test/","Method":"GET","Authentication":{"ConnectionArn":"arn:other"}}"""))
            .ShouldFailWith("States.Runtime", "The connection 'arn:other' of http:invoke is not configured");
    }
}
