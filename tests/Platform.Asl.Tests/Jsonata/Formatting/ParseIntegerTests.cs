using Platform.Asl.Jsonata.Formatting;

namespace Platform.Asl.Tests.Jsonata.Formatting;

// Expected values were checked against jsonata@2.0.6 on node.
public sealed class ParseIntegerTests
{
    [Theory]
    [InlineData("1,234,567,890", "#,##0", 1234567890d)]
    [InlineData("12345,67,890", "##,##,##0", 1234567890d)]
    [InlineData("123rd", "000;o", 123d)]
    [InlineData("\uff11\uff12\uff13\uff14\uff10", "###\uff10", 12340d)]
    [InlineData("MCMXCIX", "I", 1999d)]
    [InlineData("FZPH", "A", 123456d)]
    [InlineData("three thousand, seven hundred and thirty-first", "w;o", 3731d)]
    [InlineData("ten billion trillion trillion trillion", "w", 1e46)]
    public void ParseInteger_Picture_InvertsFormatInteger(string text, string picture, double expected) =>
        JsonataFormatting.ParseInteger(text, picture).Should().Be(expected);

    [Fact]
    public void ParseInteger_UnknownWord_IsNaN() =>
        double.IsNaN(JsonataFormatting.ParseInteger("xyz", "w")).Should().BeTrue();

    [Fact]
    public void ParseInteger_SequencePicture_ThrowsD3130()
    {
        var act = () => JsonataFormatting.ParseInteger("50", "#");
        act.Should().Throw<JsonataFormattingException>().Which.Code.Should().Be("D3130");
    }
}
