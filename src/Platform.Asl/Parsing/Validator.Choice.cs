using System.Collections.Frozen;
using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>Choice states and their rules.</summary>
internal sealed partial class Validator
{
    private static readonly FrozenDictionary<string, ComparisonOperator> Operators =
        Enum.GetValues<ComparisonOperator>().ToFrozenDictionary(op => op.ToString(), StringComparer.Ordinal);

    private ChoiceState ValidateChoice(StateContext context)
    {
        var reader = context.Reader;
        var rules = new List<ChoiceRule>();
        var array = ReadArray(reader, "Choices", "a non-empty array of Choice rules", required: true);
        if (array is not null)
        {
            string pointer = reader.At("Choices");
            if (array.Count == 0)
            {
                Error(pointer, AslRules.ChoiceEmpty, "must contain at least one rule, found none");
            }

            for (int i = 0; i < array.Count; i++)
            {
                rules.Add(ReadChoiceRule(array[i], JsonPointer.Append(pointer, i), topLevel: true, context));
            }
        }

        string? defaultState = ReadString(reader, "Default");
        if (defaultState is not null)
        {
            AddTransition(context, defaultState, reader.At("Default"));
        }

        return new ChoiceState { Name = context.Name, Pointer = context.Pointer, Choices = rules, Default = defaultState };
    }

    private ChoiceRule ReadChoiceRule(JNode node, string pointer, bool topLevel, StateContext context)
    {
        if (node is not JObject obj)
        {
            TypeError(pointer, "a Choice rule (an object)", node);
            return new ConditionRule(JNode.False) { Pointer = pointer };
        }

        var reader = new ObjectReader(obj, pointer);
        ChoiceRule rule = context.IsJsonata ? ReadConditionRule(reader, topLevel) : ReadJsonPathRule(reader, topLevel, context);
        ReadString(reader, "Comment");
        if (!topLevel)
        {
            return WithPlace(rule, pointer, next: null, assign: null, output: null);
        }

        string? next = ReadString(reader, "Next", required: true);
        if (next is not null)
        {
            AddTransition(context, next, reader.At("Next"));
        }

        return WithPlace(rule, pointer, next, ReadAssign(reader, "Assign", context.Language), reader.Get("Output"));
    }

    private static ChoiceRule WithPlace(ChoiceRule rule, string pointer, string? next, JObject? assign, JNode? output) =>
        rule with { Next = next, Assign = assign, Output = output, Pointer = pointer };

    private ConditionRule ReadConditionRule(ObjectReader reader, bool topLevel)
    {
        foreach (var key in reader.Object.Keys)
        {
            if (key is "Condition" or "Comment" || (topLevel && key is "Next" or "Assign" or "Output"))
            {
                continue;
            }

            reader.Reject(key);
            if (key is "Variable" or "And" or "Or" or "Not" || Operators.ContainsKey(key))
            {
                Error(reader.At(key), AslRules.QueryLanguageJsonPathField, $"field '{key}' is not supported in JSONata states; use Condition");
            }
            else
            {
                Error(reader.At(key), AslRules.FieldUnsupported, $"field '{key}' is not supported in a Choice rule");
            }
        }

        var condition = reader.Get("Condition");
        if (condition is null)
        {
            Required(reader, "Condition");
            return new ConditionRule(JNode.False);
        }

        if (condition is not JBool && !JsonataText.IsExpression(condition))
        {
            Error(reader.At("Condition"), AslRules.ChoiceCondition, $"must be a boolean or a JSONata expression {{% ... %}}, found {ValueText.Describe(condition)}");
        }

        return new ConditionRule(condition);
    }

    private ChoiceRule ReadJsonPathRule(ObjectReader reader, bool topLevel, StateContext context)
    {
        var operators = new List<string>();
        foreach (var key in reader.Object.Keys)
        {
            if (key is "And" or "Or" or "Not" || Operators.ContainsKey(key))
            {
                operators.Add(key);
            }
            else if (key is "Variable" or "Comment" || (topLevel && key is "Next" or "Assign"))
            {
                continue;
            }
            else
            {
                reader.Reject(key);
                if (key is "Next" or "Assign")
                {
                    Error(reader.At(key), key == "Next" ? AslRules.ChoiceRuleNext : AslRules.FieldUnsupported,
                        $"a nested rule (inside And, Or or Not) cannot have {key}");
                }
                else if (key is "Output" or "Condition")
                {
                    Error(reader.At(key), AslRules.QueryLanguageJsonataField, $"field '{key}' is only supported in JSONata states");
                }
                else
                {
                    Error(reader.At(key), AslRules.FieldUnsupported, $"field '{key}' is not supported in a Choice rule");
                }
            }
        }

        if (operators.Count != 1)
        {
            Error(reader.Pointer, AslRules.ChoiceOperator,
                $"must have exactly one comparison operator (such as StringEquals) or one of And, Or, Not, found {(operators.Count == 0 ? "none" : string.Join(", ", operators))}");
            return new ConditionRule(JNode.False);
        }

        string op = operators[0];
        if (op is "And" or "Or" or "Not")
        {
            if (reader.Has("Variable"))
            {
                Error(reader.At("Variable"), AslRules.ChoiceOperator, $"Variable cannot be used with {op}");
            }

            return op == "Not" ? ReadNotRule(reader, context) : ReadListRule(reader, op, context);
        }

        string? variable = ReadPath(reader, "Variable", required: true);
        var operand = reader.Get(op)!;
        CheckOperand(reader.At(op), Operators[op], operand);
        return new ComparisonRule(variable ?? "$", Operators[op], operand);
    }

    private ChoiceRule ReadListRule(ObjectReader reader, string op, StateContext context)
    {
        var node = reader.Get(op)!;
        string pointer = reader.At(op);
        var rules = new List<ChoiceRule>();
        if (node is not JArray { Count: > 0 } array)
        {
            Error(pointer, AslRules.ChoiceCombinator, $"must be a non-empty array of rules, found {(node is JArray ? "an empty array" : ValueText.Describe(node))}");
        }
        else
        {
            for (int i = 0; i < array.Count; i++)
            {
                rules.Add(ReadChoiceRule(array[i], JsonPointer.Append(pointer, i), topLevel: false, context));
            }
        }

        return op == "And" ? new AndRule(rules) : new OrRule(rules);
    }

    private NotRule ReadNotRule(ObjectReader reader, StateContext context)
    {
        var node = reader.Get("Not")!;
        if (node is not JObject)
        {
            Error(reader.At("Not"), AslRules.ChoiceCombinator, $"must be a single rule (an object), found {ValueText.Describe(node)}");
            return new NotRule(new ConditionRule(JNode.False));
        }

        return new NotRule(ReadChoiceRule(node, reader.At("Not"), topLevel: false, context));
    }

    private void CheckOperand(string pointer, ComparisonOperator op, JNode operand)
    {
        string name = op.ToString();
        if (name.EndsWith("Path", StringComparison.Ordinal))
        {
            if (operand is JString path)
            {
                CheckPath(pointer, path.Value, isResultPath: false);
            }
            else
            {
                Error(pointer, AslRules.ChoiceOperand, $"must be a path (a string), found {ValueText.Describe(operand)}");
            }

            return;
        }

        (bool ok, string expected) = name switch
        {
            _ when name.StartsWith("String", StringComparison.Ordinal) => (operand is JString, "a string"),
            _ when name.StartsWith("Numeric", StringComparison.Ordinal) => (operand is JNumber, "a number"),
            _ when name.StartsWith("Timestamp", StringComparison.Ordinal) => (operand is JString, "a timestamp (a string)"),
            _ => (operand is JBool, "a boolean"),
        };
        if (!ok)
        {
            Error(pointer, AslRules.ChoiceOperand, $"must be {expected}, found {ValueText.Describe(operand)}");
        }
        else if (op == ComparisonOperator.StringMatches)
        {
            CheckStringMatches(pointer, ((JString)operand).Value);
        }
        else if (name.StartsWith("Timestamp", StringComparison.Ordinal) && !Time.Rfc3339.TryParse(((JString)operand).Value, out _))
        {
            ReportTimestamp(pointer, ((JString)operand).Value, jsonataAllowed: false);
        }
    }

    private void CheckStringMatches(string pointer, string pattern)
    {
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '\\')
            {
                continue;
            }

            if (i + 1 < pattern.Length && pattern[i + 1] is '*' or '\\')
            {
                i++;
                continue;
            }

            string found = i + 1 < pattern.Length ? $"'\\{pattern[i + 1]}' at position {Integer(i)}" : $"a trailing '\\' at position {Integer(i)}";
            // AWS accepts the definition and fails when the rule is evaluated, so this is a warning here.
            _diagnostics.Warning(pointer, AslRules.ChoiceStringMatches, $"'\\' may only escape '*' or '\\', found {found} in {ValueText.Quote(pattern)}; evaluating this rule fails with States.Runtime");
            return;
        }
    }
}
