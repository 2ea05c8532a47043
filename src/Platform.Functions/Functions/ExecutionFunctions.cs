using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Platform.Asl.Json;
using Platform.Engine.Orchestration;
using Platform.Functions.Durable;

namespace Platform.Functions.Functions;

/// <summary>The orchestrator that runs every state machine, and the activity that runs their tasks.</summary>
/// <param name="platform">The app's parts.</param>
public sealed class ExecutionFunctions(FunctionsPlatform platform)
{
    /// <summary>Runs one state machine execution (input: an ExecutionInput on the wire; output: its ExecutionEnd).</summary>
    [Function(OrchestratorNames.Execution)]
    public Task<string> RunExecution([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return platform.Runner.RunAsync(new DurableOrchestrationContext(context), context.GetInput<string>());
    }

    /// <summary>Stores one chunk of an execution's ASL history (<see cref="ExecutionHistoryStore.WriteAsync"/>); the
    /// orchestration calls it only when the app keeps histories.</summary>
    [Function(ActivityNames.WriteHistory)]
    public async Task<string> WriteHistory([ActivityTrigger] string chunk, CancellationToken cancellationToken)
    {
        var histories = platform.Histories ?? throw new InvalidOperationException($"No ASL history is kept without the setting {AppSettings.BlobEndpoint}.");
        await histories.WriteAsync(chunk, cancellationToken);
        return "null";
    }

    /// <summary>Terminates the children the orchestration no longer waits for (a failed Map Run's, still running; see
    /// <see cref="OrchestrationContext.StopSubOrchestrationsAsync"/>): an orchestration cannot stop another instance, the
    /// client can. Children that ended are left as they are; one not found yet (scheduled in the same episode, its start
    /// still queued) is terminated all the same, so it ends as soon as it starts. One failed termination does not keep the
    /// others from being tried; the first failure is thrown at the end.</summary>
    [Function(ActivityNames.StopExecutions)]
    public static async Task<string> StopExecutions([ActivityTrigger] string instanceIds, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        Exception? failed = null;
        foreach (var id in (JArray)JNode.Parse(instanceIds))
        {
            string instanceId = ((JString)id).Value;
            try
            {
                var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
                if (instance is null or { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
                {
                    await client.TerminateInstanceAsync(instanceId, (object?)null, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed ??= ex;
            }
        }

        return failed is null ? "null" : throw new InvalidOperationException($"Could not stop every child execution: {failed.Message}", failed);
    }

    /// <summary>Runs one Task state invocation through the handler router; a failed outcome is thrown as an
    /// <see cref="AslErrorException"/>, so Durable's failure details carry its Error and Cause to the orchestrator.</summary>
    [Function(ActivityNames.ExecuteTask)]
    public async Task<string> ExecuteTask([ActivityTrigger] string invocation, CancellationToken cancellationToken)
    {
        var outcome = await platform.Dispatcher.DispatchAsync(OrchestrationWire.ReadInvocation(invocation, null), cancellationToken);
        return outcome.IsSuccess ? OrchestrationWire.Write(outcome) : throw AslFailures.ToException(outcome);
    }
}
