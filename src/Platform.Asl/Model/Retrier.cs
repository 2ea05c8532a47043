namespace Platform.Asl.Model;

/// <summary>A Retry rule.</summary>
/// <param name="ErrorEquals">The error names it matches.</param>
public sealed record Retrier(IReadOnlyList<string> ErrorEquals)
{
    /// <summary>Gets the first retry interval.</summary>
    /// <value>1.</value>
    public int IntervalSeconds { get; init; } = 1;

    /// <summary>Gets the number of retries (0 = never retry).</summary>
    /// <value>3.</value>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Gets the multiplier of the interval per attempt.</summary>
    /// <value>2.0.</value>
    public double BackoffRate { get; init; } = 2.0;

    /// <summary>Gets the cap on any one interval, if any.</summary>
    public int? MaxDelaySeconds { get; init; }

    /// <summary>Gets the jitter strategy.</summary>
    /// <value><see cref="JitterStrategy.None"/>.</value>
    public JitterStrategy JitterStrategy { get; init; } = JitterStrategy.None;

    /// <summary>Gets the JSON pointer of this retrier.</summary>
    public string Pointer { get; init; } = string.Empty;
}
