using System.Collections.Concurrent;
using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.Testing;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>A temporary directory with one journal file, a fake clock, and helpers to open hosts on it and drive them.</summary>
internal sealed class DurableFixture : IDisposable
{
    private readonly List<DurableHost> _hosts = [];

    public DurableFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "durable-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "journal.db");

    public ManualClock Clock { get; } = new(Harness.Start);

    public DurableHost Open(ITaskDispatcher handlers, Action<DurableHost> register, int cache = 1000, string? file = null)
    {
        var host = new DurableHost(handlers, new DurableHostOptions
        {
            DatabasePath = file is null ? DatabasePath : Path.Combine(Directory, file),
            TimeProvider = Clock,
            MaxCachedOrchestrations = cache,
            FullSync = false,
        });
        register(host);
        host.Start();
        _hosts.Add(host);
        return host;
    }

    /// <summary>Runs the host until the execution ends, moving the fake clock to each next timer whenever the host is idle.</summary>
    public async Task<DurableExecution> DriveAsync(DurableHost host, string instanceId)
    {
        var done = host.WaitForCompletionAsync(instanceId);
        for (int step = 0; step < 10_000; step++)
        {
            await Task.WhenAny(done, host.WhenIdleAsync()).WaitAsync(TimeSpan.FromSeconds(30));
            if (done.IsCompleted)
            {
                return await done;
            }

            var next = host.GetNextTimer();
            if (next is null)
            {
                // Idle and nothing scheduled: the end may still be on its way to the waiter; give it a moment, then call it stuck.
                await Task.WhenAny(done, Task.Delay(TimeSpan.FromSeconds(2)));
            }

            if (done.IsCompleted)
            {
                return await done;
            }

            next ??= host.GetNextTimer() ?? throw new InvalidOperationException($"Execution {instanceId} is stuck: the host is idle and no timer is pending. History: "
                + string.Join("; ", host.Journal.LoadHistory(instanceId, 0)!.Events.Select(e => $"{e.Position} {e.Kind} {e.Sequence} {e.Name} {e.Payload}")) + " " + host.LastError);
            Clock.SetUtcNow(next.Value);
            await host.FireDueTimersAsync();
        }

        throw new InvalidOperationException("Too many steps.");
    }

    /// <summary>Runs the host until it is idle with nothing due (an execution waiting on a later timer or an event).</summary>
    public static Task IdleAsync(DurableHost host) => host.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

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

/// <summary>Counts handler invocations by name.</summary>
internal sealed class CallCounter
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int this[string name] => _counts.GetValueOrDefault(name);

    public void Hit(string name) => _counts.AddOrUpdate(name, 1, (_, n) => n + 1);
}

internal static class DurableAssertions
{
    public static ExecutionInput Input(string json, string name = "test") => new() { Input = JNode.Parse(json), Name = name, StateMachineName = "Machine" };
}
