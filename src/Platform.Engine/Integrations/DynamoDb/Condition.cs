using Platform.Asl.Json;

namespace Platform.Engine.Integrations.DynamoDb;

/// <summary>A parsed condition expression, evaluated against an item (null when the item does not exist).</summary>
internal abstract record Condition
{
    public abstract bool Evaluate(JObject? item);
}

internal sealed record AndCondition(Condition Left, Condition Right) : Condition
{
    public override bool Evaluate(JObject? item) => Left.Evaluate(item) && Right.Evaluate(item);
}

internal sealed record OrCondition(Condition Left, Condition Right) : Condition
{
    public override bool Evaluate(JObject? item) => Left.Evaluate(item) || Right.Evaluate(item);
}

internal sealed record NotCondition(Condition Inner) : Condition
{
    public override bool Evaluate(JObject? item) => !Inner.Evaluate(item);
}

/// <summary>A comparison. A missing operand or operands of different types make every comparison false except <c>&lt;&gt;</c>,
/// which is then true, as in DynamoDB.</summary>
internal sealed record CompareCondition(Operand Left, TokenKind Comparator, Operand Right) : Condition
{
    public override bool Evaluate(JObject? item)
    {
        var (a, b) = (Left.Value(item), Right.Value(item));
        if (a is null || b is null)
        {
            return Comparator == TokenKind.NotEqual;
        }

        if (Comparator is TokenKind.Equal or TokenKind.NotEqual)
        {
            return AttributeValues.Equal(a, b) == (Comparator == TokenKind.Equal);
        }

        return AttributeValues.Compare(a, b) is { } order && Comparator switch
        {
            TokenKind.Less => order < 0,
            TokenKind.LessOrEqual => order <= 0,
            TokenKind.Greater => order > 0,
            _ => order >= 0,
        };
    }
}

internal sealed record BetweenCondition(Operand Value, Operand Low, Operand High) : Condition
{
    public override bool Evaluate(JObject? item)
    {
        var (v, low, high) = (Value.Value(item), Low.Value(item), High.Value(item));
        return v is not null && low is not null && high is not null
            && AttributeValues.Compare(v, low) >= 0 && AttributeValues.Compare(v, high) <= 0;
    }
}

internal sealed record InCondition(Operand Value, IReadOnlyList<Operand> Options) : Condition
{
    public override bool Evaluate(JObject? item) =>
        Value.Value(item) is { } v && Options.Any(o => o.Value(item) is { } option && AttributeValues.Equal(v, option));
}

internal sealed record FunctionCondition(string Function, string Path, Operand? Argument) : Condition
{
    public override bool Evaluate(JObject? item)
    {
        var value = item?[Path] as JObject;
        var argument = Argument?.Value(item);
        switch (Function)
        {
            case "attribute_exists":
                return value is not null;
            case "attribute_not_exists":
                return value is null;
            case "attribute_type":
                return value is not null && argument is not null && AttributeValues.TypeOf(argument) == "S" && AttributeValues.TypeOf(value) == AttributeValues.Text(argument);
            case "begins_with":
                return value is not null && argument is not null && AttributeValues.TypeOf(value) == AttributeValues.TypeOf(argument)
                    && AttributeValues.TypeOf(value) is "S" or "B"
                    && AttributeValues.Text(value).StartsWith(AttributeValues.Text(argument), StringComparison.Ordinal);
            default:
                if (value is null || argument is null)
                {
                    return false;
                }

                return AttributeValues.TypeOf(value) switch
                {
                    "S" => AttributeValues.TypeOf(argument) == "S" && AttributeValues.Text(value).Contains(AttributeValues.Text(argument), StringComparison.Ordinal),
                    "SS" or "NS" or "BS" => ((JArray)value[0].Value).Any(e => AttributeValues.Equal(new JObject([AttributeValues.TypeOf(value)[..1]], [e]), argument)),
                    "L" => ((JArray)value[0].Value).Any(e => AttributeValues.Equal((JObject)e, argument)),
                    _ => false,
                };
        }
    }
}

/// <summary>An operand of a condition or update: an attribute, a placeholder value, or <c>size(attribute)</c>.</summary>
internal abstract record Operand
{
    /// <summary>Gets the operand's typed value, or null when it names an attribute the item lacks.</summary>
    public abstract JObject? Value(JObject? item);
}

internal sealed record PathOperand(string Path) : Operand
{
    public override JObject? Value(JObject? item) => item?[Path] as JObject;
}

internal sealed record ValueOperand(JObject Constant) : Operand
{
    public override JObject? Value(JObject? item) => Constant;
}

internal sealed record SizeOperand(string Path) : Operand
{
    public override JObject? Value(JObject? item) =>
        item?[Path] is JObject value && AttributeValues.SizeFunction(value) is { } size ? AttributeValues.NumberValue(size) : null;
}
