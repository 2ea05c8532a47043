using Platform.Runtime.Durable;
using Platform.Runtime.Registry;
using Platform.Server.Executions;
using Platform.Server.Triggers;

namespace Platform.Server.Hosting;

/// <summary>What the API serves: the registry, the durable host, the execution index and the Express executions, all
/// under one data directory.</summary>
internal sealed class ServerBackend : IAsyncDisposable
{
    private ServerBackend(PlatformServerOptions options, string dataDirectory, StateMachineRegistry registry, ExecutionStore store, DurableHost durable, ExpressExecutions express, ServerTaskDispatcher tasks)
    {
        Options = options;
        DataDirectory = dataDirectory;
        Registry = registry;
        Store = store;
        Durable = durable;
        Express = express;
        Tasks = tasks;
        Executions = new ExecutionService(options, registry, durable, store, express);
    }

    public PlatformServerOptions Options { get; }

    /// <summary>Gets the data directory's full path.</summary>
    public string DataDirectory { get; }

    public StateMachineRegistry Registry { get; }

    public ExecutionStore Store { get; }

    public DurableHost Durable { get; }

    public ExpressExecutions Express { get; }

    public ServerTaskDispatcher Tasks { get; }

    public ExecutionService Executions { get; }

    /// <summary>Gets the integrations on their local adapters (set once, at open).</summary>
    public ServerIntegrations Integrations { get; private init; } = null!;

    /// <summary>Gets what became of the sample state machines.</summary>
    public IReadOnlyList<SampleRegistration> Samples { get; private set; } = [];

    /// <summary>The role ARN samples run as.</summary>
    public string SampleRoleArn => $"arn:aws:iam::{Options.AccountId}:role/platform-samples";

    /// <summary>Opens everything under the data directory (created when missing), registers the samples and every state
    /// machine with the durable host, and starts it (resuming unfinished executions).</summary>
    /// <exception cref="ServerConfigurationException">The data directory cannot be created or its files opened.</exception>
    public static ServerBackend Open(PlatformServerOptions options)
    {
        string directory = Path.GetFullPath(options.DataDirectory);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ServerConfigurationException($"cannot create the data directory {directory}: {ex.Message}");
        }

        StateMachineRegistry? registry = null;
        ExecutionStore? store = null;
        DurableHost? durable = null;
        ServerIntegrations? integrations = null;
        try
        {
            integrations = ServerIntegrations.Open(options, directory);
            registry = new StateMachineRegistry(new StateMachineRegistryOptions
            {
                DatabasePath = Path.Combine(directory, "registry.db"),
                Region = options.Region,
                AccountId = options.AccountId,
                TimeProvider = options.TimeProvider,
            });
            store = new ExecutionStore(Path.Combine(directory, "executions.db"));
            var tasks = new ServerTaskDispatcher(options.Tasks);
            var dispatcher = integrations.Guard(tasks, options);
            durable = new DurableHost(dispatcher, new DurableHostOptions
            {
                DatabasePath = Path.Combine(directory, "journal.db"),
                TimeProvider = options.TimeProvider,
                FullSync = options.FullSync,
                TaskTokenKey = options.TaskTokenKey,
            });
            var express = new ExpressExecutions(dispatcher, options.TimeProvider, options.ExpressExecutionsKept);
            var backend = new ServerBackend(options, directory, registry, store, durable, express, tasks) { Integrations = integrations };
            backend.Samples = SampleWorkflows.Register(registry, options.WorkflowsDirectory is null ? null : Path.GetFullPath(options.WorkflowsDirectory), backend.SampleRoleArn);
            backend.Executions.RegisterExisting();
            durable.Start();
            return backend;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or JournalInUseException)
        {
            durable?.Dispose();
            integrations?.Dispose();
            store?.Dispose();
            registry?.Dispose();
            throw new ServerConfigurationException($"cannot open the data in {directory}: {ex.Message}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Express.Dispose();
        await Durable.DisposeAsync();
        Integrations.Dispose();
        Store.Dispose();
        Registry.Dispose();
    }
}
