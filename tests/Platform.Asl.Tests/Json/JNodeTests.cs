using Platform.Asl.Json;

namespace Platform.Asl.Tests.Json;

public class JNodeTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(1.5, "1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000001, "1e-7")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(-2.5e-10, "-2.5e-10")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    public void Format_Number_MatchesJavaScript(double value, string expected)
    {
        JNumber.Format(value).Should().Be(expected);
    }

    [Fact]
    public void DeepEquals_ObjectsInAnyKeyOrder_AreEqual()
    {
        JNode.Parse("{\"a\":1,\"b\":{\"c\":[1,2]}}").Should().Be(JNode.Parse("{\"b\":{\"c\":[1.0,2e0]},\"a\":1}"));
        JNode.Parse("{\"a\":1}").GetHashCode().Should().Be(JNode.Parse("{\"a\":1.0}").GetHashCode());
    }

    [Fact]
    public void DeepEquals_DifferentArrays_AreNotEqual()
    {
        JNode.Parse("[1,2]").Should().NotBe(JNode.Parse("[2,1]"));
        JNode.Parse("{\"a\":null}").Should().NotBe(JNode.Parse("{}"));
    }

    [Fact]
    public void Utf8Size_MatchesSerializedBytes()
    {
        var node = JNode.Parse("{\"k\":\"é€😀\\n\\u0001\",\"n\":[1.5,-2,null,true]}");
        node.Utf8Size.Should().Be(System.Text.Encoding.UTF8.GetByteCount(node.ToString()));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    [InlineData(9.0)]
    [InlineData(10.0)]
    [InlineData(-123456.0)]
    [InlineData(999999999999999.0)]
    [InlineData(1e15)]
    [InlineData(1e21)]
    [InlineData(-1e300)]
    [InlineData(1.5)]
    [InlineData(-2.5)]
    [InlineData(0.1)]
    [InlineData(1e-7)]
    [InlineData(123.456)]
    [InlineData(double.Epsilon)]
    public void Utf8Size_OfANumber_IsTheLengthOfItsText(double value)
    {
        var number = JNode.From(value);
        number.Utf8Size.Should().Be(number.ToString().Length, "{0} prints as {1}", value, number);
    }

    [Fact]
    public void With_ReplacesOrAppends_WithoutChangingOriginal()
    {
        var obj = (JObject)JNode.Parse("{\"a\":1}");
        var changed = obj.With("a", JNode.From(2)).With("b", JNode.True);
        obj.ToString().Should().Be("{\"a\":1}");
        changed.ToString().Should().Be("{\"a\":2,\"b\":true}");
    }

    [Fact]
    public void ToJson_Indented_UsesTwoSpaces()
    {
        JNode.Parse("{\"a\":[1]}").ToJson(indented: true).Should().Be("{\n  \"a\": [\n    1\n  ]\n}");
    }
}
