using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Engine.Execution;
using Platform.Engine.History;
using Platform.Engine.Plan.Jsonata;

namespace Platform.Engine.Plan;

/// <summary>Parallel: every branch gets the same input (after InputPath and Parameters); the result is the array of branch outputs.</summary>
internal sealed class ParallelNode : RetryingNode
{
    private readonly Template? _parameters;
    private readonly JsonataTemplate? _arguments;

    public ParallelNode(ParallelState state, CompiledMachine[] branches)
        : base(state, state, state.ResultPath, state.ResultSelector)
    {
        _parameters = Template.Compile(state.Parameters);
        _arguments = IsJsonata ? JsonataTemplate.Compile(state.Arguments, "Arguments") : null;
        Branches = branches;
    }

    public CompiledMachine[] Branches { get; }

    protected override async ValueTask<StepResult> AttemptAsync(JNode input, BranchRun run, int attempt)
    {
        JNode branchInput;
        if (IsJsonata)
        {
            branchInput = _arguments is null ? input : _arguments.Evaluate(JsonataBindings.Create(run, input));
        }
        else
        {
            var effective = InputPath.Select(run, input);
            branchInput = _parameters is null ? effective : _parameters.Evaluate(run, effective);
        }

        CheckInputSize(run, branchInput);
        run.Record(HistoryEventTypes.ParallelStateStarted, null);
        long startedId = run.LastEventId;
        var scopes = new VariableScope[Branches.Length];
        BranchOutcome[] outcomes;
        try
        {
            outcomes = await FanOut.RunAsync(
                Branches.Length,
                0,
                (i, token) => Branches[i].RunAsync(branchInput, new BranchRun(run.Execution, scopes[i] = new VariableScope(run.Variables), startedId, token)),
                o => o.Failed && !o.Aborted,
                run.Cancellation);
        }
        finally
        {
            // The branches' variables go out of scope with them.
            foreach (var scope in scopes)
            {
                scope?.Release();
            }
        }

        foreach (var outcome in outcomes)
        {
            if (outcome.Failed && !outcome.Aborted)
            {
                run.Record(HistoryEventTypes.ParallelStateFailed, null);
                return StepResult.Fail(outcome.Error, outcome.Cause);
            }
        }

        run.Cancellation.ThrowIfCancellationRequested();
        var results = new JNode[outcomes.Length];
        for (int i = 0; i < outcomes.Length; i++)
        {
            results[i] = outcomes[i].Output ?? throw new InvalidOperationException($"Branch {i} of '{Name}' ended without output or failure.");
        }

        run.Record(HistoryEventTypes.ParallelStateSucceeded, null);

        return Complete(run, input, new JArray(results));
    }
}
