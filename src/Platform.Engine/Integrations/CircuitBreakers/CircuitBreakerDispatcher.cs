using System.Globalization;
using Platform.Engine.Tasks;

namespace Platform.Engine.Integrations.CircuitBreakers;

/// <summary>Guards the resources its policies match with circuit breakers whose state lives in an
/// <see cref="ICircuitBreakerStore"/>: a decorator around any <see cref="ITaskDispatcher"/>, so it works on every host.</summary>
/// <remarks>
/// <para>Closed: each counted failure (an error the policy does not ignore) is recorded; when <c>FailureThreshold</c> of them
/// fall within <c>Window</c>, the circuit opens. Open: calls fail fast with <see cref="OpenError"/> without reaching the
/// resource, until <c>CoolDown</c> has passed; then the next call takes the circuit half-open and is let through as a trial.
/// Half-open: up to <c>HalfOpenTrials</c> trial calls go through and the others fail fast; when all trials succeed the circuit
/// closes, and the first failed trial opens it again for another cool-down.</para>
/// <para>Every change is a write conditional on the version read (retried on a conflict), so workers and processes sharing
/// the store never both take a transition or overwrite each other; each transition is logged with its time and reason.
/// Successes while closed write nothing. Time comes from the injected <see cref="TimeProvider"/>.</para>
/// <para>Polly's circuit breaker keeps its state in process memory, which is why it is not used: here the state is shared.</para>
/// </remarks>
public sealed class CircuitBreakerDispatcher : ITaskDispatcher
{
    /// <summary>The error of a call refused by an open (or busy half-open) circuit; catchable.</summary>
    public const string OpenError = "CircuitBreaker.Open";

    private const int MaxConflicts = 64;

    private readonly ITaskDispatcher _inner;
    private readonly ICircuitBreakerStore _store;
    private readonly CircuitBreakerOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the decorator.</summary>
    public CircuitBreakerDispatcher(ITaskDispatcher inner, ICircuitBreakerStore store, CircuitBreakerOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var policy in options.Policies)
        {
            policy.Validate();
        }

        _inner = inner;
        _store = store;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the store (the query API: states and transitions).</summary>
    public ICircuitBreakerStore Store => _store;

    /// <inheritdoc />
    public async ValueTask<TaskOutcome> DispatchAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var policy = _options.Find(invocation.Resource);
        if (policy is null)
        {
            return await _inner.DispatchAsync(invocation, cancellationToken);
        }

        string key = CircuitKeys.Of(invocation, policy.PerTarget);
        var (trial, refusal) = await AdmitAsync(key, policy, cancellationToken);
        if (refusal is { } refused)
        {
            return refused;
        }

        var outcome = await _inner.DispatchAsync(invocation, cancellationToken);
        await RecordAsync(key, policy, trial, outcome, cancellationToken);
        return outcome;
    }

    private async ValueTask<(bool Trial, TaskOutcome? Refusal)> AdmitAsync(string key, CircuitBreakerPolicy policy, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var status = await _store.GetAsync(key, cancellationToken);
            var now = _time.GetUtcNow();
            switch (status?.State)
            {
                case null or CircuitState.Closed:
                    return (false, null);
                case CircuitState.Open when now < status.OpenedAt + policy.CoolDown:
                    return (false, Refuse(status, $"is open until {Time(status.OpenedAt!.Value + policy.CoolDown)}"));
                case CircuitState.Open:
                {
                    var halfOpen = status with
                    {
                        State = CircuitState.HalfOpen,
                        HalfOpenedAt = now,
                        TrialsStarted = 1,
                        TrialsSucceeded = 0,
                        LastTrialAt = now,
                        UpdatedAt = now,
                    };
                    string reason = $"the cool-down of {Span(policy.CoolDown)} ended; letting {policy.HalfOpenTrials} trial call(s) through";
                    if (await _store.TryReplaceAsync(halfOpen, new CircuitTransition(key, now, CircuitState.Open, CircuitState.HalfOpen, reason), cancellationToken) is not null)
                    {
                        return (true, null);
                    }

                    continue;
                }

                default:
                {
                    bool abandoned = status.LastTrialAt is { } last && now >= last + policy.TrialTimeout;
                    if (status.TrialsStarted >= policy.HalfOpenTrials && !abandoned)
                    {
                        return (false, Refuse(status, $"is half-open and its {policy.HalfOpenTrials} trial call(s) are under way"));
                    }

                    // A trial slot is free, or the trials under way were given up (their worker may have died): take one.
                    var claimed = status with
                    {
                        TrialsStarted = abandoned ? status.TrialsSucceeded + 1 : status.TrialsStarted + 1,
                        LastTrialAt = now,
                        UpdatedAt = now,
                    };
                    if (await _store.TryReplaceAsync(claimed, null, cancellationToken) is not null)
                    {
                        return (true, null);
                    }

                    continue;
                }
            }
        }

        // Lost every race: let the call through rather than refuse it on the breaker's own contention.
        return (false, null);
    }

    private async ValueTask RecordAsync(string key, CircuitBreakerPolicy policy, bool trial, TaskOutcome outcome, CancellationToken cancellationToken)
    {
        bool counted = !outcome.IsSuccess && !policy.IgnoredErrors.Contains(outcome.Error ?? string.Empty);
        if (!trial && !counted)
        {
            return;
        }

        for (int attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var status = await _store.GetAsync(key, cancellationToken);
            var now = _time.GetUtcNow();
            CircuitBreakerStatus next;
            CircuitTransition? transition = null;
            if (trial)
            {
                if (status is not { State: CircuitState.HalfOpen })
                {
                    return; // Another trial already decided.
                }

                if (counted)
                {
                    next = Opened(status, now, outcome);
                    transition = new CircuitTransition(key, now, CircuitState.HalfOpen, CircuitState.Open, $"a trial call failed: {Describe(outcome)}");
                }
                else if (outcome.IsSuccess)
                {
                    int succeeded = status.TrialsSucceeded + 1;
                    if (succeeded >= policy.HalfOpenTrials)
                    {
                        next = status with
                        {
                            State = CircuitState.Closed,
                            RecentFailures = [],
                            TrialsStarted = 0,
                            TrialsSucceeded = 0,
                            UpdatedAt = now,
                        };
                        transition = new CircuitTransition(key, now, CircuitState.HalfOpen, CircuitState.Closed, $"{succeeded} trial call(s) succeeded");
                    }
                    else
                    {
                        next = status with { TrialsSucceeded = succeeded, UpdatedAt = now };
                    }
                }
                else
                {
                    // An ignored error says nothing about the resource: give the trial slot back.
                    next = status with { TrialsStarted = Math.Max(status.TrialsSucceeded, status.TrialsStarted - 1), UpdatedAt = now };
                }
            }
            else
            {
                if (status is { State: not CircuitState.Closed })
                {
                    return; // A call admitted before the circuit opened: the circuit already acted on failures.
                }

                var failures = (status?.RecentFailures ?? []).Where(f => f > now - policy.Window).Append(now).TakeLast(policy.FailureThreshold).ToList();
                var closed = status ?? new CircuitBreakerStatus { Key = key };
                if (failures.Count >= policy.FailureThreshold)
                {
                    next = Opened(closed, now, outcome);
                    transition = new CircuitTransition(key, now, CircuitState.Closed, CircuitState.Open,
                        $"{failures.Count} failures within {Span(policy.Window)}; last: {Describe(outcome)}");
                }
                else
                {
                    next = closed with { RecentFailures = failures, LastError = outcome.Error, LastCause = outcome.Cause, UpdatedAt = now };
                }
            }

            if (await _store.TryReplaceAsync(next, transition, cancellationToken) is not null)
            {
                return;
            }
        }
    }

    private static CircuitBreakerStatus Opened(CircuitBreakerStatus status, DateTimeOffset now, TaskOutcome outcome) => status with
    {
        State = CircuitState.Open,
        OpenedAt = now,
        RecentFailures = [],
        TrialsStarted = 0,
        TrialsSucceeded = 0,
        LastError = outcome.Error,
        LastCause = outcome.Cause,
        UpdatedAt = now,
    };

    private static TaskOutcome Refuse(CircuitBreakerStatus status, string state) => TaskOutcome.Failure(
        OpenError,
        $"The circuit breaker of '{status.Key}' {state}; the call was not made. It opened at {Time(status.OpenedAt ?? status.UpdatedAt)} after: {status.LastError}: {status.LastCause}");

    private static string Describe(TaskOutcome outcome)
    {
        string cause = outcome.Cause ?? string.Empty;
        return $"{outcome.Error}: {(cause.Length > 200 ? cause[..200] + "…" : cause)}";
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
}
