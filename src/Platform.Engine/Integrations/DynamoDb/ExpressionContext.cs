using Platform.Asl.Json;

namespace Platform.Engine.Integrations.DynamoDb;

/// <summary>The <c>ExpressionAttributeNames</c> and <c>ExpressionAttributeValues</c> of one request, and which of them the
/// request's expressions used (DynamoDB refuses undefined and unused ones alike).</summary>
internal sealed class ExpressionContext
{
    private readonly JObject _names;
    private readonly Dictionary<string, JObject> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedValues = new(StringComparer.Ordinal);

    public ExpressionContext(JObject? names, JObject? values)
    {
        _names = names ?? JObject.Empty;
        foreach (var (name, value) in _names)
        {
            if (!name.StartsWith('#') || value is not JString { Value.Length: > 0 })
            {
                throw new DynamoDbValidationException($"ExpressionAttributeNames contains invalid key or value: '{name}' must start with '#' and map to a non-empty string");
            }
        }

        foreach (var (name, value) in values ?? JObject.Empty)
        {
            if (!name.StartsWith(':'))
            {
                throw new DynamoDbValidationException($"ExpressionAttributeValues contains invalid key: Syntax error; key: \"{name}\"");
            }

            _values[name] = AttributeValues.Check(value, $"ExpressionAttributeValues.{name}");
        }
    }

    public string Name(string placeholder)
    {
        _usedNames.Add(placeholder);
        return _names[placeholder] is JString s
            ? s.Value
            : throw new DynamoDbValidationException($"Value provided in ExpressionAttributeNames unused in expressions or not defined: An expression attribute name used in the document path is not defined; attribute name: {placeholder}");
    }

    public JObject Value(string placeholder)
    {
        _usedValues.Add(placeholder);
        return _values.TryGetValue(placeholder, out var value)
            ? value
            : throw new DynamoDbValidationException($"Invalid expression: An expression attribute value used in expression is not defined; attribute value: {placeholder}");
    }

    /// <summary>Refuses names and values that no expression used, as DynamoDB does.</summary>
    public void CheckAllUsed()
    {
        var unusedNames = _names.Select(p => p.Key).Where(n => !_usedNames.Contains(n)).ToList();
        if (unusedNames.Count > 0)
        {
            throw new DynamoDbValidationException($"Value provided in ExpressionAttributeNames unused in expressions: keys: {{{string.Join(", ", unusedNames)}}}");
        }

        var unusedValues = _values.Keys.Where(v => !_usedValues.Contains(v)).ToList();
        if (unusedValues.Count > 0)
        {
            throw new DynamoDbValidationException($"Value provided in ExpressionAttributeValues unused in expressions: keys: {{{string.Join(", ", unusedValues)}}}");
        }
    }
}
