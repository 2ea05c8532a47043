using Platform.Asl.Intrinsics;
using Platform.Asl.Json;

namespace Platform.Asl.Tests.Intrinsics;

public class JavaCompatibilityTests
{
    [Fact]
    public void JavaRandom_MatchesJavaUtilRandom()
    {
        new JavaRandom(42).NextInt().Should().Be(-1170105035);
        new JavaRandom(0).NextInt().Should().Be(-1155484576);
        new JavaRandom(42).NextInt(10).Should().Be(0);
        new JavaRandom(42).NextDouble().Should().Be(0.7275636800328681);
    }

    [Fact]
    public void JavaRandom_NextIntWithBound_StaysInRange()
    {
        var random = new JavaRandom(-5);
        for (int i = 0; i < 1000; i++)
        {
            random.NextInt(7).Should().BeInRange(0, 6);
            random.NextInt(64).Should().BeInRange(0, 63);
        }
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(-7.0, "-7")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(1.1, "1.1")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1234567.5, "1234567.5")]
    [InlineData(12345678.5, "1.23456785E7")]
    [InlineData(-2.5e-10, "-2.5E-10")]
    [InlineData(1.5e300, "1.5E300")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    public void FormatNumber_MatchesJavaDoubleToString(double value, string expected)
    {
        JavaText.FormatNumber(value).Should().Be(expected);
    }

    [Fact]
    public void ToJavaString_UsesMapAndListToString()
    {
        JavaText.ToJavaString(JNode.Parse("{\"Id\":\"arn:x\",\"Name\":\"n\",\"l\":[1,\"a\",null,true,{}]}"))
            .Should().Be("{Id=arn:x, Name=n, l=[1, a, null, true, {}]}");
        JavaText.ToJavaString(JNode.From("plain")).Should().Be("plain");
    }

    [Fact]
    public void ToJacksonJson_EscapesLikeJackson()
    {
        JavaText.ToJacksonJson(JNode.Parse("{\"k\":\"\\u001f\\t é\",\"n\":[0.5,2]}")).Should().Be("{\"k\":\"\\u001F\\t é\",\"n\":[0.5,2]}");
    }
}
