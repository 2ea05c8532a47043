using Platform.Engine.Integrations;
using Platform.Engine.Integrations.CircuitBreakers;
using Platform.Engine.Tasks;
using Platform.Runtime.Integrations;
using Platform.Server.Approvals;
using Platform.Server.UseCases;

namespace Platform.Server.Triggers;

/// <summary>The built-in integrations of <c>platform serve</c> on local adapters under the data directory —
/// <c>objects/</c>, <c>tables.db</c>, <c>queues.db</c>, <c>outbox/</c> — registered into the server's task handlers,
/// with the approval task, the use-case handlers, and the circuit breakers when configured.</summary>
internal sealed class ServerIntegrations : IDisposable
{
    private readonly FolderObjectStore _objects;
    private readonly FolderEventOutbox _outbox;

    private ServerIntegrations(PlatformServerOptions options, string dataDirectory)
    {
        var clock = options.TimeProvider;
        _objects = new FolderObjectStore(Path.Combine(dataDirectory, "objects"), clock);
        _outbox = new FolderEventOutbox(Path.Combine(dataDirectory, "outbox"));
        Services = new IntegrationServices
        {
            ObjectStore = _objects,
            TableStore = new SqliteTableStore(Path.Combine(dataDirectory, "tables.db"), clock),
            DynamoDbTables = options.Tables,
            Queue = new SqliteMessageQueue(Path.Combine(dataDirectory, "queues.db"), clock),
            Events = _outbox,
            TimeProvider = clock,
        };
        Breakers = options.CircuitBreakers.Count == 0 ? null : new TableCircuitBreakerStore(Services.TableStore);
        Approvals = new ApprovalService(options, dataDirectory, Services.TableStore, () => ListeningUrl());
    }

    /// <summary>Gets the ports on their local adapters.</summary>
    public IntegrationServices Services { get; }

    /// <summary>Gets the object store (the <c>objects/</c> folder).</summary>
    public IObjectStore Objects => _objects;

    /// <summary>Gets the table store (<c>tables.db</c>): DynamoDB tables, circuit breakers, trigger deliveries, approvals.</summary>
    public ITableStore Tables => Services.TableStore!;

    /// <summary>Gets the circuit breakers' shared state, or null when none is configured.</summary>
    public ICircuitBreakerStore? Breakers { get; }

    /// <summary>Gets the approval links.</summary>
    public ApprovalService Approvals { get; }

    /// <summary>Gets or sets where the server listens, once known (approval links use it without a <c>PublicUrl</c>).</summary>
    public Func<Uri?> ListeningUrl { get; set; } = () => null;

    /// <summary>Opens the adapters and registers the integrations, the approval task and the use-case handlers into
    /// <see cref="PlatformServerOptions.Tasks"/> (a handler name already registered is left as it is).</summary>
    public static ServerIntegrations Open(PlatformServerOptions options, string dataDirectory)
    {
        var integrations = new ServerIntegrations(options, dataDirectory);
        options.Tasks.AddBuiltInIntegrations(integrations.Services);
        options.Tasks.RegisterResource(ApprovalService.Resource, integrations.Approvals);
        UseCaseHandlers.Register(options.Tasks);
        return integrations;
    }

    /// <summary>Wraps the server's dispatcher in the circuit breakers, when any is configured.</summary>
    public ITaskDispatcher Guard(ITaskDispatcher dispatcher, PlatformServerOptions options) =>
        Breakers is null
            ? dispatcher
            : new CircuitBreakerDispatcher(dispatcher, Breakers, new CircuitBreakerOptions { Policies = options.CircuitBreakers }, options.TimeProvider);

    /// <inheritdoc />
    public void Dispose()
    {
        _objects.Dispose();
        _outbox.Dispose();
        Approvals.Dispose();
    }
}
