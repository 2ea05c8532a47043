using System.Text;
using Platform.Asl.Json;

namespace Platform.Asl.Tests.Json;

public class JsonWriterTests
{
    public static TheoryData<string> Documents => new()
    {
        "null",
        "true",
        "[]",
        "{}",
        "0",
        "-0.0",
        "[1, -1, 1.5, 0.1, 0.000001, 0.0000001, 1e21, 1e20, 123456789012345680000, -2.5e-10, 1.7976931348623157e308, 999999999999999, 1e15, 1795294881.243]",
        """{"a":"plain","b":"quote \" backslash \\ slash /","c":"\n\r\t\b\f\u0000\u0001\u001f","d":"é ü 中文 😀","e":[{"f":null}]}""",
        """{"nested":"{\"name\":\"Ada\",\"vip\":true}","empty":"","keys \"quoted\"":{"\u0007":[[],{}]}}""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void TryWriteUtf8_WritesTheBytesOfTheText(string json)
    {
        var node = JNode.Parse(json);
        byte[] expected = Encoding.UTF8.GetBytes(JsonWriter.Write(node, indented: false));
        var buffer = new byte[expected.Length + 16];

        JsonWriter.TryWriteUtf8(node, buffer, out int written).Should().BeTrue();

        buffer.AsSpan(0, written).ToArray().Should().Equal(expected);
        node.Utf8Size.Should().Be(expected.Length);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void TryWriteUtf8_TooSmall_SaysSo(string json)
    {
        var node = JNode.Parse(json);
        int size = Encoding.UTF8.GetByteCount(JsonWriter.Write(node, indented: false));

        JsonWriter.TryWriteUtf8(node, new byte[size - 1], out int written).Should().BeFalse();
        written.Should().Be(0);
    }

    [Fact]
    public void TryWriteUtf8_LoneSurrogate_IsWrittenAsTheReplacementCharacter()
    {
        // As Encoding.UTF8 writes it; this is the one case where the text is longer than Utf8Size says.
        var node = new JObject(["a", "b"], [JNode.From("x\uD800\"y"), JNode.From("\uDC00")]);
        byte[] expected = Encoding.UTF8.GetBytes(node.ToString());
        var buffer = new byte[expected.Length];

        JsonWriter.TryWriteUtf8(node, buffer, out int written).Should().BeTrue();

        buffer.AsSpan(0, written).ToArray().Should().Equal(expected);
        Encoding.UTF8.GetString(buffer).Should().Be("{\"a\":\"x\uFFFD\\\"y\",\"b\":\"\uFFFD\"}");
    }

    [Fact]
    public void OfJson_IsTheTextOfTheValue_WrittenWhenRead()
    {
        var value = JNode.Parse("""{"greeting":"Hello, \"Ada\"!","n":[1,2.5]}""");
        var lazy = JString.OfJson(value);

        lazy.Value.Should().Be(value.ToString());
        lazy.Should().Be(JNode.From(value.ToString()));
        lazy.Utf8Size.Should().Be(Encoding.UTF8.GetByteCount(JsonWriter.Write(lazy, indented: false)));
        new JObject(["output"], [lazy]).ToString().Should().Be("{\"output\":" + JsonWriter.Write(JNode.From(value.ToString()), false) + "}");
    }
}
