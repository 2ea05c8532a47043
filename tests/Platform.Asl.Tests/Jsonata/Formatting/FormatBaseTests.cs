using Platform.Asl.Jsonata.Formatting;

namespace Platform.Asl.Tests.Jsonata.Formatting;

// Expected values were checked against jsonata@2.0.6 on node.
public sealed class FormatBaseTests
{
    [Theory]
    [InlineData(100, 2, "1100100")]
    [InlineData(-100, 2, "-1100100")]
    [InlineData(255, 16, "ff")]
    [InlineData(100, 36, "2s")]
    [InlineData(-2.5, 2, "-10")]
    [InlineData(1e20, 36, "l3r41ifs0p800")]
    [InlineData(1e21, 10, "1e+21")]
    public void FormatBase_Radix_MatchesJsonata(double value, int radix, string expected) =>
        JsonataFormatting.FormatBase(value, radix).Should().Be(expected);

    [Fact]
    public void FormatBase_FractionalRadix_IsRoundedHalfToEven() =>
        JsonataFormatting.FormatBase(99.5, 2.5).Should().Be("1100100");

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    public void FormatBase_RadixOutOfRange_ThrowsD3100(int radix)
    {
        var act = () => JsonataFormatting.FormatBase(100, radix);
        act.Should().Throw<JsonataFormattingException>().Which.Code.Should().Be("D3100");
    }
}
