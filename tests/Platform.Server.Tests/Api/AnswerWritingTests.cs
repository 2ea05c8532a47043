using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.Asl.Json;
using Platform.Server.Api;
using Platform.Server.Hosting;

namespace Platform.Server.Tests.Api;

public sealed class AnswerWritingTests
{
    [Theory]
    [InlineData("""{"status":"SUCCEEDED","output":"{\"greeting\":\"Hello, Ada!\"}","startDate":1795294881.243,"n":[0,-1,1e21,0.1]}""")]
    [InlineData("""{"message":"é 中文 😀 \"quoted\" \\ \n\t\u0001"}""")]
    [InlineData("{}")]
    public async Task WriteAsync_WritesTheJsonAsUtf8_WithItsLength(string json)
    {
        var answer = (JObject)JNode.Parse(json);
        var (body, length) = await WriteAsync(answer);

        body.Should().Equal(Encoding.UTF8.GetBytes(answer.ToJson()));
        length.Should().Be(body.Length);
    }

    [Fact]
    public async Task WriteAsync_LoneSurrogate_IsWrittenThroughTheText()
    {
        // Utf8Size counts a lone surrogate as half of a pair's four bytes; it is written as U+FFFD (three), so the answer
        // does not fit the span sized by Utf8Size and goes through the text.
        var answer = new JObject(["output"], [JNode.From("x\uD800y")]);
        var (body, length) = await WriteAsync(answer);

        Encoding.UTF8.GetString(body).Should().Be("{\"output\":\"x\uFFFDy\"}");
        length.Should().Be(body.Length);
    }

    [Fact]
    public async Task IoThreadGuard_OnAThreadOutsideThePool_RunsTheRequestOnThePool()
    {
        var blocking = Request("POST", "/", "AWSStepFunctions.CreateStateMachine");
        var inline = Request("POST", "/", "AWSStepFunctions.StartSyncExecution");

        (await RunFromOwnThreadAsync(blocking)).Should().BeTrue("a request that may block leaves the socket thread");
        (await RunFromOwnThreadAsync(inline)).Should().BeFalse("StartSyncExecution stays where it was read");
        IoThreadGuard.MayRunInline(Request("GET", "/", "AWSStepFunctions.StartSyncExecution").Request).Should().BeFalse();
        IoThreadGuard.MayRunInline(Request("POST", "/console/", "AWSStepFunctions.StartSyncExecution").Request).Should().BeFalse();
        IoThreadGuard.MayRunInline(Request("POST", "/", null).Request).Should().BeFalse();
    }

    private static async Task<(byte[] Body, long? Length)> WriteAsync(JObject answer)
    {
        var context = new DefaultHttpContext();
        using var stream = new MemoryStream();
        context.Response.Body = stream;
        await AwsJsonEndpoint.WriteAsync(context.Response, answer, CancellationToken.None);
        await context.Response.BodyWriter.CompleteAsync();
        return (stream.ToArray(), context.Response.ContentLength);
    }

    private static DefaultHttpContext Request(string method, string path, string? target)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (target is not null)
        {
            context.Request.Headers["X-Amz-Target"] = target;
        }

        return context;
    }

    /// <summary>Calls the guard from a dedicated thread (as a socket thread is) and says whether the rest of the pipeline
    /// ran on a thread-pool thread.</summary>
    private static async Task<bool> RunFromOwnThreadAsync(HttpContext context)
    {
        var ranOnPool = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task? pipeline = null;
        var thread = new Thread(() => pipeline = IoThreadGuard.InvokeAsync(context, _ =>
        {
            ranOnPool.SetResult(Thread.CurrentThread.IsThreadPoolThread);
            return Task.CompletedTask;
        }));
        thread.Start();
        thread.Join();
        bool result = await ranOnPool.Task;
        await pipeline!;
        return result;
    }
}
