using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Platform.Engine;
using Platform.Engine.Integrations;
using Platform.Engine.Integrations.CircuitBreakers;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;
using Platform.Functions.Adapters;
using Platform.Server;
using Platform.Server.Api;
using Platform.Server.Hosting;
using Platform.Server.Triggers;

namespace Platform.Functions;

/// <summary>The app's parts, built once from the application settings: the deployed state machines, the orchestration
/// body, the task dispatcher over the Azure adapters, the trigger rules and the API.</summary>
public sealed class FunctionsPlatform
{
    /// <summary>Reads the settings and builds the parts.</summary>
    /// <exception cref="ServerConfigurationException">A setting is malformed; the message names it.</exception>
    public FunctionsPlatform(IConfiguration configuration, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Loggers = loggers;
        Options = ServerConfiguration.Read(configuration, new PlatformServerOptions { WorkflowsDirectory = Path.Combine(AppContext.BaseDirectory, "workflows") });
        Machines = LoadMachines(Options.WorkflowsDirectory);
        Tokens = configuration[AppSettings.TaskTokenKey] is { Length: > 0 } key ? new TaskTokens(ServerConfiguration.ReadTaskTokenKey(AppSettings.TaskTokenKey, key)) : null;
        Retention = HistoryPurge.ParseRetention(configuration[AppSettings.HistoryRetentionDays]);
        Queue = configuration[AppSettings.ServiceBusQueue] ?? "sfn-events";
        Triggers = new TriggerRouter(Options.Triggers, Options.Region, Options.AccountId);
        Dispatcher = BuildDispatcher(configuration);
        Runner = new OrchestrationRunner(name => Machines.GetValueOrDefault(name), Tokens, keepHistory: Histories is not null);
    }

    /// <summary>Gets the server options the settings give (region, account, rules, tables, breakers).</summary>
    public PlatformServerOptions Options { get; }

    /// <summary>Gets the deployed state machines by name.</summary>
    public IReadOnlyDictionary<string, StateMachineOrchestrator> Machines { get; }

    /// <summary>Gets the task-token codec, or null when no key is configured (callbacks are then refused).</summary>
    public TaskTokens? Tokens { get; }

    /// <summary>Gets how long ended executions keep their history.</summary>
    public TimeSpan Retention { get; }

    /// <summary>Gets the Service Bus trigger's queue name.</summary>
    public string Queue { get; }

    /// <summary>Gets the orchestration body.</summary>
    public OrchestrationRunner Runner { get; }

    /// <summary>Gets the trigger rules.</summary>
    public TriggerRouter Triggers { get; }

    /// <summary>Gets the activity's dispatcher: user handlers and built-in integrations, behind circuit breakers.</summary>
    public ITaskDispatcher Dispatcher { get; }

    /// <summary>Gets where executions store their ASL history, or null when no blob endpoint is configured (none is kept).</summary>
    public ExecutionHistoryStore? Histories { get; private set; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider Time => Options.TimeProvider;

    private ILoggerFactory Loggers { get; }

    /// <summary>The Step Functions API over a client.</summary>
    public WorkflowClientApi Api(WorkflowClient client) => new(client, Machines, Tokens, Options.Region, Options.AccountId, Time, Loggers, Dispatcher, Histories);

    private static Dictionary<string, StateMachineOrchestrator> LoadMachines(string? directory)
    {
        var machines = new Dictionary<string, StateMachineOrchestrator>(StringComparer.Ordinal);
        if (directory is null || !Directory.Exists(directory))
        {
            return machines;
        }

        foreach (string file in Directory.EnumerateFiles(directory, "*.asl.json").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file)[..^".asl.json".Length];
            machines[name] = StateMachineOrchestrator.FromText(File.ReadAllText(file));
        }

        return machines;
    }

    private ITaskDispatcher BuildDispatcher(IConfiguration configuration)
    {
        TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = configuration[AppSettings.ClientId] is { Length: > 0 } id ? id : null,
        });
        ITableStore? tables = configuration[AppSettings.TableEndpoint] is { Length: > 0 } tableSetting
            ? new AzureTableStore(StorageConnection.Parse(AppSettings.TableEndpoint, tableSetting) is { Endpoint: { } tableUri }
                ? new TableServiceClient(tableUri, credential) : new TableServiceClient(tableSetting.Trim()))
            : null;
        IObjectStore? objects = configuration[AppSettings.BlobEndpoint] is { Length: > 0 } blobSetting
            ? new AzureObjectStore(StorageConnection.Parse(AppSettings.BlobEndpoint, blobSetting) is { Endpoint: { } blobUri }
                ? new BlobServiceClient(blobUri, credential) : new BlobServiceClient(blobSetting.Trim()))
            : null;
        Histories = objects is null ? null
            : new ExecutionHistoryStore(objects, configuration[AppSettings.HistoryContainer] is { Length: > 0 } container ? container : ExecutionHistoryStore.DefaultContainer);
        var services = new IntegrationServices
        {
            ObjectStore = objects,
            TableStore = tables,
            DynamoDbTables = Options.Tables,
            Queue = configuration[AppSettings.ServiceBusNamespace] is { Length: > 0 } ns ? new ServiceBusQueue(new ServiceBusClient(ns, credential)) : null,
            TimeProvider = Time,
        };
        var registry = Options.Tasks.AddBuiltInIntegrations(services);
        return Options.CircuitBreakers.Count == 0 || tables is null
            ? registry
            : new CircuitBreakerDispatcher(registry, new TableCircuitBreakerStore(tables), new CircuitBreakerOptions { Policies = Options.CircuitBreakers }, Time);
    }
}
