using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Parsing;
using Platform.Engine.Execution;
using Platform.Engine.History;
using Platform.Engine.Orchestration;
using Platform.Engine.Plan;

namespace Platform.Engine;

/// <summary>Runs a compiled state machine through an <see cref="OrchestrationContext"/>: the same code on every host.</summary>
/// <remarks>Compile once per definition, run many times: an instance is immutable and safe to share between executions.</remarks>
public sealed class StateMachineOrchestrator
{
    private readonly CompiledMachine _machine;

    /// <summary>Compiles a validated definition.</summary>
    /// <exception cref="NotSupportedException">The definition uses a feature this engine does not run.</exception>
    public StateMachineOrchestrator(StateMachineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        _machine = PlanCompiler.Compile(definition);
    }

    /// <summary>Gets the definition.</summary>
    public StateMachineDefinition Definition { get; }

    /// <summary>Parses, validates and compiles ASL text (JSON or YAML).</summary>
    /// <exception cref="InvalidDefinitionException">The definition has errors; all of them are listed.</exception>
    public static StateMachineOrchestrator FromText(string asl)
    {
        var parsed = AslParser.Parse(asl);
        return parsed.Definition is null
            ? throw new InvalidDefinitionException(parsed.Diagnostics)
            : new StateMachineOrchestrator(parsed.Definition);
    }

    /// <summary>Runs one execution to its end; cancelling <paramref name="cancellationToken"/> stops it (ExecutionAborted).</summary>
    public async ValueTask<ExecutionResult> RunAsync(OrchestrationContext context, ExecutionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var history = input.HistoryRecorder ?? new HistoryRecorder(input.RecordHistory);
        var start = context.CurrentUtcDateTime;
        var execution = new ExecutionRun(context, input, history, start);
        long startedId = history.Record(
            HistoryEventTypes.ExecutionStarted,
            0,
            start,
            history.Enabled ? new JObject(["input", "inputDetails", "roleArn"], [JNode.From(input.Input.ToString()), new JObject(["truncated"], [JNode.False]), JNode.From(input.EffectiveRoleArn)]) : null);

        if (input.Input.Utf8Size > StatesErrors.MaxPayloadBytes)
        {
            return Finish(execution, BranchOutcome.Failure(StatesErrors.DataLimitExceeded, "The execution input has a size exceeding the maximum number of bytes service limit."));
        }

        BranchOutcome outcome;
        if (Definition.TimeoutSeconds is { } timeoutSeconds)
        {
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var timerCancellation = new CancellationTokenSource();
            var timer = context.CreateTimer(StateNode.Deadline(start, timeoutSeconds), timerCancellation.Token).AsTask();
            var run = _machine.RunAsync(input.Input, new BranchRun(execution, new VariableScope(null), startedId, cancellation.Token)).AsTask();
            var winner = await Task.WhenAny(run, timer);
            if (winner == timer && !run.IsCompleted)
            {
                cancellation.Cancel();
                await run;
                history.Record(
                    HistoryEventTypes.ExecutionTimedOut,
                    history.LastId,
                    context.CurrentUtcDateTime,
                    history.Enabled ? EventDetails.Error(StatesErrors.Timeout, "The execution timed out.") : null);
                return new ExecutionResult(ExecutionStatus.TimedOut, null, StatesErrors.Timeout, "The execution timed out.", history.Snapshot());
            }

            timerCancellation.Cancel();
            outcome = await run;
        }
        else
        {
            var run = _machine.RunAsync(input.Input, new BranchRun(execution, new VariableScope(null), startedId, cancellationToken));
            outcome = run.IsCompletedSuccessfully ? run.Result : await run;
        }

        return Finish(execution, outcome);
    }

    private static ExecutionResult Finish(ExecutionRun execution, BranchOutcome outcome)
    {
        var history = execution.History;
        var now = execution.Context.CurrentUtcDateTime;
        if (!outcome.Failed)
        {
            history.Record(HistoryEventTypes.ExecutionSucceeded, history.LastId, now, history.Enabled ? EventDetails.Output(outcome.Output!) : null);
            return new ExecutionResult(ExecutionStatus.Succeeded, outcome.Output, null, null, history.Snapshot());
        }

        if (outcome.Aborted)
        {
            history.Record(HistoryEventTypes.ExecutionAborted, history.LastId, now, null);
            return new ExecutionResult(ExecutionStatus.Aborted, null, null, null, history.Snapshot());
        }

        history.Record(HistoryEventTypes.ExecutionFailed, history.LastId, now, history.Enabled ? EventDetails.Error(outcome.Error, outcome.Cause) : null);
        return new ExecutionResult(ExecutionStatus.Failed, null, outcome.Error, outcome.Cause, history.Snapshot());
    }
}
