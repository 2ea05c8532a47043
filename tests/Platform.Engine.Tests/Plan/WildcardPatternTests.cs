using System.Diagnostics;
using Platform.Asl.Errors;
using Platform.Engine.Plan.Choice;

namespace Platform.Engine.Tests.Plan;

public class WildcardPatternTests
{
    [Theory]
    [InlineData("log-*.txt", "log-2024.txt", true)]
    [InlineData("log-*.txt", "log-.txt", true)]
    [InlineData("log-*.txt", "log-2024.txt.gz", false)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("a*a", "a", false)]
    [InlineData(@"a\*b", "a*b", true)]
    [InlineData(@"a\*b", "aXb", false)]
    [InlineData(@"a\\b", @"a\b", true)]
    [InlineData("*.com", "example.com", true)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    public void IsMatch_Patterns_MatchAsAslDefines(string pattern, string text, bool expected)
    {
        WildcardPattern.Parse(pattern).IsMatch(text).Should().Be(expected);
    }

    [Fact]
    public void Parse_OpenEscape_IsARuntimeError()
    {
        var act = () => WildcardPattern.Parse(@"a\b");
        act.Should().Throw<StatesException>().Which.Error.Should().Be("States.Runtime");
    }

    [Fact]
    public void IsMatch_HostilePattern_FinishesQuickly()
    {
        string pattern = string.Concat(Enumerable.Repeat("a*", 500)) + "b";
        string text = new('a', 200_000);
        var stopwatch = Stopwatch.StartNew();
        WildcardPattern.Parse(pattern).IsMatch(text).Should().BeFalse();
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }
}
