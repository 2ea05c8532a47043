using Platform.Asl.Model;

namespace Platform.Engine.Plan;

/// <summary>The retry delay of ASL: IntervalSeconds × BackoffRate^retry, capped by MaxDelaySeconds, with optional full jitter.</summary>
public static class RetryBackoff
{
    /// <summary>Returns the delay in seconds before retry number <paramref name="retry"/> (0 for the first retry).</summary>
    /// <param name="retrier">The retrier.</param>
    /// <param name="retry">How many retries this retrier has already made.</param>
    /// <param name="random">A uniform value in [0, 1), used only by full jitter.</param>
    public static double DelaySeconds(Retrier retrier, int retry, double random)
    {
        ArgumentNullException.ThrowIfNull(retrier);
        double delay = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, retry);
        if (retrier.MaxDelaySeconds is { } max && delay > max)
        {
            delay = max;
        }

        // The one-year cap of an execution bounds any single wait.
        delay = Math.Min(delay, 31_622_400d);
        return retrier.JitterStrategy == JitterStrategy.Full ? delay * random : delay;
    }
}
