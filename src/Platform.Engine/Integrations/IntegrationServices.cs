namespace Platform.Engine.Integrations;

/// <summary>What the built-in integrations run on: the storage and messaging ports, the HTTP options, the DynamoDB tables
/// and the clock. A port left null makes its integrations fail with a <c>States.Runtime</c> error that says so.</summary>
public sealed record IntegrationServices
{
    /// <summary>Gets the object store behind <c>aws-sdk:s3:*</c>.</summary>
    public IObjectStore? ObjectStore { get; init; }

    /// <summary>Gets the table store behind <c>dynamodb:*</c>.</summary>
    public ITableStore? TableStore { get; init; }

    /// <summary>Gets the DynamoDB tables (name and key schema) that <c>dynamodb:*</c> knows; others do not exist.</summary>
    public IReadOnlyList<DynamoDbTable> DynamoDbTables { get; init; } = [];

    /// <summary>Gets the queues behind <c>sqs:sendMessage</c>.</summary>
    public IMessageQueue? Queue { get; init; }

    /// <summary>Gets the publisher behind <c>events:putEvents</c>.</summary>
    public IEventPublisher? Events { get; init; }

    /// <summary>Gets the options of <c>http:invoke</c>.</summary>
    public HttpInvokeOptions Http { get; init; } = new();

    /// <summary>Gets the clock (event times, HTTP timeouts).</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
