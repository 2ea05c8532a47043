using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Engine.Execution;
using Platform.Engine.Plan.Choice;
using Platform.Engine.Plan.Jsonata;

namespace Platform.Engine.Plan;

/// <summary>Choice: the first matching rule wins; otherwise Default; otherwise States.NoChoiceMatched.</summary>
internal sealed class ChoiceNode : StateNode
{
    private readonly ChoiceState _state;
    private readonly (Condition Condition, Template? Assign)[] _rules;
    private readonly (JsonataTemplate Condition, JsonataTemplate? Output, JsonataTemplate? Assign)[] _jsonataRules = [];
    private StateNode[] _targets = [];
    private StateNode? _default;

    public ChoiceNode(ChoiceState state)
        : base(state)
    {
        _state = state;
        if (IsJsonata)
        {
            _rules = [];
            _jsonataRules = [.. state.Choices.Select((r, i) => (
                JsonataTemplate.Compile(((ConditionRule)r).Condition, $"Choices[{i}]/Condition")!,
                JsonataTemplate.Compile(r.Output, $"Choices[{i}]/Output"),
                JsonataTemplate.Compile(r.Assign, $"Choices[{i}]/Assign")))];
        }
        else
        {
            _rules = [.. state.Choices.Select(r => (Condition.Compile(r), r.Assign is null ? null : Template.Compile(r.Assign)))];
        }
    }

    public override void Link(IReadOnlyDictionary<string, StateNode> states)
    {
        _targets = [.. _state.Choices.Select(r => states[r.Next!])];
        _default = _state.Default is null ? null : states[_state.Default];
    }

    public override ValueTask<StepResult> ExecuteAsync(JNode input, BranchRun run)
    {
        try
        {
            if (IsJsonata)
            {
                return ValueTask.FromResult(ChooseJsonata(run, input));
            }

            var effective = InputPath.Select(run, input);
            for (int i = 0; i < _rules.Length; i++)
            {
                run.SetInput(effective);
                if (_rules[i].Condition.Evaluate(run))
                {
                    return ValueTask.FromResult(Finish(run, effective, _targets[i], _rules[i].Assign));
                }
            }

            if (_default is null)
            {
                return ValueTask.FromResult(StepResult.Fail(StatesErrors.NoChoiceMatched, RuntimeCause(run, "No choice rule matched and no Default was specified.")));
            }

            return ValueTask.FromResult(Finish(run, effective, _default, Assign));
        }
        catch (StatesException ex)
        {
            return ValueTask.FromResult(Failure(run, ex));
        }
    }

    private StepResult ChooseJsonata(BranchRun run, JNode input)
    {
        var bindings = JsonataBindings.Create(run, input);
        for (int i = 0; i < _jsonataRules.Length; i++)
        {
            var rule = _jsonataRules[i];
            if (((JBool)rule.Condition.Evaluate(bindings, JsonKind.Boolean)).Value)
            {
                return FinishJsonata(run, _targets[i], input, input, rule.Output, rule.Assign);
            }
        }

        return _default is null
            ? StepResult.Fail(StatesErrors.NoChoiceMatched, RuntimeCause(run, "No choice rule matched and no Default was specified."))
            : FinishJsonata(run, _default, input, input, JsonataOutput, JsonataAssign);
    }

    private StepResult Finish(BranchRun run, JNode effective, StateNode next, Template? assign)
    {
        var output = OutputPath.Select(run, effective);
        var assigned = EvaluateAssign(assign, run, effective);
        ApplyAssign(run, assigned);
        return StepResult.Continue(next, output, assigned);
    }
}
