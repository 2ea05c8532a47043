using Platform.Asl.Model;
using Platform.Engine.Plan;

namespace Platform.Engine.Tests.Plan;

public class RetryBackoffTests
{
    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 2.0)]
    [InlineData(2, 4.0)]
    [InlineData(3, 8.0)]
    public void DelaySeconds_Defaults_DoublesEachRetry(int retry, double expected)
    {
        RetryBackoff.DelaySeconds(new Retrier(["X"]), retry, 0.5).Should().Be(expected);
    }

    [Fact]
    public void DelaySeconds_MaxDelaySeconds_CapsTheInterval()
    {
        var retrier = new Retrier(["X"]) { IntervalSeconds = 3, BackoffRate = 10, MaxDelaySeconds = 100 };
        RetryBackoff.DelaySeconds(retrier, 1, 0).Should().Be(30);
        RetryBackoff.DelaySeconds(retrier, 2, 0).Should().Be(100);
        RetryBackoff.DelaySeconds(retrier, 50, 0).Should().Be(100);
    }

    [Fact]
    public void DelaySeconds_FullJitter_ScalesByTheRandomValue()
    {
        var retrier = new Retrier(["X"]) { IntervalSeconds = 4, JitterStrategy = JitterStrategy.Full };
        RetryBackoff.DelaySeconds(retrier, 1, 0.25).Should().Be(2);
        RetryBackoff.DelaySeconds(retrier, 1, 0).Should().Be(0);
    }

    [Fact]
    public void DelaySeconds_AnyRetrier_StaysWithinZeroAndCapAndGrowsWithoutJitter()
    {
        // Property check over a grid of retriers: monotone in the retry number, never negative, never over the cap.
        var random = new Random(12345);
        for (int trial = 0; trial < 2_000; trial++)
        {
            var retrier = new Retrier(["X"])
            {
                IntervalSeconds = random.Next(1, 1000),
                BackoffRate = 1 + (random.NextDouble() * 5),
                MaxDelaySeconds = random.Next(2) == 0 ? null : random.Next(1, 31_622_400),
                JitterStrategy = random.Next(2) == 0 ? JitterStrategy.None : JitterStrategy.Full,
            };
            double u = random.NextDouble();
            double previous = -1;
            for (int retry = 0; retry < 40; retry++)
            {
                double delay = RetryBackoff.DelaySeconds(retrier, retry, u);
                delay.Should().BeGreaterThanOrEqualTo(0);
                delay.Should().BeLessThanOrEqualTo(retrier.MaxDelaySeconds ?? 31_622_400);
                if (retrier.JitterStrategy == JitterStrategy.None)
                {
                    delay.Should().BeGreaterThanOrEqualTo(previous);
                    previous = delay;
                }
            }
        }
    }
}
