using System.Diagnostics;
using System.Globalization;
using Platform.Asl.Json;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;

namespace Platform.Bench;

/// <summary>Many executions parked on <c>.waitForTaskToken</c> on the durable host: the resident memory they cost, and the
/// time from SendTaskSuccess to the execution's end (the next state) for a sample of them, one at a time.</summary>
internal static class CallbackBench
{
    private const string Machine = """
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters":{"MessageBody":{"token.$":"$$.Task.Token","n.$":"$.n"}},"ResultPath":"$.answer","Next":"Done"},
          "Done":{"Type":"Pass","End":true}}}
        """;

    public static async Task<int> RunAsync(int waiting, int samples, bool fullSync)
    {
        string directory = Path.Combine(Path.GetTempPath(), "platform-bench-callbacks-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        try
        {
            var tokens = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
            var handlers = new TaskHandlerRegistry().RegisterResource("arn:aws:states:::sqs:sendMessage", (Func<JNode, JNode>)(input =>
            {
                var body = (JObject)((JObject)input)["MessageBody"]!;
                tokens[((JNumber)body["n"]!).Value.ToString(CultureInfo.InvariantCulture)] = ((JString)body["token"]!).Value;
                return JObject.Empty;
            }));
            await using var host = new DurableHost(handlers, new DurableHostOptions { DatabasePath = Path.Combine(directory, "journal.db"), FullSync = fullSync });
            host.RegisterStateMachine("approval", StateMachineOrchestrator.FromText(Machine));
            host.Start();

            var clock = Stopwatch.StartNew();
            int next = 0;
            var starters = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next) - 1) < waiting)
                {
                    var input = new ExecutionInput { Input = JNode.Parse("{\"n\":" + n.ToString(CultureInfo.InvariantCulture) + "}"), Name = "w" + n.ToString(CultureInfo.InvariantCulture), StateMachineName = "approval", RecordHistory = false };
                    await host.StartExecutionAsync("approval", input);
                }
            })).ToArray();
            await Task.WhenAll(starters);
            await host.WhenIdleAsync();
            while (tokens.Count < waiting)
            {
                await host.WhenIdleAsync();
            }

            double startSeconds = clock.Elapsed.TotalSeconds;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            long resident = self.WorkingSet64;
            long managed = GC.GetTotalMemory(forceFullCollection: false);

            var latencies = new List<double>(samples);
            for (int i = 0; i < samples; i++)
            {
                int n = i * (waiting / samples);
                string id = new ExecutionInput { Name = "w" + n.ToString(CultureInfo.InvariantCulture), StateMachineName = "approval" }.ExecutionArn;
                var done = host.WaitForCompletionAsync(id);
                long t0 = Stopwatch.GetTimestamp();
                await host.SendTaskSuccessAsync(tokens[n.ToString(CultureInfo.InvariantCulture)], JNode.Parse("{\"ok\":true}"));
                var ended = await done;
                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (ended.Status != DurableStatus.Succeeded)
                {
                    Console.Error.WriteLine($"{id}: {ended.Status} {ended.Error} {ended.Cause}");
                    return 1;
                }
            }

            latencies.Sort();
            double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"callbacks: {waiting:N0} executions waiting (started in {startSeconds:N1} s, {waiting / startSeconds:N0}/s); resident {resident / 1048576.0:N0} MiB, managed heap {managed / 1048576.0:N0} MiB; SendTaskSuccess to end, {samples} one at a time: p50 {P(0.5):N1} ms, p99 {P(0.99):N1} ms, max {latencies[^1]:N1} ms; synchronous={(fullSync ? "FULL" : "NORMAL")}"));
            RowResult.Write(new RowResult("callbacks")
            {
                P50Ms = P(0.5),
                P99Ms = P(0.99),
                PeakRssBytes = RowResult.PeakRss(),
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"{waiting:N0} waiting (started at {waiting / startSeconds:N0}/s), resident {resident / 1048576.0:N0} MiB once all wait (peak RSS includes starting them), managed heap {managed / 1048576.0:N0} MiB; latency = SendTaskSuccess to the execution's end, {samples} one at a time, max {latencies[^1]:N1} ms"),
            });
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
