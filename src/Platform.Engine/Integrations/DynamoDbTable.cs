namespace Platform.Engine.Integrations;

/// <summary>A DynamoDB table known to the <c>dynamodb:*</c> integration: its name and key schema.</summary>
/// <param name="Name">The table name (<c>TableName</c>, or the last segment of a table ARN).</param>
/// <param name="PartitionKey">The partition (hash) key attribute.</param>
/// <param name="PartitionKeyType">Its type: <c>S</c>, <c>N</c> or <c>B</c>.</param>
/// <param name="SortKey">The sort (range) key attribute, or null.</param>
/// <param name="SortKeyType">Its type: <c>S</c>, <c>N</c> or <c>B</c>.</param>
/// <remarks>DynamoDB tables are created with a key schema before they are used; this is that step. A table that is not
/// declared gets <c>DynamoDB.ResourceNotFoundException</c>, as a missing table does on AWS.</remarks>
public sealed record DynamoDbTable(string Name, string PartitionKey, string PartitionKeyType = "S", string? SortKey = null, string SortKeyType = "S");
