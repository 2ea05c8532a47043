using System.Diagnostics;
using System.Globalization;
using Platform.Asl.Json;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Runtime.Durable;

namespace Platform.Bench;

/// <summary>Runs a workload on the durable (SQLite) host: executions started and finished per second with a fixed number
/// in flight, every transition journaled and committed (group commit), on a fresh file in the temp directory.</summary>
internal static class DurableBench
{
    public static async Task<int> RunAsync(string workload, StateMachineOrchestrator orchestrator, JNode[] inputs, JNode? expected, double seconds, int inFlight, bool fullSync, int transitions)
    {
        string directory = Path.Combine(Path.GetTempPath(), "platform-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        try
        {
            await using var host = new DurableHost(BenchHandlers.Create(), new DurableHostOptions
            {
                DatabasePath = Path.Combine(directory, "journal.db"),
                FullSync = fullSync,
            });
            host.RegisterStateMachine(workload, orchestrator);
            host.Start();

            long started = 0;
            async Task<DurableExecution> RunOne()
            {
                long n = Interlocked.Increment(ref started);
                var input = new ExecutionInput { Input = inputs[n % inputs.Length], Name = "e" + n.ToString(CultureInfo.InvariantCulture), StateMachineName = workload, RecordHistory = false };
                string id = await host.StartExecutionAsync(workload, input);
                return await host.WaitForCompletionAsync(id);
            }

            var first = await RunOne();
            if (first.Status != DurableStatus.Succeeded || (expected is not null && !JNode.DeepEquals(first.Output, expected)))
            {
                Console.Error.WriteLine($"{workload} (durable): {first.Status} {first.Error}: {first.Cause} output {first.Output}");
                return 1;
            }

            long Measure(TimeSpan duration, List<long>[]? latencies = null)
            {
                long done = 0;
                var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
                var lanes = Enumerable.Range(0, inFlight).Select(lane => Task.Run(async () =>
                {
                    while (Stopwatch.GetTimestamp() < deadline)
                    {
                        long t0 = Stopwatch.GetTimestamp();
                        var result = await RunOne();
                        latencies?[lane].Add(Stopwatch.GetTimestamp() - t0);
                        if (result.Status != DurableStatus.Succeeded)
                        {
                            throw new InvalidOperationException($"{workload}: {result.Error}: {result.Cause}");
                        }

                        Interlocked.Increment(ref done);
                    }
                })).ToArray();
                Task.WaitAll(lanes);
                return done;
            }

            Measure(TimeSpan.FromSeconds(Math.Min(2, seconds)));
            long commitsBefore = host.Writer.Transactions, writesBefore = host.Writer.Writes;
            var latencies = Enumerable.Range(0, inFlight).Select(_ => new List<long>()).ToArray();
            using var sampler = Environment.GetEnvironmentVariable("PLATFORM_BENCH_ALLOC_TYPES") == "1" ? new AllocSampler() : null;
            sampler?.Start();
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long count = Measure(TimeSpan.FromSeconds(seconds), latencies);
            clock.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            long commits = host.Writer.Transactions - commitsBefore, writes = host.Writer.Writes - writesBefore;
            double perSecond = count / clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{workload + " (durable)",-16} {perSecond,12:N0} exec/s, {count,9:N0} executions, {commits / clock.Elapsed.TotalSeconds,9:N0} commits/s, {writes / (double)Math.Max(1, commits),5:N1} writes/commit, {inFlight} in flight, synchronous={(fullSync ? "FULL" : "NORMAL")}, {cpu.TotalMicroseconds / count,7:N0} CPU µs/exec, {Interlocked.Read(ref started)} started in all"));
            sampler?.Dump(count);
            var sorted = latencies.SelectMany(l => l).Order().ToArray();
            double Ms(double q) => sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1))] * 1000.0 / Stopwatch.Frequency;
            RowResult.Write(new RowResult(workload + " (durable)")
            {
                ExecPerSecond = perSecond,
                TransitionsPerSecond = perSecond * transitions,
                AllocatedPerExec = allocated / (double)count,
                P50Ms = Ms(0.5),
                P99Ms = Ms(0.99),
                PeakRssBytes = RowResult.PeakRss(),
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"{transitions} state transitions/execution (states entered; AWS bills one per step executed, plus one per retry, which this count leaves out), {commits / clock.Elapsed.TotalSeconds:N0} commits/s, {writes / (double)Math.Max(1, commits):N1} writes/commit, {inFlight} in flight, WAL, synchronous={(fullSync ? "FULL" : "NORMAL")}, {cpu.TotalMicroseconds / count:N0} CPU µs/exec; latency = start to end of one execution"),
            });
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
