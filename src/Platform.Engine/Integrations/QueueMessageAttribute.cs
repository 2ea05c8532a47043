namespace Platform.Engine.Integrations;

/// <summary>One typed application property of a message.</summary>
/// <param name="DataType">SQS's data type: <c>String</c>, <c>Number</c> or <c>Binary</c>, optionally with a <c>.label</c>.</param>
/// <param name="Value">The value as text (base64 for binary).</param>
public sealed record QueueMessageAttribute(string DataType, string Value);
