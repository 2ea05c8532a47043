using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;

namespace Platform.Engine.Tests.Support;

/// <summary>Stands in for Durable Functions and the Functions app's adapter: every argument and result crosses as wire
/// text, the activity side throws for a failed outcome (as the activity function does), and a thrown failure reaches the
/// orchestrator as nothing but an exception type name and a message, which is all TaskFailureDetails carries. Timers fire
/// at once and move the clock to their time.</summary>
internal sealed class WireContext(ITaskDispatcher dispatcher, DateTime start) : OrchestrationContext
{
    private int _guids;

    public List<string> ActivityInputs { get; } = [];

    public List<(string ErrorType, string ErrorMessage)> Failures { get; } = [];

    public object? ContinuedWith { get; private set; }

    public override string InstanceId => "arn:aws:states:us-east-1:123456789012:execution:M:wire";

    public override DateTime CurrentUtcDateTime => Now;

    public DateTime Now { get; private set; } = start;

    public override bool IsReplaying => false;

    public override Guid NewGuid() => new(Interlocked.Increment(ref _guids), 0, 0, new byte[8]);

    /// <summary>Activities other than the task activity, by name: wire text in, wire text out (throw to fail).</summary>
    public Dictionary<string, Func<string, string>> Activities { get; } = new(StringComparer.Ordinal);

    /// <summary>Every custom status set, as wire text.</summary>
    public List<string?> Statuses { get; } = [];

    /// <summary>What the orchestrator did, in order: "activity &lt;name&gt;", "timer", "continue".</summary>
    public List<string> Log { get; } = [];

    public override async ValueTask<TResult> CallActivityAsync<TResult>(string name, object? input = null)
    {
        Log.Add("activity " + name);
        if (Activities.TryGetValue(name, out var activity))
        {
            string result;
            try
            {
                result = activity(OrchestrationWire.Write(input));
            }
            catch (Exception ex)
            {
                throw AslFailures.ToEngineException(ex.GetType().FullName, ex.Message);
            }

            return OrchestrationWire.Read<TResult>(result);
        }

        string wireIn = OrchestrationWire.Write(input);
        ActivityInputs.Add(wireIn);
        string wireOut;
        try
        {
            // The activity function: read the invocation, dispatch, throw a failed outcome.
            var outcome = await dispatcher.DispatchAsync(OrchestrationWire.ReadInvocation(wireIn, "activity-1"), CancellationToken.None);
            wireOut = outcome.IsSuccess ? OrchestrationWire.Write(outcome) : throw AslFailures.ToException(outcome);
        }
        catch (Exception ex)
        {
            // Durable: TaskFailedException with TaskFailureDetails(ErrorType = type full name, ErrorMessage = message);
            // the adapter: one mapping call.
            Failures.Add((ex.GetType().FullName!, ex.Message));
            throw AslFailures.ToEngineException(ex.GetType().FullName, ex.Message);
        }

        return OrchestrationWire.Read<TResult>(wireOut);
    }

    public override ValueTask CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        Log.Add("timer");
        if (fireAt > Now)
        {
            Now = fireAt;
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public override ValueTask<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, string? instanceId = null, object? input = null) =>
        throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null)
    {
        Log.Add("continue");
        ContinuedWith = OrchestrationWire.Write(newInput);
    }

    public override void SetCustomStatus(object? customStatus) => Statuses.Add(customStatus is null ? null : OrchestrationWire.Write(customStatus));
}
