namespace Platform.Functions;

/// <summary>The application settings the app reads (environment variables on Azure, <c>Values</c> of local.settings.json
/// locally). Each is documented in the README's "Application settings" and present in local.settings.sample.json; a test
/// checks both.</summary>
public static class AppSettings
{
    /// <summary>The task-token signing key: base64 of at least 32 bytes (a Key Vault reference on Azure).</summary>
    public const string TaskTokenKey = "TASK_TOKEN_KEY";

    /// <summary>The blob endpoint of the storage account that the S3-like integration and the ASL histories use: an https
    /// URL (managed identity), or a connection string for local development (<c>UseDevelopmentStorage=true</c>).</summary>
    public const string BlobEndpoint = "PLATFORM_BLOB_ENDPOINT";

    /// <summary>The table endpoint of the storage account that the DynamoDB-like integration and circuit breakers use: an
    /// https URL (managed identity), or a connection string for local development (<c>UseDevelopmentStorage=true</c>).</summary>
    public const string TableEndpoint = "PLATFORM_TABLE_ENDPOINT";

    /// <summary>The Service Bus namespace (host name) that the SQS-like integration sends to.</summary>
    public const string ServiceBusNamespace = "PLATFORM_SERVICEBUS_NAMESPACE";

    /// <summary>The client id of the user-assigned managed identity (empty: DefaultAzureCredential's own choice).</summary>
    public const string ClientId = "AZURE_CLIENT_ID";

    /// <summary>The blob container (on <see cref="BlobEndpoint"/>) where executions store their ASL history chunks (default
    /// <c>asl-history</c>); without a blob endpoint no ASL history is kept and GetExecutionHistory is refused.</summary>
    public const string HistoryContainer = "HISTORY_CONTAINER";

    /// <summary>How many days ended executions keep their history (default 90, AWS's retention).</summary>
    public const string HistoryRetentionDays = "HISTORY_RETENTION_DAYS";

    /// <summary>The connection (setting prefix) of the blob trigger's storage account: <c>InboxStorage__blobServiceUri</c>,
    /// <c>InboxStorage__queueServiceUri</c>, <c>InboxStorage__credential</c>, <c>InboxStorage__clientId</c>.</summary>
    public const string InboxConnection = "InboxStorage";

    /// <summary>The container the blob trigger watches (its path in the trigger attribute).</summary>
    public const string InboxContainer = "inbox";

    /// <summary>The connection (setting prefix) of the Service Bus trigger: <c>Bus__fullyQualifiedNamespace</c>,
    /// <c>Bus__credential</c>, <c>Bus__clientId</c>.</summary>
    public const string BusConnection = "Bus";

    /// <summary>The queue the Service Bus trigger listens to (a binding expression in the attribute, read here too).</summary>
    public const string ServiceBusQueue = "SERVICEBUS_QUEUE";

    /// <summary>The housekeeping timer's schedule (NCRONTAB, six fields), a binding expression in the attribute.</summary>
    public const string PurgeSchedule = "PURGE_SCHEDULE";

    /// <summary>The server's settings the app reads (through <c>ServerConfiguration.Read</c>): region and account of ARNs,
    /// where the deployed state machines are, trigger rules, DynamoDB-like tables and circuit breakers.</summary>
    public static readonly string[] ServerSettings =
    [
        "Platform__Region", "Platform__AccountId", "Platform__WorkflowsDirectory", "Platform__Triggers", "Platform__Tables", "Platform__CircuitBreakers",
    ];
}
