using Platform.Asl.Jsonata.Formatting;

namespace Platform.Asl.Tests.Jsonata.Formatting;

// Expected values were checked against jsonata@2.0.6 on node.
public sealed class FromMillisTests
{
    [Theory]
    [InlineData(1L, "1970-01-01T00:00:00.001Z")]
    [InlineData(1509380732935L, "2017-10-30T16:25:32.935Z")]
    [InlineData(-62135596800000L, "0001-01-01T00:00:00.000Z")]
    public void FromMillis_NoPicture_IsIso8601(long millis, string expected) =>
        JsonataFormatting.FromMillis(millis, null, null).Should().Be(expected);

    [Theory]
    [InlineData("[FNn], the [Dwo] of [MNn] [Y] [E]", "Friday, the twenty-third of March 2018 ISO")]
    [InlineData("[D#1,2]/[M1,2]/[Y,2]", "23/03/18")]
    [InlineData("[F], [D]/[M]/[Y] [h]:[m]:[s] [PN]", "friday, 23/3/2018 10:33:36 AM")]
    [InlineData("[[Year]]: [[[Y0001]]]", "[Year]: [2018]")]
    public void FromMillis_Picture_MatchesJsonata(string picture, string expected) =>
        JsonataFormatting.FromMillis(1521801216617, picture, null).Should().Be(expected);

    [Theory]
    [InlineData("[H01]:[m01][Z]", "-0500", "07:00-05:00")]
    [InlineData("[H01]:[m01][Z0]", "+0530", "17:30+5:30")]
    [InlineData("[H01]:[m01] [z]", "-0500", "07:00 GMT-05:00")]
    [InlineData("[H01]:[m01][Z01:01t]", "0000", "12:00Z")]
    public void FromMillis_Timezone_ShiftsAndPrintsOffset(string picture, string timezone, string expected) =>
        JsonataFormatting.FromMillis(1531310400000, picture, timezone).Should().Be(expected);

    [Fact]
    public void FromMillis_FractionalMillis_AreTruncated() =>
        JsonataFormatting.FromMillis(1.9, null, null).Should().Be("1970-01-01T00:00:00.001Z");

    [Fact]
    public void FromMillis_OutsideJavaScriptDateRange_ThrowsD1001()
    {
        var act = () => JsonataFormatting.FromMillis(1e16, null, null);
        act.Should().Throw<JsonataFormattingException>().Which.Code.Should().Be("D1001");
    }

    [Fact]
    public void FromMillis_NegativeHalfHourZone_KeepsJsonataArithmetic() =>
        JsonataFormatting.FromMillis(0, null, "-0530").Should().Be("1969-12-31T17:30:00.000-06:30");

    [Fact]
    public void FromMillis_IsoWeekDate_UsesWeekNumberingYear() =>
        JsonataFormatting.FromMillis(1104537600000, "[X0001]-W[W01]-[F1]", null).Should().Be("2004-W53-6");

    [Theory]
    [InlineData("[YN]-[M]-[D]", "D3133")]
    [InlineData("[YN]-[M", "D3135")]
    [InlineData("[q]", "D3132")]
    [InlineData("[Z010101t]", "D3134")]
    public void FromMillis_BadPicture_ThrowsJsonataCode(string picture, string code)
    {
        var act = () => JsonataFormatting.FromMillis(1419940800000, picture, "+0530");
        act.Should().Throw<JsonataFormattingException>().Which.Code.Should().Be(code);
    }
}
