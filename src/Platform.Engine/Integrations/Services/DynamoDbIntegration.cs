using System.Security.Cryptography;
using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Integrations.DynamoDb;
using Platform.Engine.Tasks;

namespace Platform.Engine.Integrations.Services;

/// <summary><c>arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem</c> on an <see cref="ITableStore"/>, with
/// DynamoDB's typed attribute values, condition and update expressions, <c>ReturnValues</c>, result shapes and errors.</summary>
/// <remarks>
/// A conditional write reads the item, evaluates the condition and the update in process, and writes on condition of the
/// ETag it read; when another writer got there first it reads again and re-evaluates. The outcome is that of an atomic
/// conditional write, as DynamoDB's is.
/// </remarks>
internal sealed class DynamoDbIntegration : ITaskHandler
{
    public static readonly string[] Actions = ["getItem", "putItem", "updateItem", "deleteItem"];

    private const int MaxItemBytes = 400 * 1024;
    private const int MaxWriteAttempts = 32;

    private static readonly string[] GetFields = ["TableName", "Key", "ConsistentRead", "ProjectionExpression", "ExpressionAttributeNames", "ReturnConsumedCapacity"];
    private static readonly string[] PutFields = ["TableName", "Item", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics"];
    private static readonly string[] UpdateFields = ["TableName", "Key", "UpdateExpression", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics"];
    private static readonly string[] DeleteFields = ["TableName", "Key", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics"];

    private readonly ITableStore? _store;
    private readonly Dictionary<string, DynamoDbTable> _tables;

    public DynamoDbIntegration(ITableStore? store, IReadOnlyList<DynamoDbTable> tables)
    {
        _store = store;
        _tables = new Dictionary<string, DynamoDbTable>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            foreach (string type in (ReadOnlySpan<string>)[table.PartitionKeyType, table.SortKeyType])
            {
                if (type is not ("S" or "N" or "B"))
                {
                    throw new ArgumentException($"DynamoDB table '{table.Name}': a key attribute's type must be S, N or B, found '{type}'.", nameof(tables));
                }
            }

            _tables[table.Name] = table;
        }
    }

    /// <summary>The table-store table that holds a DynamoDB table (store names are letters and digits only).</summary>
    public static string StoreTableOf(string name) =>
        name.Length <= 56 && name.All(char.IsAsciiLetterOrDigit)
            ? "ddb" + name
            : "ddbh" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32];

    public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        string action = ResourceInfo.Parse(invocation.Resource).Name;
        var store = _store ?? throw IntegrationRequest.Runtime(invocation, $"The dynamodb:{action} integration has no table store configured (IntegrationServices.TableStore).");
        try
        {
            return action switch
            {
                "getItem" => await GetAsync(store, IntegrationRequest.Read(invocation, GetFields), cancellationToken),
                "putItem" => await WriteAsync(store, IntegrationRequest.Read(invocation, PutFields), action, cancellationToken),
                "updateItem" => await WriteAsync(store, IntegrationRequest.Read(invocation, UpdateFields), action, cancellationToken),
                "deleteItem" => await WriteAsync(store, IntegrationRequest.Read(invocation, DeleteFields), action, cancellationToken),
                _ => throw IntegrationRequest.Runtime(invocation, $"The DynamoDB action '{action}' is not built in; supported: {string.Join(", ", Actions)}."),
            };
        }
        catch (DynamoDbValidationException ex)
        {
            return Failure("DynamoDB.AmazonDynamoDBException", ex.Message, 400, "ValidationException", invocation);
        }
        catch (MissingTableException ex)
        {
            return Failure("DynamoDB.ResourceNotFoundException", $"Requested resource not found: Table: {ex.Message} not found", 400, "ResourceNotFoundException", invocation);
        }
        catch (TableStoreException ex) when (ex.Code == TableStoreError.TableNotFound)
        {
            // Declared, but its store table was not created (Azure Table storage needs it deployed): what DynamoDB says of a missing table.
            return Failure("DynamoDB.ResourceNotFoundException", $"Requested resource not found: {ex.Message}", 400, "ResourceNotFoundException", invocation);
        }
    }

    private async ValueTask<TaskOutcome> GetAsync(ITableStore store, IntegrationRequest request, CancellationToken cancellationToken)
    {
        var table = Table(request);
        CheckEnum(request, "ReturnConsumedCapacity", "NONE", "TOTAL", "INDEXES");
        if (request.Parameters["ConsistentRead"] is { } consistent and not JBool)
        {
            throw request.Invalid($"The 'ConsistentRead' parameter of dynamodb:getItem must be a boolean, found {consistent.KindName}.");
        }

        var context = new ExpressionContext(request.OptionalObject("ExpressionAttributeNames"), null);
        var projection = request.OptionalString("ProjectionExpression") is { } text ? ExpressionParser.ParseProjection(NonEmpty(text, "ProjectionExpression"), context) : null;
        context.CheckAllUsed();
        var (pk, sk) = KeyOf(table, request.RequireObject("Key"), "Key");
        var found = await store.GetAsync(StoreTableOf(table.Name), pk, sk, cancellationToken);
        var result = new JObjectBuilder(3);
        if (found is not null)
        {
            var item = found.Attributes;
            if (projection is not null)
            {
                item = JObject.FromPairs(item.Where(p => projection.Contains(p.Key)));
            }

            result.Set("Item", item);
        }

        return TaskOutcome.Success(AwsResults.WithSdkMetadata(result, request.Invocation));
    }

    private async ValueTask<TaskOutcome> WriteAsync(ITableStore store, IntegrationRequest request, string action, CancellationToken cancellationToken)
    {
        var table = Table(request);
        CheckEnum(request, "ReturnConsumedCapacity", "NONE", "TOTAL", "INDEXES");
        CheckEnum(request, "ReturnItemCollectionMetrics", "NONE", "SIZE");
        string returnValues = request.OptionalString("ReturnValues") ?? "NONE";
        string[] allowedReturns = action == "updateItem" ? ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"] : ["NONE", "ALL_OLD"];
        if (Array.IndexOf(allowedReturns, returnValues) < 0)
        {
            throw new DynamoDbValidationException($"Return values set to invalid value: '{returnValues}' is not one of {string.Join(", ", allowedReturns)} for {action}");
        }

        var context = new ExpressionContext(request.OptionalObject("ExpressionAttributeNames"), request.OptionalObject("ExpressionAttributeValues"));
        var condition = request.OptionalString("ConditionExpression") is { } conditionText
            ? ExpressionParser.ParseCondition(NonEmpty(conditionText, "ConditionExpression"), "ConditionExpression", context)
            : null;
        UpdatePlan? update = null;
        JObject? newItem = null;
        string pk, sk;
        if (action == "putItem")
        {
            newItem = CheckItem(request.RequireObject("Item"));
            (pk, sk) = KeyOf(table, newItem, "Item", wholeItem: true);
        }
        else
        {
            if (action == "updateItem")
            {
                string? text = request.OptionalString("UpdateExpression");
                update = text is null ? new UpdatePlan() : ExpressionParser.ParseUpdate(NonEmpty(text, "UpdateExpression"), context);
            }

            (pk, sk) = KeyOf(table, request.RequireObject("Key"), "Key");
        }

        context.CheckAllUsed();
        string storeTable = StoreTableOf(table.Name);
        string[] keyAttributes = table.SortKey is null ? [table.PartitionKey] : [table.PartitionKey, table.SortKey];
        for (int attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var current = await store.GetAsync(storeTable, pk, sk, cancellationToken);
            var old = current?.Attributes;
            if (condition is not null && !condition.Evaluate(old))
            {
                return Failure("DynamoDB.ConditionalCheckFailedException", "The conditional request failed", 400, "ConditionalCheckFailedException", request.Invocation);
            }

            JObject? next = action switch
            {
                "putItem" => newItem,
                "updateItem" => update!.Apply(old ?? KeyItem(request.RequireObject("Key"), keyAttributes), keyAttributes),
                _ => null,
            };
            if (next is not null && AttributeValues.ItemSize(next) > MaxItemBytes)
            {
                throw new DynamoDbValidationException($"Item size has exceeded the maximum allowed size ({AttributeValues.ItemSize(next)} bytes, limit {MaxItemBytes})");
            }

            try
            {
                if (next is null)
                {
                    if (current is not null)
                    {
                        await store.DeleteAsync(storeTable, pk, sk, TableWriteCondition.IfMatch(current.ETag), cancellationToken);
                    }
                }
                else
                {
                    await store.PutAsync(storeTable, pk, sk, next, TableWriteCondition.Unchanged(current), cancellationToken);
                }
            }
            catch (TableStoreException ex) when (ex.Code == TableStoreError.ConditionFailed)
            {
                // Another writer changed the item between our read and our write: read it again and decide again.
                continue;
            }

            return TaskOutcome.Success(AwsResults.WithSdkMetadata(Returned(returnValues, old, next, update), request.Invocation));
        }

        return Failure("DynamoDB.InternalServerErrorException",
            $"The {action} of item ({pk}, {sk}) lost {MaxWriteAttempts} races with concurrent writers in a row; try again", 500, "InternalServerError", request.Invocation);
    }

    private static JObjectBuilder Returned(string returnValues, JObject? old, JObject? next, UpdatePlan? update)
    {
        var result = new JObjectBuilder(3);
        JObject? attributes = returnValues switch
        {
            "ALL_OLD" => old,
            "ALL_NEW" => next,
            "UPDATED_OLD" => old is null ? null : Only(old, update!.Paths),
            "UPDATED_NEW" => next is null ? null : Only(next, update!.Paths),
            _ => null,
        };
        if (attributes is { Count: > 0 })
        {
            result.Set("Attributes", attributes);
        }

        return result;

        static JObject Only(JObject item, IEnumerable<string> paths)
        {
            var set = paths.ToHashSet(StringComparer.Ordinal);
            return JObject.FromPairs(item.Where(p => set.Contains(p.Key)));
        }
    }

    private DynamoDbTable Table(IntegrationRequest request)
    {
        string name = request.RequireString("TableName");
        int slash = name.IndexOf(":table/", StringComparison.Ordinal);
        if (name.StartsWith("arn:", StringComparison.Ordinal) && slash > 0)
        {
            name = name[(slash + ":table/".Length)..];
        }

        if (name.Length is < 3 or > 255 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new DynamoDbValidationException($"1 validation error detected: Value '{name}' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have 3 to 255 characters");
        }

        return _tables.TryGetValue(name, out var table) ? table : throw new MissingTableException(name);
    }

    private static (string PartitionKey, string SortKey) KeyOf(DynamoDbTable table, JObject source, string field, bool wholeItem = false)
    {
        if (!wholeItem)
        {
            int expected = table.SortKey is null ? 1 : 2;
            if (source.Count != expected || !source.ContainsKey(table.PartitionKey) || (table.SortKey is not null && !source.ContainsKey(table.SortKey)))
            {
                throw new DynamoDbValidationException($"The provided key element does not match the schema (the key of table '{table.Name}' is {Schema(table)}; {field} has {string.Join(", ", source.Select(p => p.Key))})");
            }
        }

        string pk = KeyPart(source, field, table.PartitionKey, table.PartitionKeyType);
        string sk = table.SortKey is null ? string.Empty : KeyPart(source, field, table.SortKey, table.SortKeyType);
        return (pk, sk);
    }

    private static string KeyPart(JObject source, string field, string name, string type)
    {
        if (source[name] is not { } raw)
        {
            throw new DynamoDbValidationException($"One or more parameter values were invalid: Missing the key {name} in the item");
        }

        var value = AttributeValues.Check(raw, $"{field}.{name}");
        string actual = AttributeValues.TypeOf(value);
        if (actual != type)
        {
            throw new DynamoDbValidationException($"One or more parameter values were invalid: Type mismatch for key {name} expected: {type} actual: {actual}");
        }

        string text = AttributeValues.Text(value);
        if (text.Length == 0)
        {
            throw new DynamoDbValidationException($"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty {(type == "S" ? "string" : "binary")} value. Key: {name}");
        }

        return TableKeys.Escape(text);
    }

    private static JObject CheckItem(JObject item)
    {
        var builder = new JObjectBuilder(item.Count);
        foreach (var (name, value) in item)
        {
            if (name.Length == 0)
            {
                throw new DynamoDbValidationException("One or more parameter values were invalid: An attribute name cannot be empty");
            }

            builder.Set(name, AttributeValues.Check(value, $"Item.{name}"));
        }

        return builder.Build();
    }

    private static JObject KeyItem(JObject key, string[] keyAttributes) =>
        JObject.FromPairs(keyAttributes.Select(k => new KeyValuePair<string, JNode>(k, AttributeValues.Check(key[k]!, $"Key.{k}"))));

    private static string NonEmpty(string expression, string field) => expression.Trim().Length == 0
        ? throw new DynamoDbValidationException($"Invalid {field}: The expression can not be empty;")
        : expression;

    private static void CheckEnum(IntegrationRequest request, string field, params string[] allowed)
    {
        if (request.OptionalString(field) is { } value && Array.IndexOf(allowed, value) < 0)
        {
            throw new DynamoDbValidationException($"1 validation error detected: Value '{value}' at '{char.ToLowerInvariant(field[0])}{field[1..]}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }
    }

    private static string Schema(DynamoDbTable table) => table.SortKey is null
        ? $"{table.PartitionKey} ({table.PartitionKeyType})"
        : $"{table.PartitionKey} ({table.PartitionKeyType}) + {table.SortKey} ({table.SortKeyType})";

    private static TaskOutcome Failure(string error, string message, int status, string code, TaskInvocation invocation) =>
        TaskOutcome.Failure(error, message + AwsResults.SdkV1Suffix("AmazonDynamoDBv2", status, code, invocation));

    private sealed class MissingTableException(string table) : Exception(table);
}
