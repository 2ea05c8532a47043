using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Integrations;
using Platform.Engine.Tasks;
using Platform.Runtime.InMemory;
using Platform.Runtime.Integrations;
using Platform.Runtime.Testing;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Integrations;

/// <summary>A temporary folder with the local adapters (folder object store, SQLite table store and queue, event outbox),
/// a fake clock, and a registry with the built-in integrations on them.</summary>
internal sealed class IntegrationFixture : IDisposable
{
    public IntegrationFixture(HttpMessageHandler? http = null, IReadOnlyList<DynamoDbTable>? tables = null, Func<HttpInvokeOptions, HttpInvokeOptions>? httpOptions = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "integration-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Objects = new FolderObjectStore(Path.Combine(Directory, "blobs"), Clock);
        Tables = new SqliteTableStore(Path.Combine(Directory, "tables.db"), Clock);
        Queue = new SqliteMessageQueue(Path.Combine(Directory, "queues.db"), Clock);
        Outbox = new FolderEventOutbox(Path.Combine(Directory, "outbox"));
        var options = new HttpInvokeOptions { Handler = http };
        Services = new IntegrationServices
        {
            ObjectStore = Objects,
            TableStore = Tables,
            Queue = Queue,
            Events = Outbox,
            Http = httpOptions is null ? options : httpOptions(options),
            TimeProvider = Clock,
            DynamoDbTables = tables ??
            [
                new DynamoDbTable("Orders", "OrderId"),
                new DynamoDbTable("Lines", "OrderId", "S", "LineNo", "N"),
            ],
        };
        Registry = new TaskHandlerRegistry().AddBuiltInIntegrations(Services);
    }

    public string Directory { get; }

    public ManualClock Clock { get; } = new(Harness.Start);

    public FolderObjectStore Objects { get; }

    public SqliteTableStore Tables { get; }

    public SqliteMessageQueue Queue { get; }

    public FolderEventOutbox Outbox { get; }

    public IntegrationServices Services { get; }

    public TaskHandlerRegistry Registry { get; }

    public ExecutionResult Run(string asl, string input = "{}", ITaskDispatcher? dispatcher = null)
    {
        var host = new InMemoryHost(dispatcher ?? Registry, new InMemoryHostOptions { VirtualTime = true, VirtualStart = Harness.Start });
        return host.RunAsync(Harness.Compile(asl), new ExecutionInput { Input = JNode.Parse(input), Name = "test", StateMachineName = "Machine" })
            .AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A one-Task machine: the task's parameters, then Succeed, with every error caught into <c>$.error</c>.</summary>
    public static string OneTask(string resource, string parameters, string catchErrors = "[\"States.ALL\"]") => $$$$"""
        {"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"{{{{resource}}}}","Parameters":{{{{parameters}}}},
               "Catch":[{"ErrorEquals":{{{{catchErrors}}}},"ResultPath":"$.error","Next":"Caught"}],"End":true},
          "Caught":{"Type":"Pass","End":true}}}
        """;

    public void Dispose()
    {
        Objects.Dispose();
        Outbox.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

internal static class ResultAssertions
{
    public static JObject Output(this ExecutionResult result)
    {
        result.Status.Should().Be(ExecutionStatus.Succeeded, $"{result.Error}: {result.Cause}");
        return (JObject)result.Output!;
    }

    /// <summary>The error a OneTask machine caught, or fails when the task succeeded.</summary>
    public static (string Error, string Cause) Caught(this ExecutionResult result)
    {
        var error = result.Output()["error"] as JObject;
        error.Should().NotBeNull($"the task should have failed, output was {result.Output}");
        return (((JString)error!["Error"]!).Value, (error["Cause"] as JString)?.Value ?? string.Empty);
    }
}
