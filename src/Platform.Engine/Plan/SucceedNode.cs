using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Engine.Execution;

namespace Platform.Engine.Plan;

/// <summary>Succeed: InputPath → OutputPath, and the machine ends.</summary>
internal sealed class SucceedNode(SucceedState state) : StateNode(state)
{
    public override ValueTask<StepResult> ExecuteAsync(JNode input, BranchRun run)
    {
        try
        {
            return ValueTask.FromResult(IsJsonata
                ? FinishJsonata(run, null, input, input, JsonataOutput, null)
                : StepResult.Continue(null, OutputPath.Select(run, InputPath.Select(run, input))));
        }
        catch (StatesException ex)
        {
            return ValueTask.FromResult(Failure(run, ex));
        }
    }
}
