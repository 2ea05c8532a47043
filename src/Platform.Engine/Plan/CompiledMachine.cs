using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Engine.Execution;

namespace Platform.Engine.Plan;

/// <summary>A machine (or branch, or Map processor) compiled into linked state nodes, and the loop that walks them.</summary>
internal sealed class CompiledMachine
{
    public CompiledMachine(StateMachineDefinition definition, IReadOnlyDictionary<string, StateNode> states)
    {
        Definition = definition;
        States = states;
        Start = states[definition.StartAt];
    }

    public StateMachineDefinition Definition { get; }

    public IReadOnlyDictionary<string, StateNode> States { get; }

    public StateNode Start { get; }

    /// <summary>Finds the Map state at a JSON pointer of the definition (<c>/States/A/ItemProcessor/States/B</c>), in this
    /// machine or any branch or processor nested in it; null when there is none.</summary>
    public MapNode? FindMap(string pointer)
    {
        foreach (var state in States.Values)
        {
            if (state is MapNode map)
            {
                if (map.Definition.Pointer == pointer)
                {
                    return map;
                }

                if (map.Processor.FindMap(pointer) is { } inner)
                {
                    return inner;
                }
            }
            else if (state is ParallelNode parallel)
            {
                foreach (var branch in parallel.Branches)
                {
                    if (branch.FindMap(pointer) is { } inner)
                    {
                        return inner;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Runs from StartAt until a state ends the machine or fails. Every state's Entered and Exited events are recorded here.</summary>
    public ValueTask<BranchOutcome> RunAsync(JNode input, BranchRun run) => RunAsync(input, run, Start, continueAfterEvents: 0);

    /// <summary>Runs from <paramref name="from"/>. When <paramref name="continueAfterEvents"/> is positive (the top-level
    /// machine of an execution on a durable host), it stops between two states once that many history events were
    /// recorded since it began, and returns <see cref="BranchOutcome.Continue"/> with the next state and its input;
    /// it always runs at least one state, so every continuation makes progress.</summary>
    public static async ValueTask<BranchOutcome> RunAsync(JNode input, BranchRun run, StateNode from, long continueAfterEvents)
    {
        var node = from;
        var data = input;
        var history = run.Execution.History;
        long firstEventId = history.LastId;
        try
        {
            while (true)
            {
                if (run.Cancellation.IsCancellationRequested)
                {
                    return BranchOutcome.Abort();
                }

                if (continueAfterEvents > 0 && node != from && history.LastId - firstEventId >= continueAfterEvents)
                {
                    return BranchOutcome.Continue(node.Name, data);
                }

                var now = run.Now;
                long entered = run.Record(node.EnteredType, history.Enabled ? EventDetails.Entered(node.Name, data) : null);
                if (entered > run.Execution.MaxHistoryEvents)
                {
                    return BranchOutcome.Failure(
                        StatesErrors.Runtime,
                        $"The execution reached the maximum number of history events ({run.Execution.MaxHistoryEvents}) at state '{node.Name}'.");
                }

                run.EnterState(node.Name, node.Retriable, entered, now);
                var pending = node.ExecuteAsync(data, run);
                var step = pending.IsCompletedSuccessfully ? pending.Result : await pending;
                if (step.Failed)
                {
                    return BranchOutcome.Failure(step.Error, step.Cause);
                }

                run.Record(node.ExitedType, history.Enabled ? EventDetails.Exited(node.Name, step.Output!, step.Assigned) : null);
                if (step.Next is null)
                {
                    return BranchOutcome.Success(step.Output!);
                }

                node = step.Next;
                data = step.Output!;
            }
        }
        catch (OperationCanceledException) when (run.Cancellation.IsCancellationRequested)
        {
            if (node.AbortedType is not null)
            {
                run.Record(node.AbortedType, null);
            }

            return BranchOutcome.Abort();
        }
        catch (Exception ex)
        {
            // A last resort: a fault in a handler adapter or the language layer ends this branch as a failure, never a crash.
            return BranchOutcome.Failure(StatesErrors.Runtime, StateNode.RuntimeCause(run, $"Internal error: {ex.GetType().Name}: {ex.Message}"));
        }
    }
}
