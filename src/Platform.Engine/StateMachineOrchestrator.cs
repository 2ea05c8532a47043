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
        var resume = input.Continuation;
        var history = input.HistoryRecorder ?? new HistoryRecorder(input.RecordHistory, resume?.LastEventId ?? 0);
        var start = resume?.StartTime ?? context.CurrentUtcDateTime;
        var execution = new ExecutionRun(context, input, history, start);
        var variables = new VariableScope(null);
        long startedId;
        StateNode from;
        JNode data;
        CompiledMachine? machine = _machine;
        if (input.MapRun is { } mapRun)
        {
            // A child execution of a distributed Map's Map Run: the machine is that Map state's ItemProcessor.
            machine = _machine.FindMap(mapRun.MapState)?.Processor;
        }

        if (resume is null)
        {
            startedId = history.Record(
                HistoryEventTypes.ExecutionStarted,
                0,
                start,
                history.Enabled ? new JObject(["input", "inputDetails", "roleArn"], [JString.OfJson(input.Input), new JObject(["truncated"], [JNode.False]), JNode.From(input.EffectiveRoleArn)]) : null);

            if (input.Input.Utf8Size > StatesErrors.MaxPayloadBytes)
            {
                return Finish(execution, BranchOutcome.Failure(StatesErrors.DataLimitExceeded, "The execution input has a size exceeding the maximum number of bytes service limit."));
            }

            if (machine is null)
            {
                return Finish(execution, BranchOutcome.Failure(StatesErrors.Runtime, $"This Map Run child execution runs the ItemProcessor of the Map state at '{input.MapRun!.MapState}', which its state machine does not have."));
            }

            from = machine.Start;
            data = input.Input;
        }
        else
        {
            // A continuation: the execution goes on at a top-level state, with its variables and its event ids.
            startedId = resume.LastEventId;
            variables.Import(resume.Variables);
            if (machine is null || !machine.States.TryGetValue(resume.State, out from!))
            {
                return Finish(execution, BranchOutcome.Failure(StatesErrors.Runtime, $"The execution cannot continue at state '{resume.State}': the state machine has no such top-level state."));
            }

            data = resume.StateInput;
        }

        long continueAfter = input.ContinueAsNewAfterEvents ?? 0;
        BranchOutcome outcome;
        if (Definition.TimeoutSeconds is { } timeoutSeconds)
        {
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var run = CompiledMachine.RunAsync(data, new BranchRun(execution, variables, startedId, cancellation.Token), from, continueAfter).AsTask();
            var timeoutFrom = resume?.RedriveTime ?? start;
            while (true)
            {
                // A redrive restarts the machine's timeout from the redrive (AWS: "the state machine level timeout ... is reset to 0").
                var redrive = context.RedriveToken;
                using var timerCancellation = redrive.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(redrive) : new CancellationTokenSource();
                var timer = context.CreateTimer(StateNode.Deadline(timeoutFrom, timeoutSeconds), timerCancellation.Token).AsTask();
                var winner = await Task.WhenAny(run, timer);
                if (winner == timer && !run.IsCompleted)
                {
                    if (timer.IsCanceled)
                    {
                        timeoutFrom = context.RedriveTime ?? context.CurrentUtcDateTime;
                        continue;
                    }

                    cancellation.Cancel();
                    await run;
                    execution.Record(
                        HistoryEventTypes.ExecutionTimedOut,
                        history.LastId,
                        context.CurrentUtcDateTime,
                        history.Enabled ? EventDetails.Error(StatesErrors.Timeout, "The execution timed out.") : null);
                    return new ExecutionResult(ExecutionStatus.TimedOut, null, StatesErrors.Timeout, "The execution timed out.", history.Snapshot());
                }

                timerCancellation.Cancel();
                break;
            }

            outcome = await run;
        }
        else
        {
            var run = CompiledMachine.RunAsync(data, new BranchRun(execution, variables, startedId, cancellationToken), from, continueAfter);
            outcome = run.IsCompletedSuccessfully ? run.Result : await run;
        }

        return outcome.ContinueAt is { } next ? Continue(execution, variables, next, outcome.Output!) : Finish(execution, outcome);
    }

    /// <summary>Ends this orchestration and starts it again at <paramref name="state"/> (the host's ContinueAsNew): the
    /// journal starts empty, the execution goes on. The result carries this part's history events.</summary>
    private static ExecutionResult Continue(ExecutionRun execution, VariableScope variables, string state, JNode stateInput)
    {
        var input = execution.Info;
        var context = execution.Context;
        var continuation = new ExecutionContinuation
        {
            State = state,
            StateInput = stateInput,
            Variables = variables.Export(),
            LastEventId = execution.History.LastId,
            StartTime = execution.StartTime,
            Generation = (input.Continuation?.Generation ?? 0) + 1,
            RedriveTime = context.RedriveTime ?? input.Continuation?.RedriveTime,
        };

        // The redrives so far go into the input: the new journal has no redrive marker to count them from.
        context.ContinueAsNew(input with { Continuation = continuation, RedriveCount = Math.Max(input.RedriveCount, context.RedriveCount) });
        return new ExecutionResult(ExecutionStatus.ContinuedAsNew, null, null, null, execution.History.Snapshot());
    }

    private static ExecutionResult Finish(ExecutionRun execution, BranchOutcome outcome)
    {
        var history = execution.History;
        var now = execution.Context.CurrentUtcDateTime;
        if (!outcome.Failed)
        {
            execution.Record(HistoryEventTypes.ExecutionSucceeded, history.LastId, now, history.Enabled ? EventDetails.Output(outcome.Output!) : null);
            return new ExecutionResult(ExecutionStatus.Succeeded, outcome.Output, null, null, history.Snapshot());
        }

        if (outcome.Aborted)
        {
            execution.Record(HistoryEventTypes.ExecutionAborted, history.LastId, now, null);
            return new ExecutionResult(ExecutionStatus.Aborted, null, null, null, history.Snapshot());
        }

        execution.Record(HistoryEventTypes.ExecutionFailed, history.LastId, now, history.Enabled ? EventDetails.Error(outcome.Error, outcome.Cause) : null);
        return new ExecutionResult(ExecutionStatus.Failed, null, outcome.Error, outcome.Cause, history.Snapshot());
    }
}
