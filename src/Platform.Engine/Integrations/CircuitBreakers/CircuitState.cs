namespace Platform.Engine.Integrations.CircuitBreakers;

/// <summary>The states of a circuit breaker.</summary>
public enum CircuitState
{
    /// <summary>Calls go through; failures are counted within the window.</summary>
    Closed,

    /// <summary>Calls fail fast with <c>CircuitBreaker.Open</c> until the cool-down ends.</summary>
    Open,

    /// <summary>A limited number of trial calls go through; the others fail fast until the trials decide.</summary>
    HalfOpen,
}
