using Platform.Asl.Json;

namespace Platform.Asl.Model;

/// <summary>A Choice rule: a comparison, a combination (And, Or, Not) or a JSONata Condition.</summary>
/// <remarks>Top-level rules carry Next (and optionally Assign and Output); nested rules do not.</remarks>
public abstract record ChoiceRule
{
    /// <summary>Gets the state to go to when this top-level rule matches.</summary>
    public string? Next { get; init; }

    /// <summary>Gets the rule's Assign, if any.</summary>
    public JObject? Assign { get; init; }

    /// <summary>Gets the rule's Output (JSONata), if any.</summary>
    public JNode? Output { get; init; }

    /// <summary>Gets the JSON pointer of this rule.</summary>
    public string Pointer { get; init; } = string.Empty;
}

/// <summary>A data test: <c>Variable</c> compared by one operator with a literal or a path.</summary>
/// <param name="Variable">The path to the value tested.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Operand">The literal operand; for a <c>…Path</c> operator, a string holding the path.</param>
public sealed record ComparisonRule(string Variable, ComparisonOperator Operator, JNode Operand) : ChoiceRule;

/// <summary>All of the rules must match.</summary>
/// <param name="Rules">The rules.</param>
public sealed record AndRule(IReadOnlyList<ChoiceRule> Rules) : ChoiceRule;

/// <summary>Any of the rules must match.</summary>
/// <param name="Rules">The rules.</param>
public sealed record OrRule(IReadOnlyList<ChoiceRule> Rules) : ChoiceRule;

/// <summary>The rule must not match.</summary>
/// <param name="Rule">The rule.</param>
public sealed record NotRule(ChoiceRule Rule) : ChoiceRule;

/// <summary>A JSONata Condition: a boolean literal or a <c>{% %}</c> expression.</summary>
/// <param name="Condition">The condition as written.</param>
public sealed record ConditionRule(JNode Condition) : ChoiceRule;
