using System.Globalization;
using Platform.Asl.Json;

namespace Platform.Asl.Paths.Filters;

/// <summary><c>left op right</c>, with Jayway's semantics: a side without a value makes every operator false except the negated ones.</summary>
internal sealed class ComparisonExpression(FilterOperand left, FilterOperator op, FilterOperand right) : FilterExpression
{
    /// <inheritdoc />
    public override bool Matches(JNode current, JNode root)
    {
        if (op == FilterOperator.Matches)
        {
            // Jayway: exactly one side must be a /regex/; anything else is false.
            if (right is RegexOperand r && left is not RegexOperand)
            {
                return r.IsMatch(left.Evaluate(current, root));
            }

            if (left is RegexOperand l && right is not RegexOperand)
            {
                return l.IsMatch(right.Evaluate(current, root));
            }

            return false;
        }

        var a = left.Evaluate(current, root);
        var b = right.Evaluate(current, root);
        return op switch
        {
            FilterOperator.Equal => LooseEquals(a, b),
            FilterOperator.NotEqual => !LooseEquals(a, b),
            FilterOperator.StrictEqual => a is not null && b is not null && JNode.DeepEquals(a, b),
            FilterOperator.StrictNotEqual => !(a is not null && b is not null && JNode.DeepEquals(a, b)),
            FilterOperator.Less => Compare(a, b) is int c && c < 0,
            FilterOperator.LessOrEqual => Compare(a, b) is int c && c <= 0,
            FilterOperator.Greater => Compare(a, b) is int c && c > 0,
            FilterOperator.GreaterOrEqual => Compare(a, b) is int c && c >= 0,
            FilterOperator.In => b is JArray inArray && ContainsLoose(inArray, a),
            FilterOperator.NotIn => !(b is JArray ninArray && ContainsLoose(ninArray, a)),
            FilterOperator.Contains => Contains(a, b),
            FilterOperator.SubsetOf => a is JArray sub && b is JArray super && All(sub, super),
            FilterOperator.AnyOf => a is JArray any && b is JArray anyOf && Any(any, anyOf),
            FilterOperator.NoneOf => a is JArray none && b is JArray noneOf && !Any(none, noneOf),
            FilterOperator.Size => HasSize(a, b),
            FilterOperator.Empty => IsEmpty(a, b),
            FilterOperator.Exists => b is JBool expected && (a is not null) == expected.Value,
            _ => false,
        };
    }

    /// <summary>Jayway's <c>==</c>: numbers by value, a number equals a string holding the same number, containers structurally.</summary>
    internal static bool LooseEquals(JNode? a, JNode? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        return (a, b) switch
        {
            (JNumber x, JString y) => TryParseNumber(y.Value, out double yv) && x.Value == yv,
            (JString x, JNumber y) => TryParseNumber(x.Value, out double xv) && xv == y.Value,
            _ => JNode.DeepEquals(a, b),
        };
    }

    private static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    private static int? Compare(JNode? a, JNode? b) => (a, b) switch
    {
        (JNumber x, JNumber y) => x.Value.CompareTo(y.Value),
        (JString x, JString y) => string.CompareOrdinal(x.Value, y.Value),
        _ => null,
    };

    private static bool ContainsLoose(JArray array, JNode? value)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var item in array.Items)
        {
            if (LooseEquals(item, value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(JNode? a, JNode? b) => (a, b) switch
    {
        (JString s, JString part) => s.Value.Contains(part.Value, StringComparison.Ordinal),
        (JArray array, not null) => ContainsLoose(array, b),
        _ => false,
    };

    private static bool All(JArray items, JArray set)
    {
        foreach (var item in items.Items)
        {
            if (!ContainsLoose(set, item))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Any(JArray items, JArray set)
    {
        foreach (var item in items.Items)
        {
            if (ContainsLoose(set, item))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasSize(JNode? a, JNode? b)
    {
        if (b is not JNumber n)
        {
            return false;
        }

        return a switch
        {
            JString s => s.Value.Length == n.Value,
            JArray array => array.Count == n.Value,
            _ => false,
        };
    }

    private static bool IsEmpty(JNode? a, JNode? b)
    {
        if (b is not JBool expected)
        {
            return false;
        }

        return a switch
        {
            JString s => (s.Value.Length == 0) == expected.Value,
            JArray array => (array.Count == 0) == expected.Value,
            JObject obj => (obj.Count == 0) == expected.Value,
            _ => false,
        };
    }
}
