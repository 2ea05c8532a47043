using Platform.Asl.Json;

namespace Platform.Asl.Tests.Json;

public class JsonParserTests
{
    [Theory]
    [InlineData("{\"a\":1,\"b\":[true,false,null],\"c\":\"x\"}")]
    [InlineData("[]")]
    [InlineData("\"héllo\\n\"")]
    [InlineData("-12.5")]
    public void Parse_ValidText_RoundTrips(string json)
    {
        var node = JsonParser.Parse(json);
        JsonParser.Parse(node.ToString()).Should().Be(node);
    }

    [Fact]
    public void Parse_DeepNesting_FailsWithPointer()
    {
        string json = new string('[', 600) + new string(']', 600);
        var act = () => JsonParser.Parse(json);
        act.Should().Throw<JsonParseException>().Which.Reason.Should().Contain("deeper than 512");
    }

    [Fact]
    public void Parse_DuplicateKeyWhenStrict_ReportsPointer()
    {
        var act = () => JsonParser.Parse("{\"States\":{\"A\":{},\"A\":{}}}", JsonParseOptions.Strict);
        var ex = act.Should().Throw<JsonParseException>().Which;
        ex.Reason.Should().Be("duplicate key 'A'");
        ex.Pointer.Should().Be("/States/A");
    }

    [Fact]
    public void Parse_DuplicateKeyByDefault_LastWins()
    {
        JsonParser.Parse("{\"a\":1,\"a\":2}").Should().Be(JsonParser.Parse("{\"a\":2}"));
    }

    [Fact]
    public void Parse_Malformed_ReportsLineAndColumn()
    {
        var act = () => JsonParser.Parse("{\n  \"a\": tru\n}");
        var ex = act.Should().Throw<JsonParseException>().Which;
        ex.Line.Should().Be(2);
        ex.Message.Should().StartWith("Invalid JSON at line 2");
    }

    [Fact]
    public void Parse_Truncated_SaysWhatIsMissing()
    {
        var act = () => JsonParser.Parse("{\"who\":");
        act.Should().Throw<JsonParseException>().Which.Reason.Should().Be("the text ends before every object and array is closed");
    }

    [Fact]
    public void Parse_HugeArray_Works()
    {
        string json = "[" + string.Join(",", Enumerable.Range(0, 200_000)) + "]";
        var node = (JArray)JsonParser.Parse(json);
        node.Count.Should().Be(200_000);
        node.Utf8Size.Should().Be(json.Length);
    }

    [Fact]
    public void Parse_NumberOutOfRange_Fails()
    {
        var act = () => JsonParser.Parse("1e999");
        act.Should().Throw<JsonParseException>().Which.Reason.Should().Contain("out of range");
    }
}
