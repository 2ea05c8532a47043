namespace Platform.Engine.Integrations.CircuitBreakers;

/// <summary>One change of a circuit breaker's state, kept in the transitions log.</summary>
/// <param name="Key">The circuit's key.</param>
/// <param name="At">When it changed (UTC).</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">Why, in words (e.g. "5 failures within 60 s; last: States.Http.StatusCode.503: …").</param>
public sealed record CircuitTransition(string Key, DateTimeOffset At, CircuitState From, CircuitState To, string Reason);
