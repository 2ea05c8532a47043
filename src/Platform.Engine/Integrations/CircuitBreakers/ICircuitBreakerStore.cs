namespace Platform.Engine.Integrations.CircuitBreakers;

/// <summary>Where circuit breakers keep their shared state and transitions log, and the query API a server or console
/// reads them through.</summary>
public interface ICircuitBreakerStore
{
    /// <summary>Reads one circuit's state, or null when it was never written (closed, no failures).</summary>
    ValueTask<CircuitBreakerStatus?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Reads every circuit's state, in key order.</summary>
    ValueTask<IReadOnlyList<CircuitBreakerStatus>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a circuit's transitions, newest first, one page at a time.</summary>
    ValueTask<CircuitTransitionPage> GetTransitionsAsync(string key, int maxResults = 100, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="next"/> if the stored state is still at <c>next.Version</c> (absent when it is null),
    /// and then appends <paramref name="transition"/> to the log.</summary>
    /// <returns>The stored state with its new version, or null when another writer changed it first (nothing written).</returns>
    ValueTask<CircuitBreakerStatus?> TryReplaceAsync(CircuitBreakerStatus next, CircuitTransition? transition, CancellationToken cancellationToken = default);
}
