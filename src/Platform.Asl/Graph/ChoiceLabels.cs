using System.Text;
using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Graph;

/// <summary>Short, readable captions for Choice rules and Catch edges, e.g. <c>$.tier == "gold"</c>.</summary>
public static class ChoiceLabels
{
    /// <summary>The longest caption, in characters; longer text is cut and ends with an ellipsis.</summary>
    public const int MaxLength = 40;

    /// <summary>Describes a Choice rule as a short condition.</summary>
    public static string Describe(ChoiceRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Truncate(Text(rule, nested: false));
    }

    /// <summary>Cuts text to <see cref="MaxLength"/> characters (ending in "…"), folding whitespace runs to one space.</summary>
    public static string Truncate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new StringBuilder(text.Length);
        foreach (char c in text.Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (folded.Length > 0 && folded[^1] != ' ')
                {
                    folded.Append(' ');
                }
            }
            else
            {
                folded.Append(c);
            }
        }

        string result = folded.ToString();
        if (result.Length <= MaxLength)
        {
            return result;
        }

        // Do not split a surrogate pair.
        int cut = MaxLength - 1;
        if (char.IsHighSurrogate(result[cut - 1]))
        {
            cut--;
        }

        return result[..cut] + "…";
    }

    private static string Text(ChoiceRule rule, bool nested) => rule switch
    {
        ComparisonRule comparison => Comparison(comparison),
        AndRule and => Group(and.Rules, " && ", nested),
        OrRule or => Group(or.Rules, " || ", nested),
        NotRule not => "!(" + Text(not.Rule, nested: false) + ")",
        ConditionRule condition => Condition(condition.Condition),
        _ => rule.GetType().Name,
    };

    private static string Group(IReadOnlyList<ChoiceRule> rules, string separator, bool nested)
    {
        string joined = string.Join(separator, rules.Select(r => Text(r, nested: true)));
        return nested ? "(" + joined + ")" : joined;
    }

    private static string Condition(JNode condition)
    {
        if (condition is JString s)
        {
            string text = s.Value.Trim();
            if (text.StartsWith("{%", StringComparison.Ordinal) && text.EndsWith("%}", StringComparison.Ordinal) && text.Length >= 4)
            {
                text = text[2..^2].Trim();
            }

            return text;
        }

        return condition.ToJson();
    }

    private static string Comparison(ComparisonRule rule)
    {
        string name = rule.Operator.ToString();
        bool isPath = name.EndsWith("Path", StringComparison.Ordinal);
        string operand = isPath && rule.Operand is JString path ? path.Value : rule.Operand.ToJson();
        bool flag = rule.Operand is not JBool b || b.Value;
        return rule.Operator switch
        {
            ComparisonOperator.IsNull => $"{rule.Variable} is {(flag ? string.Empty : "not ")}null",
            ComparisonOperator.IsPresent => $"{rule.Variable} is {(flag ? string.Empty : "not ")}present",
            ComparisonOperator.IsNumeric => $"{rule.Variable} is {(flag ? string.Empty : "not ")}numeric",
            ComparisonOperator.IsString => $"{rule.Variable} is {(flag ? string.Empty : "not ")}string",
            ComparisonOperator.IsBoolean => $"{rule.Variable} is {(flag ? string.Empty : "not ")}boolean",
            ComparisonOperator.IsTimestamp => $"{rule.Variable} is {(flag ? string.Empty : "not ")}timestamp",
            ComparisonOperator.StringMatches => $"{rule.Variable} matches {operand}",
            _ => $"{rule.Variable} {Symbol(name)} {operand}",
        };
    }

    private static string Symbol(string operatorName)
    {
        string core = operatorName.EndsWith("Path", StringComparison.Ordinal) ? operatorName[..^4] : operatorName;
        if (core.EndsWith("LessThanEquals", StringComparison.Ordinal))
        {
            return "<=";
        }

        if (core.EndsWith("GreaterThanEquals", StringComparison.Ordinal))
        {
            return ">=";
        }

        if (core.EndsWith("LessThan", StringComparison.Ordinal))
        {
            return "<";
        }

        return core.EndsWith("GreaterThan", StringComparison.Ordinal) ? ">" : "==";
    }
}
