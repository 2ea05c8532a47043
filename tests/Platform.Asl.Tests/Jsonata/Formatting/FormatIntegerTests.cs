using Platform.Asl.Jsonata.Formatting;

namespace Platform.Asl.Tests.Jsonata.Formatting;

// Expected values were checked against jsonata@2.0.6 on node.
public sealed class FormatIntegerTests
{
    [Theory]
    [InlineData(123L, "0000", "0123")]
    [InlineData(-3L, "0000", "-0003")]
    [InlineData(1234567890L, "#,##0", "1,234,567,890")]
    [InlineData(1234567890L, "#:###,##0", "1234:567,890")]
    [InlineData(123L, "000;o", "123rd")]
    [InlineData(12340L, "###\u0661", "\u0661\u0662\u0663\u0664\u0660")]
    public void FormatInteger_DecimalPicture_MatchesJsonata(long value, string picture, string expected) =>
        JsonataFormatting.FormatInteger(value, picture).Should().Be(expected);

    [Theory]
    [InlineData(21L, "w;o", "twenty-first")]
    [InlineData(-12L, "w", "-twelve")]
    [InlineData(555L, "Ww", "Five Hundred and Fifty-Five")]
    [InlineData(1984L, "I", "MCMLXXXIV")]
    [InlineData(27L, "a", "aa")]
    public void FormatInteger_NamedPicture_MatchesJsonata(long value, string picture, string expected) =>
        JsonataFormatting.FormatInteger(value, picture).Should().Be(expected);

    [Fact]
    public void FormatInteger_Fraction_IsFloored() =>
        JsonataFormatting.FormatInteger(12.6, "###0").Should().Be("12");

    [Fact]
    public void FormatInteger_IrregularGroupingWiderThanNumber_KeepsJsonataSubstrQuirk() =>
        JsonataFormatting.FormatInteger(1000L, "##,##,##0").Should().Be(",0");

    [Fact]
    public void FormatInteger_HugeRoman_ThrowsInsteadOfExhaustingMemory()
    {
        var act = () => JsonataFormatting.FormatInteger(1e15, "I");
        act.Should().Throw<JsonataFormattingException>();
    }

    [Fact]
    public void FormatInteger_BeyondDoublePrecision_PrintsShortestDigitsLikeJavaScript() =>
        JsonataFormatting.FormatInteger(9223372036854775808d, "0").Should().Be("9223372036854776000");

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void FormatInteger_NonFinite_ThrowsInsteadOfRecursing(double value)
    {
        var act = () => JsonataFormatting.FormatInteger(value, "w");
        act.Should().Throw<JsonataFormattingException>().Which.Code.Should().Be("D1001");
    }

    [Fact]
    public void FormatInteger_LongRegularPicture_GroupsEveryThreeDigits()
    {
        var picture = "#" + string.Concat(Enumerable.Repeat(",000", 20_000));
        var formatted = JsonataFormatting.FormatInteger(1234567L, picture);
        formatted.Should().EndWith("0,001,234,567").And.HaveLength((20_000 * 4) - 1);
    }

    [Theory]
    [InlineData("##0\uff10", "D3131")]
    [InlineData("\u03b1", "D3130")]
    public void FormatInteger_BadPicture_ThrowsJsonataCode(string picture, string code)
    {
        var act = () => JsonataFormatting.FormatInteger(12345L, picture);
        act.Should().Throw<JsonataFormattingException>().Which.Code.Should().Be(code);
    }
}
