using Platform.Engine.Plan;

namespace Platform.Engine.Tests.Plan;

public class JitterTests
{
    [Fact]
    public void Random01_VersionFourAndFiveGuids_SpreadOverTheWholeUnitInterval()
    {
        var values = Enumerable.Range(0, 20_000).Select(_ => RetryingNode.Random01(Guid.NewGuid())).ToArray();
        values.Should().OnlyContain(v => v >= 0 && v < 1);
        values.Min().Should().BeLessThan(0.01);
        values.Max().Should().BeGreaterThan(0.99);
        values.Average().Should().BeApproximately(0.5, 0.02);
        for (int bucket = 0; bucket < 10; bucket++)
        {
            values.Count(v => (int)(v * 10) == bucket).Should().BeInRange(1_700, 2_300, $"bucket {bucket} of 10 should hold about a tenth");
        }
    }
}
