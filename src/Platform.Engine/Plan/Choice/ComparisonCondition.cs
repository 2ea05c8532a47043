using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Paths;
using Platform.Asl.Time;
using Platform.Engine.Execution;

namespace Platform.Engine.Plan.Choice;

/// <summary>A data-test rule: <c>Variable</c> against a literal or a path, with AWS's rule that a type mismatch is false.</summary>
internal sealed class ComparisonCondition : Condition
{
    private readonly JsonPath _variable;
    private readonly ComparisonOperator _operator;
    private readonly Family _family;
    private readonly Relation _relation;
    private readonly JNode? _literal;
    private readonly JsonPath? _operandPath;
    private readonly DateTimeOffset _timestamp;
    private readonly WildcardPattern? _pattern;
    private readonly StatesException? _patternError;

    public ComparisonCondition(ComparisonRule rule)
    {
        _variable = JsonPath.Parse(rule.Variable);
        _operator = rule.Operator;
        (_family, _relation, bool isPath) = Classify(rule.Operator);
        if (isPath)
        {
            _operandPath = JsonPath.Parse(((JString)rule.Operand).Value);
        }
        else
        {
            _literal = rule.Operand;
            if (_family == Family.Timestamp && rule.Operand is JString ts && !Rfc3339.TryParse(ts.Value, out _timestamp))
            {
                throw new FormatException($"{rule.Pointer}: '{ts.Value}' is not an RFC 3339 timestamp.");
            }

            if (_operator == ComparisonOperator.StringMatches && rule.Operand is JString pattern)
            {
                // A bad escape is AWS's runtime error: keep it until the rule is evaluated.
                try
                {
                    _pattern = WildcardPattern.Parse(pattern.Value);
                }
                catch (StatesException ex)
                {
                    _patternError = ex;
                }
            }
        }
    }

    private enum Family
    {
        String,
        Numeric,
        Boolean,
        Timestamp,
        Type,
    }

    private enum Relation
    {
        Equals,
        LessThan,
        GreaterThan,
        LessThanEquals,
        GreaterThanEquals,
        Matches,
        None,
    }

    public override bool Evaluate(BranchRun run)
    {
        JNode input = run.Input;
        bool present = _variable.TryEvaluate(run, out var value);
        if (_family == Family.Type)
        {
            return EvaluateType(present, value);
        }

        if (!present)
        {
            throw new StatesException(
                StatesErrors.Runtime,
                $"Invalid path '{_variable.Text}': The choice state's condition path references an invalid value.");
        }

        JNode operand;
        if (_operandPath is not null)
        {
            run.SetInput(input);
            if (!_operandPath.TryEvaluate(run, out var resolved))
            {
                throw new StatesException(
                    StatesErrors.Runtime,
                    $"Invalid path '{_operandPath.Text}': The choice state's condition path references an invalid value.");
            }

            operand = resolved;
        }
        else
        {
            operand = _literal!;
        }

        return _family switch
        {
            Family.String => value is JString s && operand is JString o && CompareStrings(s.Value, o.Value),
            Family.Numeric => value is JNumber n && operand is JNumber m && Compare(n.Value.CompareTo(m.Value)),
            Family.Boolean => value is JBool b && operand is JBool c && b.Value == c.Value,
            _ => value is JString t && Rfc3339.TryParse(t.Value, out var left) && TimestampOperand(operand, out var right) && Compare(left.CompareTo(right)),
        };
    }

    private bool TimestampOperand(JNode operand, out DateTimeOffset value)
    {
        if (_operandPath is null)
        {
            value = _timestamp;
            return true;
        }

        value = default;
        return operand is JString s && Rfc3339.TryParse(s.Value, out value);
    }

    private bool CompareStrings(string left, string right) => _relation == Relation.Matches
        ? (_pattern ?? (_patternError is null ? WildcardPattern.Parse(right) : throw _patternError)).IsMatch(left)
        : Compare(string.CompareOrdinal(left, right));

    private bool Compare(int order) => _relation switch
    {
        Relation.Equals => order == 0,
        Relation.LessThan => order < 0,
        Relation.GreaterThan => order > 0,
        Relation.LessThanEquals => order <= 0,
        _ => order >= 0,
    };

    private bool EvaluateType(bool present, JNode? value)
    {
        bool expected = _literal is JBool { Value: true };
        bool actual = _operator switch
        {
            ComparisonOperator.IsPresent => present,
            ComparisonOperator.IsNull => present && value is JNull,
            ComparisonOperator.IsNumeric => present && value is JNumber,
            ComparisonOperator.IsString => present && value is JString,
            ComparisonOperator.IsBoolean => present && value is JBool,
            _ => present && value is JString s && Rfc3339.TryParse(s.Value, out _),
        };
        return actual == expected;
    }

    private static (Family Family, Relation Relation, bool IsPath) Classify(ComparisonOperator op)
    {
        string name = op.ToString();
        if (name.StartsWith("Is", StringComparison.Ordinal))
        {
            return (Family.Type, Relation.None, false);
        }

        bool isPath = name.EndsWith("Path", StringComparison.Ordinal);
        string core = isPath ? name[..^4] : name;
        Family family = core.StartsWith("String", StringComparison.Ordinal) ? Family.String
            : core.StartsWith("Numeric", StringComparison.Ordinal) ? Family.Numeric
            : core.StartsWith("Boolean", StringComparison.Ordinal) ? Family.Boolean
            : Family.Timestamp;
        int prefix = family switch
        {
            Family.String => 6,
            Family.Numeric => 7,
            Family.Boolean => 7,
            _ => 9,
        };
        string relation = core[prefix..];
        Relation rel = relation switch
        {
            "Equals" => Relation.Equals,
            "LessThan" => Relation.LessThan,
            "GreaterThan" => Relation.GreaterThan,
            "LessThanEquals" => Relation.LessThanEquals,
            "GreaterThanEquals" => Relation.GreaterThanEquals,
            _ => Relation.Matches,
        };
        return (family, rel, isPath);
    }
}
