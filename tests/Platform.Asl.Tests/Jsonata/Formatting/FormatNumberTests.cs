using Platform.Asl.Json;
using Platform.Asl.Jsonata.Formatting;

namespace Platform.Asl.Tests.Jsonata.Formatting;

// Expected values were checked against jsonata@2.0.6 on node.
public sealed class FormatNumberTests
{
    [Theory]
    [InlineData(12345.6, "#,###.00", "12,345.60")]
    [InlineData(-1234.5, "#,##0.00;(#,##0.00)", "(1,234.50)")]
    [InlineData(2.5, "0", "2")]
    [InlineData(3.5, "0", "4")]
    [InlineData(0.14, "01%", "14%")]
    [InlineData(1234.5678, "00.000e0", "12.346e2")]
    [InlineData(1e21, "0", "1e+21")]
    public void FormatNumber_Picture_MatchesJsonata(double value, string picture, string expected) =>
        JsonataFormatting.FormatNumber(value, picture, null).Should().Be(expected);

    [Fact]
    public void FormatNumber_DecimalAndGroupingOptions_AreUsed()
    {
        var options = (JObject)JNode.Parse("""{"decimal-separator": ",", "grouping-separator": "."}""");
        JsonataFormatting.FormatNumber(1234.5, "#.##0,00", options).Should().Be("1.234,50");
    }

    [Fact]
    public void FormatNumber_MinusSignOption_PrefixesNegatives()
    {
        var options = (JObject)JNode.Parse("""{"minus-sign": "~"}""");
        JsonataFormatting.FormatNumber(-1234.5, "#,##0.00", options).Should().Be("~1,234.50");
    }

    [Fact]
    public void FormatNumber_ZeroWithExponent_TerminatesInsteadOfLooping() =>
        JsonataFormatting.FormatNumber(0, "0.0e0", null).Should().Be("0.0e0");

    [Theory]
    [InlineData("#;#;#", "D3080")]
    [InlineData("#.0.0", "D3081")]
    [InlineData("#0%%", "D3082")]
    [InlineData("0,", "D3088")]
    [InlineData("#0.0e0,0", "D3093")]
    public void FormatNumber_BadPicture_ThrowsJsonataCode(string picture, string code)
    {
        var act = () => JsonataFormatting.FormatNumber(20, picture, null);
        act.Should().Throw<JsonataFormattingException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void FormatNumber_TooManySubPictures_HasJsonataMessage()
    {
        var act = () => JsonataFormatting.FormatNumber(20, "#;#;#", null);
        act.Should().Throw<JsonataFormattingException>()
            .WithMessage("The picture string must only contain a maximum of two sub-pictures");
    }
}
