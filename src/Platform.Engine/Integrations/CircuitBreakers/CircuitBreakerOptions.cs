namespace Platform.Engine.Integrations.CircuitBreakers;

/// <summary>The circuit breakers' configuration: policies by resource pattern, the first match wins.</summary>
public sealed record CircuitBreakerOptions
{
    /// <summary>Gets the policies, tried in order; a resource no policy matches has no circuit breaker.</summary>
    public IReadOnlyList<CircuitBreakerPolicy> Policies { get; init; } = [];

    /// <summary>Finds the policy that guards <paramref name="resource"/> (any pattern suffix is ignored), or null.</summary>
    public CircuitBreakerPolicy? Find(string resource)
    {
        string plain = CircuitKeys.WithoutPattern(resource);
        foreach (var policy in Policies)
        {
            if (policy.Matches(plain))
            {
                return policy;
            }
        }

        return null;
    }
}
