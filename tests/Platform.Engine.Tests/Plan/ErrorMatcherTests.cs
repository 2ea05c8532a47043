using Platform.Engine.Plan;

namespace Platform.Engine.Tests.Plan;

public class ErrorMatcherTests
{
    [Theory]
    [InlineData("States.ALL", "Custom", true)]
    [InlineData("States.ALL", "States.Timeout", true)]
    [InlineData("States.ALL", "States.Runtime", false)]
    [InlineData("States.ALL", "States.DataLimitExceeded", false)]
    [InlineData("States.TaskFailed", "Lambda.Unknown", true)]
    [InlineData("States.TaskFailed", "States.Timeout", false)]
    [InlineData("States.Runtime", "States.Runtime", false)]
    [InlineData("Custom", "Custom", true)]
    [InlineData("Custom", "custom", false)]
    [InlineData("State.ALL", "Custom", false)]
    public void Matches_ErrorNames_FollowAwsRules(string matcher, string error, bool expected)
    {
        ErrorMatcher.Matches([matcher], error).Should().Be(expected);
    }
}
