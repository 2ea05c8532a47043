using System.Runtime.CompilerServices;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;

namespace Platform.Runtime.InMemory;

/// <summary>The orchestration port in memory: activities call the task dispatcher directly; timers use real or virtual time.</summary>
internal sealed class InMemoryOrchestrationContext(
    string instanceId, ITaskDispatcher tasks, TimeProvider time, VirtualTimeScheduler? scheduler, CancellationToken cancellation) : OrchestrationContext
{
    public override string InstanceId { get; } = instanceId;

    public override DateTime CurrentUtcDateTime => scheduler?.Now ?? time.GetUtcNow().UtcDateTime;

    public override bool IsReplaying => false;

    public object? CustomStatus { get; private set; }

    public override Guid NewGuid() => Guid.NewGuid();

    public override ValueTask<TResult> CallActivityAsync<TResult>(string name, object? input = null)
    {
        if (name != ActivityNames.ExecuteTask || input is not TaskInvocation invocation || typeof(TResult) != typeof(TaskOutcome))
        {
            throw new NotSupportedException($"The in-memory host runs only the '{ActivityNames.ExecuteTask}' activity.");
        }

        // The ValueTask is inspected (IsCompleted) and handed on once, never consumed twice.
#pragma warning disable CA2012
        var pending = tasks.DispatchAsync(invocation, cancellation);
        if (scheduler is not null && !pending.IsCompleted)
        {
            pending = scheduler.TrackActivity(pending);
        }
#pragma warning restore CA2012

        return Unsafe.As<ValueTask<TaskOutcome>, ValueTask<TResult>>(ref pending);
    }

    public override ValueTask CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        if (scheduler is not null)
        {
            return new ValueTask(scheduler.CreateTimer(fireAt, cancellationToken));
        }

        var delay = fireAt - CurrentUtcDateTime;
        return delay <= TimeSpan.Zero ? ValueTask.CompletedTask : new ValueTask(DelayUntilAsync(fireAt, cancellationToken));
    }

    /// <summary>Waits until <paramref name="fireAt"/> in steps, because one Task.Delay cannot exceed about 49.7 days.</summary>
    private async Task DelayUntilAsync(DateTime fireAt, CancellationToken cancellationToken)
    {
        var longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
        TimeSpan remaining;
        while ((remaining = fireAt - CurrentUtcDateTime) > TimeSpan.Zero)
        {
            await Task.Delay(remaining < longest ? remaining : longest, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public override ValueTask<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"An in-memory (Express) execution cannot wait for the external event '{eventName}': callbacks need a Standard workflow.");

    public override ValueTask<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, string? instanceId = null, object? input = null) =>
        throw new NotSupportedException("Nested executions need a Standard workflow.");

    public override void ContinueAsNew(object? newInput = null) =>
        throw new NotSupportedException("In-memory executions do not continue as new.");

    public override void SetCustomStatus(object? customStatus) => CustomStatus = customStatus;
}
