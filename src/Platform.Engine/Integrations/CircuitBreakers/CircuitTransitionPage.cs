namespace Platform.Engine.Integrations.CircuitBreakers;

/// <summary>One page of a circuit's transitions log, newest first.</summary>
/// <param name="Transitions">The transitions, newest first.</param>
/// <param name="ContinuationToken">The token of the next (older) page, or null when this is the last.</param>
public sealed record CircuitTransitionPage(IReadOnlyList<CircuitTransition> Transitions, string? ContinuationToken);
