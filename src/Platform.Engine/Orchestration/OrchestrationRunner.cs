using Platform.Asl.Errors;
using Platform.Engine.Execution;
using Platform.Engine.History;
using Platform.Engine.Tasks;

namespace Platform.Engine.Orchestration;

/// <summary>The body of a host's one state-machine orchestration (<see cref="OrchestratorNames.Execution"/>): reads the
/// execution input from the wire, runs the named state machine as a Standard execution, and returns its
/// <see cref="ExecutionEnd"/> document.</summary>
/// <remarks>
/// <para>Everything a Durable Functions orchestrator function does besides wrapping its context lives here, so it is tested
/// without Azure. An ASL failure is a value in the returned document, not an exception: the orchestration completes, and
/// the document says Failed with the error and cause (as the durable host reports a child's end to its parent).</para>
/// <para>The state machines are looked up by name once per replay, from definitions the host loaded at start-up; a
/// changed definition must be deployed under a new name (or to a new task hub) while executions of the old one run, or
/// their replays diverge.</para>
/// </remarks>
/// <param name="machines">Finds a compiled state machine by name, or null.</param>
/// <param name="taskTokens">Signs the task tokens of <c>.waitForTaskToken</c> tasks; null refuses them.</param>
/// <param name="continueAsNewAfterEvents">After how many history events an execution continues as new (0: never).</param>
/// <param name="keepHistory">Whether the ASL history is recorded and published for GetExecutionHistory
/// (<see cref="ExecutionHistory"/>): the host then serves the <see cref="ActivityNames.WriteHistory"/> activity.</param>
public sealed class OrchestrationRunner(Func<string, StateMachineOrchestrator?> machines, TaskTokens? taskTokens, int continueAsNewAfterEvents = 2_000, bool keepHistory = false)
{
    /// <summary>Runs one orchestration episode and returns the end document as JSON text ("null" when it continued as new:
    /// the host then starts it again with the input given to <see cref="OrchestrationContext.ContinueAsNew"/>).</summary>
    public async Task<string> RunAsync(OrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var execution = OrchestrationWire.Read<ExecutionInput>(input) with
        {
            Type = WorkflowType.Standard,
            TaskTokens = taskTokens,

            // Without a history store the ASL history is not kept: Durable keeps its own. With one, each replay rebuilds it
            // (at most continueAsNewAfterEvents events per episode) and the checkpoints publish it.
            RecordHistory = keepHistory,
        };
        execution = execution with { ContinueAsNewAfterEvents = execution.ContinueAsNewAfterEvents ?? continueAsNewAfterEvents };
        var started = execution.Continuation?.StartTime ?? context.CurrentUtcDateTime;
        // A Map Run's child is named <machine>/<label> and runs a Map state's processor of <machine>.
        string machineName = execution.MapRun is null ? execution.StateMachineName : execution.StateMachineName.Split('/')[0];
        if (machines(machineName) is not { } machine)
        {
            return new ExecutionEnd(ExecutionStatus.Failed, null, StatesErrors.Runtime, $"State Machine Does Not Exist: '{execution.StateMachineName}' is not deployed with this app.", started, context.CurrentUtcDateTime).ToJson().ToString();
        }

        HistoryCheckpointContext? checkpoints = null;
        if (keepHistory)
        {
            var recorder = new HistoryRecorder(enabled: true, execution.Continuation?.LastEventId ?? 0);
            checkpoints = new HistoryCheckpointContext(context, recorder);
            execution = execution with { HistoryRecorder = recorder };
        }

        var result = await machine.RunAsync(checkpoints ?? context, execution);
        if (checkpoints is not null)
        {
            // The end (or this episode's end: continuing as new starts a new recorder) is stored, not left in the status.
            await checkpoints.CompleteAsync();
        }

        return result.Status == ExecutionStatus.ContinuedAsNew
            ? "null"
            : new ExecutionEnd(result.Status, result.Output, result.Error, result.Cause, started, context.CurrentUtcDateTime).ToJson().ToString();
    }
}
