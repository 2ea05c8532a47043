using Platform.Asl.Model;
using Platform.Engine.Execution;

namespace Platform.Engine.Plan.Choice;

/// <summary>A compiled Choice rule.</summary>
internal abstract class Condition
{
    /// <summary>Evaluates against the run's current input (the Choice state's effective input).</summary>
    public abstract bool Evaluate(BranchRun run);

    public static Condition Compile(ChoiceRule rule) => rule switch
    {
        AndRule and => new AndCondition([.. and.Rules.Select(Compile)]),
        OrRule or => new OrCondition([.. or.Rules.Select(Compile)]),
        NotRule not => new NotCondition(Compile(not.Rule)),
        ComparisonRule comparison => new ComparisonCondition(comparison),
        _ => throw new NotSupportedException($"Choice rule at {rule.Pointer} needs JSONata, which this engine does not run yet."),
    };
}

/// <summary>All rules match.</summary>
internal sealed class AndCondition(Condition[] rules) : Condition
{
    public override bool Evaluate(BranchRun run)
    {
        foreach (var rule in rules)
        {
            if (!rule.Evaluate(run))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Any rule matches.</summary>
internal sealed class OrCondition(Condition[] rules) : Condition
{
    public override bool Evaluate(BranchRun run)
    {
        foreach (var rule in rules)
        {
            if (rule.Evaluate(run))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The rule does not match.</summary>
internal sealed class NotCondition(Condition rule) : Condition
{
    public override bool Evaluate(BranchRun run) => !rule.Evaluate(run);
}
