using Platform.Asl.Jsonata.Formatting;

namespace Platform.Asl.Tests.Jsonata.Formatting;

// Expected values were checked against jsonata@2.0.6 on node (with "now" fixed at 1700000000000).
public sealed class ToMillisTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1700000000000);

    [Theory]
    [InlineData("2018", 1514764800000L)]
    [InlineData("2017-10-30", 1509321600000L)]
    [InlineData("2018-02-01T09:42:13.123+0000", 1517478133123L)]
    [InlineData("2018-02-03T04:05:06.789123Z", 1517630706789L)]
    [InlineData("2018-02-03T04:05:06-0130", 1517636106000L)]
    [InlineData("2018-02-30", 1519948800000L)]
    public void ToMillis_Iso8601_ParsesLikeDateParse(string timestamp, long expected) =>
        JsonataFormatting.ToMillis(timestamp, null).Should().Be(expected);

    [Theory]
    [InlineData("foo")]
    [InlineData("2018-02-03 11:15:33")]
    public void ToMillis_NotIso8601_ThrowsD3110(string timestamp)
    {
        var act = () => JsonataFormatting.ToMillis(timestamp, null);
        act.Should().Throw<JsonataFormattingException>().Which.Code.Should().Be("D3110");
    }

    [Fact]
    public void ToMillis_IsoShapedButInvalid_IsNull() =>
        JsonataFormatting.ToMillis("2018-13-01", null).Should().BeNull();

    [Theory]
    [InlineData("27th 3 1976", "[D1o] [M#1] [Y0001]", 196732800000L)]
    [InlineData("twenty-first August two thousand and seventeen", "[Dw] [MNn] [Yw]", 1503273600000L)]
    [InlineData("4/4/2018 12:06 am", "[D1]/[M1]/[Y0001] [h]:[m] [P]", 1522800360000L)]
    [InlineData("2018-094", "[Y0001]-[d001]", 1522800000000L)]
    [InlineData("2020-09-09 08:00:00 +02:00", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]", 1599631200000L)]
    public void ToMillis_Picture_ParsesComponents(string timestamp, string picture, long expected) =>
        JsonataFormatting.ToMillis(timestamp, picture, Now).Should().Be(expected);

    [Theory]
    [InlineData("13:45", "[H]:[m]", 1699969500000L)]
    [InlineData("5pm", "[h][P]", 1699981200000L)]
    public void ToMillis_TimeOnly_TakesDateFromNow(string timestamp, string picture, long expected) =>
        JsonataFormatting.ToMillis(timestamp, picture, Now).Should().Be(expected);

    [Fact]
    public void ToMillisNumber_IsoShapedButInvalid_IsNaNLikeJsonata() =>
        double.IsNaN(JsonataFormatting.ToMillisNumber("2018-13-01", null, Now)!.Value).Should().BeTrue();

    [Fact]
    public void ToMillisNumber_NoMatch_IsNullForUndefined() =>
        JsonataFormatting.ToMillisNumber("irrelevent string", "[Y]-[M]-[D]", Now).Should().BeNull();

    [Theory]
    [InlineData("Hello", "Hello")]
    [InlineData("irrelevent string", "[Y]-[M]-[D]")]
    public void ToMillis_NoMatchOrNoComponent_IsNull(string timestamp, string picture) =>
        JsonataFormatting.ToMillis(timestamp, picture, Now).Should().BeNull();

    [Theory]
    [InlineData("2018-22", "[Y]-[D]", "D3136")]
    [InlineData("2018-05-22", "[Y]-[M]-[q]", "D3132")]
    [InlineData("2018-05-22", "[YN]-[M]-[D]", "D3133")]
    public void ToMillis_BadPicture_ThrowsJsonataCode(string timestamp, string picture, string code)
    {
        var act = () => JsonataFormatting.ToMillis(timestamp, picture, Now);
        act.Should().Throw<JsonataFormattingException>().Which.Code.Should().Be(code);
    }
}
