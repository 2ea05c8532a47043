using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Engine.Execution;

namespace Platform.Engine.Plan;

/// <summary>Pass: InputPath → Result (literal) or Parameters → ResultPath → OutputPath.</summary>
internal sealed class PassNode : StateNode
{
    private readonly JNode? _result;
    private readonly Template? _parameters;
    private readonly DataPath _resultPath;

    public PassNode(PassState state)
        : base(state)
    {
        _result = state.Result;
        _parameters = Template.Compile(state.Parameters);
        _resultPath = DataPath.Compile(state.ResultPath);
    }

    public override ValueTask<StepResult> ExecuteAsync(JNode input, BranchRun run)
    {
        try
        {
            if (IsJsonata)
            {
                return ValueTask.FromResult(FinishJsonata(run, Next, input, input, JsonataOutput, JsonataAssign));
            }

            var effective = InputPath.Select(run, input);
            var result = _result ?? (_parameters is null ? effective : _parameters.Evaluate(run, effective));

            var output = OutputPath.Select(run, _resultPath.Apply(input, result));
            CheckSize(run, output);
            var assigned = EvaluateAssign(Assign, run, result);
            ApplyAssign(run, assigned);
            return ValueTask.FromResult(StepResult.Continue(Next, output, assigned));
        }
        catch (StatesException ex)
        {
            return ValueTask.FromResult(Failure(run, ex));
        }
    }
}
