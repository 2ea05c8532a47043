namespace Platform.Engine.Integrations.CircuitBreakers;

/// <summary>The shared state of one circuit breaker, as the table store holds it.</summary>
public sealed record CircuitBreakerStatus
{
    /// <summary>Gets the circuit's key: the resource, and its target when the policy has one circuit per target.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the state.</summary>
    public CircuitState State { get; init; }

    /// <summary>Gets the times of the latest counted failures (at most the policy's threshold) while closed.</summary>
    public IReadOnlyList<DateTimeOffset> RecentFailures { get; init; } = [];

    /// <summary>Gets when the circuit last opened.</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>Gets when the circuit last became half-open.</summary>
    public DateTimeOffset? HalfOpenedAt { get; init; }

    /// <summary>Gets how many trial calls the half-open circuit let through.</summary>
    public int TrialsStarted { get; init; }

    /// <summary>Gets how many of them succeeded.</summary>
    public int TrialsSucceeded { get; init; }

    /// <summary>Gets when the last trial call was let through.</summary>
    public DateTimeOffset? LastTrialAt { get; init; }

    /// <summary>Gets the error of the last counted failure.</summary>
    public string? LastError { get; init; }

    /// <summary>Gets the cause of the last counted failure (truncated to 1,000 characters).</summary>
    public string? LastCause { get; init; }

    /// <summary>Gets how many transitions the circuit has made (it numbers the transitions log).</summary>
    public long TransitionCount { get; init; }

    /// <summary>Gets when the state was last written.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the store's version of this state (its ETag), null before it was first written; writes are
    /// conditional on it.</summary>
    public string? Version { get; init; }
}
