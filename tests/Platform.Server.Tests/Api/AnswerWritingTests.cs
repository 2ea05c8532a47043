using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.Asl.Json;
using Platform.Server.Api;

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

    private static async Task<(byte[] Body, long? Length)> WriteAsync(JObject answer)
    {
        var context = new DefaultHttpContext();
        using var stream = new MemoryStream();
        context.Response.Body = stream;
        await AwsJsonEndpoint.WriteAsync(context.Response, answer, CancellationToken.None);
        await context.Response.BodyWriter.CompleteAsync();
        return (stream.ToArray(), context.Response.ContentLength);
    }
}
