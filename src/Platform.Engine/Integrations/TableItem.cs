using Platform.Asl.Json;

namespace Platform.Engine.Integrations;

/// <summary>One item of a table store.</summary>
/// <param name="PartitionKey">The partition key.</param>
/// <param name="SortKey">The sort key (empty when the table has none).</param>
/// <param name="Attributes">The item's attributes, as written.</param>
/// <param name="ETag">The version the store gave it on its last write; opaque.</param>
/// <param name="Timestamp">When it was last written (UTC).</param>
public sealed record TableItem(string PartitionKey, string SortKey, JObject Attributes, string ETag, DateTimeOffset Timestamp);
