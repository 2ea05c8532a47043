using System.Diagnostics;
using System.Globalization;
using Platform.Asl.Json;
using Platform.Asl.Parsing;
using Platform.Bench;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Runtime.InMemory;

// Measures executions/s and allocations per execution of the shared workloads (../shared/bench) on the in-memory host.
// usage: dotnet run -c Release --project bench/Platform.Bench -- all [--seconds N] [--repeat N]   (every row, with the reference)
//        dotnet run -c Release --project bench/Platform.Bench -- [workload ...] [--seconds N] [--concurrency N] [--history]
//        [--durable [--in-flight N] [--normal-sync]]   (the durable SQLite host instead of the in-memory one)
//        --callbacks [--waiting N] [--samples N]       (N executions parked on .waitForTaskToken: memory, resume latency)
//        --http [--clients N] [--server-url URL]       (StartSyncExecution of hello-choice over HTTP against platform serve)
string shared = FindShared();
string[] flags = ["--history", "--durable", "--normal-sync", "--callbacks", "--http"];
var workloads = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal) || flags.Contains(args[i - 1]))).ToList();
if (workloads.Contains("all"))
{
    return await AllRows.RunAsync(RepositoryRoot(), shared, Option("--seconds", 5), (int)Option("--repeat", 3));
}

if (args.Contains("--http"))
{
    // The load generator's own sockets complete on their socket threads, as the server's do (platform serve sets the same):
    // it shares the two cores with the server, so the cheaper it is, the more of them the server gets. Set before any socket.
    if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
    {
        Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
    }
    int i = Array.IndexOf(args, "--server-url");
    return await HttpBench.RunAsync(Path.Combine(shared, "bench", "workloads", "hello-choice.asl.json"), Option("--seconds", 5), (int)Option("--clients", 32), i >= 0 ? args[i + 1] : null);
}

if (workloads.Count == 0)
{
    workloads = ["hello-choice", "order-pipeline", "durable-steps"];
}

double seconds = Option("--seconds", 5);
int concurrency = (int)Option("--concurrency", Environment.ProcessorCount);
bool history = args.Contains("--history");
bool durable = args.Contains("--durable");
if (args.Contains("--callbacks"))
{
    // Executions parked on callbacks on the durable host: memory, and resume latency after SendTaskSuccess.
    return await CallbackBench.RunAsync((int)Option("--waiting", 100_000), (int)Option("--samples", 1_000), !args.Contains("--normal-sync"));
}
var host = new InMemoryHost(BenchHandlers.Create());
long exceptions = 0;
AppDomain.CurrentDomain.FirstChanceException += (_, _) => Interlocked.Increment(ref exceptions);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, concurrency {concurrency}, history {(history ? "on" : "off")}, {seconds}s per workload after warm-up");
Console.WriteLine($"{"workload",-16} {"exec/s",12} {"transitions/s",14} {"alloc B/exec",13} {"executions",11} {"GC pause",9} {"gen0 GCs",9}");
foreach (string workload in workloads)
{
    // Shared workloads first; this repository's own variants (e.g. order-pipeline-jsonata) live in bench/workloads.
    string definitionFile = Path.Combine(shared, "bench", "workloads", workload + ".asl.json");
    if (!File.Exists(definitionFile))
    {
        definitionFile = Path.Combine(RepositoryRoot(), "bench", "workloads", workload + ".asl.json");
    }

    var definition = AslParser.Parse(File.ReadAllText(definitionFile));
    if (definition.Definition is null)
    {
        Console.Error.WriteLine($"{workload}: invalid definition: {string.Join("; ", definition.Errors)}");
        return 1;
    }

    var orchestrator = new StateMachineOrchestrator(definition.Definition);
    string inputsFile = Path.Combine(shared, "bench", "workloads", workload.Replace("-jsonata", string.Empty, StringComparison.Ordinal) + ".inputs.json");
    JNode[] inputs = File.Exists(inputsFile)
        ? [.. ((JArray)JNode.Parse(File.ReadAllText(inputsFile))).Items]
        : [workload == "hello-choice" ? JNode.Parse("{\"name\":\"Ada\",\"vip\":true}") : JObject.Empty];
    var executionInputs = inputs.Select(i => new ExecutionInput { Input = i, RecordHistory = history, StateMachineName = workload }).ToArray();

    if (durable)
    {
        // The durable (SQLite) host: concurrency is the number of executions kept in flight.
        string? want = Expected.GetValueOrDefault(workload.Replace("-jsonata", string.Empty, StringComparison.Ordinal));
        int transitionCount = CountTransitions(await host.RunAsync(orchestrator, executionInputs[0] with { RecordHistory = true }));
        int code = await DurableBench.RunAsync(workload, orchestrator, inputs, want is null ? null : JNode.Parse(want), seconds, (int)Option("--in-flight", 64), !args.Contains("--normal-sync"), transitionCount);
        if (code != 0)
        {
            return code;
        }

        continue;
    }

    // Check the result once, so a fast wrong engine cannot pass for a fast one.
    var first = await host.RunAsync(orchestrator, executionInputs[0]);
    if (first.Status != ExecutionStatus.Succeeded)
    {
        Console.Error.WriteLine($"{workload}: execution failed: {first.Error}: {first.Cause}");
        return 1;
    }

    if (Expected.TryGetValue(workload.Replace("-jsonata", string.Empty, StringComparison.Ordinal), out string? expected) && !JNode.DeepEquals(first.Output, JNode.Parse(expected)))
    {
        Console.Error.WriteLine($"{workload}: wrong output {first.Output}, expected {expected}");
        return 1;
    }

    int transitions = CountTransitions(await host.RunAsync(orchestrator, executionInputs[0] with { RecordHistory = true }));
    await RunFor(TimeSpan.FromSeconds(Math.Min(2, seconds)));  // warm-up (tiered JIT, PGO)
    GC.Collect();
    long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var pausedBefore = GC.GetTotalPauseDuration();
    int gen0Before = GC.CollectionCount(0);
    var stopwatch = Stopwatch.StartNew();
    long exceptionsBefore = Interlocked.Read(ref exceptions);
    var latencies = Enumerable.Range(0, concurrency).Select(_ => new List<long>(1 << 16)).ToArray();
    long count = await RunFor(TimeSpan.FromSeconds(seconds), latencies);
    stopwatch.Stop();
    long thrown = Interlocked.Read(ref exceptions) - exceptionsBefore;
    if (thrown > 0)
    {
        Console.WriteLine($"  note: {thrown / (double)count:N2} exceptions thrown per execution");
    }

    long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    double perSecond = count / stopwatch.Elapsed.TotalSeconds;
    double pausedShare = (GC.GetTotalPauseDuration() - pausedBefore) / stopwatch.Elapsed;
    int gen0s = GC.CollectionCount(0) - gen0Before;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{workload,-16} {perSecond,12:N0} {perSecond * transitions,14:N0} {allocated / (double)count,13:N0} {count,11:N0} {pausedShare,9:P1} {gen0s,9:N0}"));
    var sorted = latencies.SelectMany(l => l).ToArray();
    Array.Sort(sorted);
    RowResult.Write(new RowResult(workload)
    {
        ExecPerSecond = perSecond,
        TransitionsPerSecond = perSecond * transitions,
        AllocatedPerExec = allocated / (double)count,
        P50Ms = Percentile(sorted, 0.5),
        P99Ms = Percentile(sorted, 0.99),
        PeakRssBytes = RowResult.PeakRss(),
        Note = string.Create(CultureInfo.InvariantCulture, $"{transitions} transitions/execution, concurrency {concurrency}, GC pause {pausedShare:P1}; latency of every 8th execution"),
    });

    async Task<long> RunFor(TimeSpan duration, List<long>[]? latencies = null)
    {
        long total = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            long n = 0;
            int k = w;
            var samples = latencies?[w];
            while (Stopwatch.GetTimestamp() < deadline)
            {
                for (int batch = 0; batch < 64; batch++)
                {
                    // Every 8th execution is timed (reading the clock for each would cost a few percent on hello-choice).
                    long t0 = (batch & 7) == 0 && samples is not null ? Stopwatch.GetTimestamp() : 0;
                    var pending = host.RunAsync(orchestrator, executionInputs[k++ % executionInputs.Length]);
                    var result = pending.IsCompletedSuccessfully ? pending.Result : await pending;
                    if (t0 != 0)
                    {
                        samples!.Add(Stopwatch.GetTimestamp() - t0);
                    }

                    if (result.Status != ExecutionStatus.Succeeded)
                    {
                        throw new InvalidOperationException($"{workload}: {result.Error}: {result.Cause}");
                    }
                }

                n += 64;
            }

            Interlocked.Add(ref total, n);
        })).ToArray();
        await Task.WhenAll(workers);
        return total;
    }
}

return 0;

static double Percentile(long[] sorted, double q) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1))] * 1000.0 / Stopwatch.Frequency;

static int CountTransitions(ExecutionResult result) => result.History.Count(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal));

double Option(string name, double fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("The repository root (with Platform.sln) was not found.");
}

static string FindShared()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            string shared = Path.Combine(dir.FullName, "..", "shared");
            if (Directory.Exists(shared))
            {
                return Path.GetFullPath(shared);
            }
        }
    }

    throw new DirectoryNotFoundException("The shared folder (../shared beside the repository) was not found.");
}

public partial class Program
{
    // Expected outputs from ../shared/bench/README.md (AWS's behaviour).
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["order-pipeline"] = "{\"orderId\":\"o0\",\"tag\":\"order-o0-silver\",\"lines\":10,\"nameOk\":true,\"addressOk\":true,\"prices\":[2.5,5,7.5,10,12.5,15,17.5,0,22.5,25]}",
        ["hello-choice"] = "{\"greeting\":\"Hello, Ada!\",\"vip\":true}",
        ["durable-steps"] = "{\"n\":5}",
    };
}
