using Platform.Asl.Json;

namespace Platform.Engine.Integrations.DynamoDb;

/// <summary>A parsed update expression: its SET, REMOVE, ADD and DELETE actions on top-level attributes.</summary>
internal sealed class UpdatePlan
{
    public List<(string Path, SetValue Value)> Sets { get; } = [];

    public List<string> Removes { get; } = [];

    public List<(string Path, JObject Value)> Adds { get; } = [];

    public List<(string Path, JObject Value)> Deletes { get; } = [];

    /// <summary>Gets the attributes the update writes or removes.</summary>
    public IEnumerable<string> Paths => Sets.Select(s => s.Path).Concat(Removes).Concat(Adds.Select(a => a.Path)).Concat(Deletes.Select(d => d.Path));

    /// <summary>Applies the update to <paramref name="item"/> (null: a new item made of its key) and returns the new item.</summary>
    public JObject Apply(JObject item, IReadOnlyCollection<string> keyAttributes)
    {
        foreach (string path in Paths)
        {
            if (keyAttributes.Contains(path))
            {
                throw new DynamoDbValidationException($"One or more parameter values were invalid: Cannot update attribute {path}. This attribute is part of the key");
            }
        }

        // Every right-hand side reads the item as it was before the update, as in DynamoDB.
        var before = item;
        foreach (var (path, value) in Sets)
        {
            item = item.With(path, value.Evaluate(before));
        }

        foreach (string path in Removes)
        {
            item = item.Without(path);
        }

        foreach (var (path, value) in Adds)
        {
            item = item.With(path, Add(before[path] as JObject, value, path));
        }

        foreach (var (path, value) in Deletes)
        {
            if (before[path] is not JObject current)
            {
                continue;
            }

            var remaining = Difference(current, value, path);
            item = remaining is null ? item.Without(path) : item.With(path, remaining);
        }

        return item;
    }

    private static JObject Add(JObject? current, JObject value, string path)
    {
        string type = AttributeValues.TypeOf(value);
        if (type is not ("N" or "SS" or "NS" or "BS"))
        {
            throw new DynamoDbValidationException($"Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: {TypeName(type)}, typeSet: ALLOWED_FOR_ADD_OPERAND");
        }

        if (current is null)
        {
            return value;
        }

        if (AttributeValues.TypeOf(current) != type)
        {
            throw new DynamoDbValidationException($"An operand in the update expression has an incorrect data type (ADD to '{path}', which is {TypeName(AttributeValues.TypeOf(current))})");
        }

        if (type == "N")
        {
            return AttributeValues.NumberValue(AttributeValues.ParseNumber(AttributeValues.Text(current), path) + AttributeValues.ParseNumber(AttributeValues.Text(value), path));
        }

        var items = ((JArray)current[0].Value).ToList();
        foreach (var element in (JArray)value[0].Value)
        {
            if (!items.Any(i => AttributeValues.Equal(new JObject([type[..1]], [i]), new JObject([type[..1]], [element]))))
            {
                items.Add(element);
            }
        }

        return new JObject([type], [new JArray(items)]);
    }

    private static JObject? Difference(JObject current, JObject value, string path)
    {
        string type = AttributeValues.TypeOf(value);
        if (type is not ("SS" or "NS" or "BS") || AttributeValues.TypeOf(current) != type)
        {
            throw new DynamoDbValidationException($"Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: {TypeName(type)} (on '{path}')");
        }

        var removed = (JArray)value[0].Value;
        var left = ((JArray)current[0].Value)
            .Where(i => !removed.Any(r => AttributeValues.Equal(new JObject([type[..1]], [i]), new JObject([type[..1]], [r]))))
            .ToList();
        return left.Count == 0 ? null : new JObject([type], [new JArray(left)]);
    }

    public static string TypeName(string type) => type switch
    {
        "S" => "STRING",
        "N" => "NUMBER",
        "B" => "BINARY",
        "BOOL" => "BOOLEAN",
        "NULL" => "NULL",
        "L" => "LIST",
        "M" => "MAP",
        "SS" => "STRING SET",
        "NS" => "NUMBER SET",
        _ => "BINARY SET",
    };
}

/// <summary>The right-hand side of a SET action.</summary>
internal abstract record SetValue
{
    public abstract JObject Evaluate(JObject item);
}

internal sealed record OperandValue(Operand Operand) : SetValue
{
    public override JObject Evaluate(JObject item) => Operand.Value(item)
        ?? throw new DynamoDbValidationException($"The provided expression refers to an attribute that does not exist in the item ({((PathOperand)Operand).Path})");
}

internal sealed record ArithmeticValue(SetValue Left, bool Plus, SetValue Right) : SetValue
{
    public override JObject Evaluate(JObject item)
    {
        var (a, b) = (Left.Evaluate(item), Right.Evaluate(item));
        if (AttributeValues.TypeOf(a) != "N" || AttributeValues.TypeOf(b) != "N")
        {
            throw new DynamoDbValidationException($"An operand in the update expression has an incorrect data type (operator {(Plus ? '+' : '-')} needs numbers, found {UpdatePlan.TypeName(AttributeValues.TypeOf(a))} and {UpdatePlan.TypeName(AttributeValues.TypeOf(b))})");
        }

        decimal x = AttributeValues.ParseNumber(AttributeValues.Text(a), "UpdateExpression");
        decimal y = AttributeValues.ParseNumber(AttributeValues.Text(b), "UpdateExpression");
        return AttributeValues.NumberValue(Plus ? x + y : x - y);
    }
}

internal sealed record IfNotExistsValue(string Path, SetValue Fallback) : SetValue
{
    public override JObject Evaluate(JObject item) => item[Path] as JObject ?? Fallback.Evaluate(item);
}

internal sealed record ListAppendValue(SetValue First, SetValue Second) : SetValue
{
    public override JObject Evaluate(JObject item)
    {
        var (a, b) = (First.Evaluate(item), Second.Evaluate(item));
        if (AttributeValues.TypeOf(a) != "L" || AttributeValues.TypeOf(b) != "L")
        {
            throw new DynamoDbValidationException($"Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: {UpdatePlan.TypeName(AttributeValues.TypeOf(AttributeValues.TypeOf(a) != "L" ? a : b))}");
        }

        return new JObject(["L"], [new JArray(((JArray)a[0].Value).Concat((JArray)b[0].Value))]);
    }
}
