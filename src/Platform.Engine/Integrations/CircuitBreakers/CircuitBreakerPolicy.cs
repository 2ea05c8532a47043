namespace Platform.Engine.Integrations.CircuitBreakers;

/// <summary>How the circuit breakers of the resources matching <see cref="Resource"/> behave.</summary>
public sealed record CircuitBreakerPolicy
{
    /// <summary>Gets the resources it guards: a Task <c>Resource</c> (without its <c>.waitForTaskToken</c> or <c>.sync</c>
    /// suffix), where <c>*</c> matches any run of characters, e.g. <c>arn:aws:states:::http:invoke</c> or
    /// <c>arn:aws:lambda:*:function:Payments*</c>.</summary>
    public required string Resource { get; init; }

    /// <summary>Gets how many counted failures within <see cref="Window"/> open the circuit.</summary>
    /// <value>5.</value>
    public int FailureThreshold { get; init; } = 5;

    /// <summary>Gets the sliding window in which failures are counted.</summary>
    /// <value>60 seconds.</value>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how long the circuit stays open before trial calls are let through.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how many trial calls the half-open circuit lets through; all must succeed to close it, and the first
    /// that fails opens it again.</summary>
    /// <value>1.</value>
    public int HalfOpenTrials { get; init; } = 1;

    /// <summary>Gets how long a trial call may stay unanswered before its slot is given to another call (a worker that took a
    /// trial and died must not keep the circuit half-open forever).</summary>
    /// <value>5 minutes.</value>
    public TimeSpan TrialTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets a value indicating whether each target of an integration has its own circuit: the function of
    /// <c>lambda:invoke</c>, the scheme and host of <c>http:invoke</c>, the table of <c>dynamodb:*</c>, the bucket of
    /// <c>aws-sdk:s3:*</c>, the queue of <c>sqs:sendMessage</c>.</summary>
    /// <value><see langword="true"/>.</value>
    public bool PerTarget { get; init; } = true;

    /// <summary>Gets the errors that do not count as failures of the resource (mistakes in the definition, business outcomes).</summary>
    /// <value><c>States.Runtime</c>, <c>States.DataLimitExceeded</c>, <c>CircuitBreaker.Open</c>.</value>
    public IReadOnlySet<string> IgnoredErrors { get; init; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "States.Runtime", "States.DataLimitExceeded", CircuitBreakerDispatcher.OpenError,
    };

    /// <summary>Tells whether this policy guards <paramref name="resource"/> (already stripped of its pattern suffix).</summary>
    public bool Matches(string resource) => Glob(Resource, resource);

    internal void Validate()
    {
        string? problem = FailureThreshold < 1 ? $"FailureThreshold must be at least 1, found {FailureThreshold}"
            : Window <= TimeSpan.Zero ? $"Window must be positive, found {Window}"
            : CoolDown <= TimeSpan.Zero ? $"CoolDown must be positive, found {CoolDown}"
            : HalfOpenTrials < 1 ? $"HalfOpenTrials must be at least 1, found {HalfOpenTrials}"
            : TrialTimeout <= TimeSpan.Zero ? $"TrialTimeout must be positive, found {TrialTimeout}"
            : string.IsNullOrEmpty(Resource) ? "Resource must name a resource or a pattern" : null;
        if (problem is not null)
        {
            throw new ArgumentException($"Circuit breaker policy for '{Resource}': {problem}.");
        }
    }

    private static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
