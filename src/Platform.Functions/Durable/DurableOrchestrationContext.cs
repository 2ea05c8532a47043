using Microsoft.DurableTask;
using Platform.Asl.Json;
using Platform.Engine.Orchestration;

namespace Platform.Functions.Durable;

/// <summary>The orchestration port over Durable Task's <see cref="TaskOrchestrationContext"/>: one call per member.</summary>
/// <remarks>Arguments and results cross Durable's System.Text.Json converter as wire text (<see cref="OrchestrationWire"/>),
/// and a <see cref="TaskFailedException"/> (its failure details and their inner failures) becomes the engine's (Error,
/// Cause) through <see cref="AslFailures"/>, so Retry and Catch match the same names as on the embedded hosts. Every
/// decision is engine code, tested there.</remarks>
/// <param name="inner">Durable's context of the running orchestration.</param>
internal sealed class DurableOrchestrationContext(TaskOrchestrationContext inner) : OrchestrationContext
{
    /// <inheritdoc />
    public override string Name => inner.Name;

    /// <inheritdoc />
    public override string InstanceId => inner.InstanceId;

    /// <inheritdoc />
    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    /// <inheritdoc />
    public override bool IsReplaying => inner.IsReplaying;

    /// <inheritdoc />
    public override Guid NewGuid() => inner.NewGuid();

    /// <inheritdoc />
    public override async ValueTask<TResult> CallActivityAsync<TResult>(string name, object? input = null)
    {
        try
        {
            return OrchestrationWire.Read<TResult>(await inner.CallActivityAsync<string>(name, OrchestrationWire.Write(input)));
        }
        catch (TaskFailedException ex)
        {
            throw AslFailures.ToEngineException(Chain(ex.FailureDetails));
        }
    }

    /// <inheritdoc />
    public override ValueTask CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => new(inner.CreateTimer(fireAt, cancellationToken));

    /// <inheritdoc />
    public override async ValueTask<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        OrchestrationWire.Read<T>(await inner.WaitForExternalEvent<string>(eventName, cancellationToken));

    /// <inheritdoc />
    /// <remarks>Every state machine runs as the one registered orchestration; the input names the machine.</remarks>
    public override async ValueTask<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, string? instanceId = null, object? input = null)
    {
        try
        {
            return OrchestrationWire.Read<TResult>(await inner.CallSubOrchestratorAsync<string>(
                OrchestratorNames.Execution, OrchestrationWire.Write(input), new SubOrchestrationOptions(instanceId: instanceId)));
        }
        catch (TaskFailedException ex)
        {
            throw AslFailures.ToEngineException(Chain(ex.FailureDetails));
        }
    }

    /// <inheritdoc />
    /// <remarks>Durable's orchestration context cannot stop another instance; the <c>asl-stop</c> activity does, through the
    /// client (<c>ExecutionFunctions.StopExecutions</c>). Stopping is a courtesy to the children: if the activity fails, the
    /// Map Run still fails with its own error, which Catch may handle, instead of the activity's.</remarks>
    public override async ValueTask StopSubOrchestrationsAsync(IReadOnlyList<string> instanceIds)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        try
        {
            await inner.CallActivityAsync<string>(ActivityNames.StopExecutions, new JArray(instanceIds.Select(JNode.From)).ToString());
        }
        catch (TaskFailedException)
        {
            // The children run on; their late ends are ignored, as before this call existed.
        }
    }

    /// <inheritdoc />
    public override void ContinueAsNew(object? newInput = null) => inner.ContinueAsNew(OrchestrationWire.Write(newInput));

    /// <inheritdoc />
    public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus is null ? null : OrchestrationWire.Write(customStatus));

    /// <summary>A failure record and its inner records, outermost first: the activity's own exception can arrive nested.</summary>
    private static IEnumerable<(string? ErrorType, string? ErrorMessage)> Chain(TaskFailureDetails? details)
    {
        for (; details is not null; details = details.InnerFailure)
        {
            yield return (details.ErrorType, details.ErrorMessage);
        }
    }
}
