using Platform.Engine.Integrations;
using Platform.Engine.Integrations.CircuitBreakers;
using Platform.Engine.Tasks;
using Platform.Server.Triggers;

namespace Platform.Server;

/// <summary>Settings of the local server. <see cref="ServerConfiguration"/> reads them from configuration.</summary>
public sealed record PlatformServerOptions
{
    /// <summary>The port AWS Step Functions Local listens on; this server takes the same by default.</summary>
    public const int DefaultPort = 8083;

    /// <summary>Gets the directory that holds the registry, the journal and the execution index; created when missing.</summary>
    /// <value><c>.platform-data</c> under the current directory.</value>
    public string DataDirectory { get; init; } = ".platform-data";

    /// <summary>Gets the port to listen on (on localhost) when <see cref="Urls"/> is not set; 0 picks a free port (on 127.0.0.1).</summary>
    /// <value>8083.</value>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Gets the addresses to listen on instead of localhost on <see cref="Port"/> (configuration: <c>Platform:Urls</c>,
    /// <c>PLATFORM_URLS</c>), or null to listen on localhost only.</summary>
    /// <value>null.</value>
    public IReadOnlyList<Hosting.ListenAddress>? Urls { get; init; }

    /// <summary>Gets the API key every request must present, or null to serve without authentication.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets a value indicating whether the server may listen beyond this machine without an API key: a conscious
    /// choice (a trusted network, or authentication in front), since anyone who reaches it may then run anything.</summary>
    /// <value><see langword="false"/>: <see cref="Urls"/> that are not loopback need <see cref="ApiKey"/>.</value>
    public bool AllowAnonymous { get; init; }

    /// <summary>Gets the region written into ARNs.</summary>
    /// <value>us-east-1.</value>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets the account id written into ARNs.</summary>
    /// <value>123456789012.</value>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Gets the directory of sample state machines (<c>*.asl.json</c>, <c>*.asl.yaml</c>) registered on every start,
    /// or null for none.</summary>
    /// <value><c>workflows</c> under the current directory (skipped when it does not exist).</value>
    public string? WorkflowsDirectory { get; init; } = "workflows";

    /// <summary>Gets the task handlers that serve Task states; a Task whose resource has none fails with States.Runtime.</summary>
    public TaskHandlerRegistry Tasks { get; init; } = new();

    /// <summary>Gets the clock of executions, timers and dates.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the key that signs task tokens (at least 32 bytes, e.g. from a secret store), or null to keep a random
    /// one in the journal. Changing it makes the tokens already handed out invalid.</summary>
    public byte[]? TaskTokenKey { get; init; }

    /// <summary>Gets a value indicating whether the journal syncs every commit to disk (see <c>DurableHostOptions.FullSync</c>).</summary>
    /// <value><see langword="true"/>.</value>
    public bool FullSync { get; init; } = true;

    /// <summary>Gets how many ended Express executions are kept in memory for DescribeExecution and GetExecutionHistory.</summary>
    /// <value>1,000.</value>
    public int ExpressExecutionsKept { get; init; } = 1_000;

    /// <summary>Gets the DynamoDB tables the <c>dynamodb:*</c> integration serves (configuration: <c>Platform:Tables</c>).</summary>
    public IReadOnlyList<DynamoDbTable> Tables { get; init; } = [];

    /// <summary>Gets the circuit breaker policies around the server's Task dispatch (<c>Platform:CircuitBreakers</c>); none
    /// means no breaker.</summary>
    public IReadOnlyList<CircuitBreakerPolicy> CircuitBreakers { get; init; } = [];

    /// <summary>Gets the rules that start executions from events (<c>Platform:Triggers</c>; see <c>docs/triggers.md</c>).</summary>
    public IReadOnlyList<TriggerRule> Triggers { get; init; } = [];

    /// <summary>Gets the URL the server is reached at, written into approval links, or null to use the listening address.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>Gets a value indicating whether the inbox folder is watched for new files (it is always scanned at start).</summary>
    /// <value><see langword="true"/>.</value>
    public bool WatchInbox { get; init; } = true;
}
