using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Platform.Bench;

/// <summary><c>all</c>: every row of issue 8's table, each in its own process (so each row's peak RSS is its own: the
/// process's VmHWM, read from /proc/self/status at its end; for the HTTP row the server process's), then the reference
/// engine (npm aws-local-stepfunctions, installed under bench/reference when missing) on the same workloads in the same
/// sitting, and one table with the ratios and targets.</summary>
internal static class AllRows
{
    private sealed record Row(string Key, string Title, string Host, string[] Args);

    public static async Task<int> RunAsync(string repository, string shared, double seconds, int repeat)
    {
        string secondsText = seconds.ToString(CultureInfo.InvariantCulture);
        Row[] rows =
        [
            new("hello-choice", "hello-choice", "in memory, 2 workers", ["hello-choice", "--seconds", secondsText, "--concurrency", "2"]),
            new("order-pipeline", "order-pipeline", "in memory, 2 workers", ["order-pipeline", "--seconds", secondsText, "--concurrency", "2"]),
            new("order-pipeline-jsonata", "order-pipeline (JSONata)", "in memory, 2 workers", ["order-pipeline-jsonata", "--seconds", secondsText, "--concurrency", "2"]),
            new("durable-steps", "durable-steps", "durable SQLite, FULL, 256 in flight", ["durable-steps", "--durable", "--in-flight", "256", "--seconds", secondsText]),
            new("callbacks", "100,000 waiting on callbacks", "durable SQLite, FULL", ["--callbacks", "--waiting", "100000", "--samples", "1000"]),
            new("http", "StartSyncExecution hello-choice", "platform serve, HTTP, 32 clients", ["--http", "--seconds", secondsText, "--clients", "32"]),
        ];

        var machine = Machine();
        Console.WriteLine($"bench all: {machine}; {seconds.ToString(CultureInfo.InvariantCulture)} s per row after warm-up; median of {repeat} run(s) per row; each row in its own process");
        var ours = new Dictionary<string, RowResult>();
        foreach (var row in rows)
        {
            var runs = new List<RowResult>();
            for (int i = 0; i < repeat; i++)
            {
                Console.WriteLine($"-- {row.Title} ({row.Host}), run {i + 1} of {repeat}");
                var result = await RunChildAsync(row.Args);
                if (result is null)
                {
                    Console.Error.WriteLine($"{row.Title}: the row's process failed");
                    return 1;
                }

                runs.Add(result);
            }

            ours[row.Key] = Median(runs);
        }

        var reference = await RunReferenceAsync(repository, shared, repeat);
        PrintTable(rows, ours, reference, machine);
        return 0;
    }

    /// <summary>The run with the median executions/s (so its other columns belong to one run).</summary>
    private static RowResult Median(List<RowResult> runs) => runs.OrderBy(r => double.IsNaN(r.ExecPerSecond) ? r.P99Ms : r.ExecPerSecond).ElementAt(runs.Count / 2);

    private static async Task<RowResult?> RunChildAsync(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(AllRows).Assembly.Location);
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        RowResult? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(RowResult.Prefix, StringComparison.Ordinal))
            {
                result = RowResult.Parse(line);
            }
            else
            {
                Console.WriteLine("   " + line);
            }
        }

        await child.WaitForExitAsync();
        return child.ExitCode == 0 ? result : null;
    }

    private sealed record ReferenceResult(double ExecPerSecond, long PeakRssBytes, string Note);

    /// <summary>The reference engine, as ../shared/bench/README.md runs it (one execution at a time), on the workloads it
    /// can run. Its peak RSS is polled from /proc/&lt;pid&gt;/status (VmHWM) while it runs.</summary>
    private static async Task<Dictionary<string, ReferenceResult>> RunReferenceAsync(string repository, string shared, int repeat)
    {
        var results = new Dictionary<string, ReferenceResult>();
        string prefix = Path.Combine(repository, "bench", "reference");
        string modules = Path.Combine(prefix, "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "aws-local-stepfunctions")))
        {
            Console.WriteLine("-- installing the reference engine (npm ci in bench/reference)");
            if (await Exec("npm", ["ci", "--no-audit", "--no-fund", "--prefix", prefix]) != 0)
            {
                Console.Error.WriteLine("reference: npm ci failed; the table has no reference figures");
                return results;
            }
        }

        string script = Path.Combine(shared, "bench", "reference", "aws-local-stepfunctions.mjs");
        foreach (var (workload, executions) in new[] { ("hello-choice", 20_000), ("order-pipeline", 3_000), ("durable-steps", 20_000) })
        {
            var runs = new List<ReferenceResult>();
            for (int i = 0; i < repeat; i++)
            {
                Console.WriteLine($"-- reference aws-local-stepfunctions {workload}, {executions:N0} executions, concurrency 1, run {i + 1} of {repeat}");
                var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (string arg in (string[])[script, modules, workload, executions.ToString(CultureInfo.InvariantCulture), "1"])
                {
                    start.ArgumentList.Add(arg);
                }

                using var node = Process.Start(start)!;
                long peak = 0;
                var output = node.StandardOutput.ReadToEndAsync();
                var errors = node.StandardError.ReadToEndAsync();
                while (!node.HasExited)
                {
                    peak = Math.Max(peak, RowResult.PeakRssOf(node.Id));
                    await Task.WhenAny(node.WaitForExitAsync(), Task.Delay(50));
                }

                string text = await output;
                await errors;
                int at = text.IndexOf("exec_per_s=", StringComparison.Ordinal);
                if (node.ExitCode != 0 || at < 0)
                {
                    Console.Error.WriteLine($"reference {workload}: failed: {text} {await errors}");
                    continue;
                }

                double perSecond = double.Parse(text[(at + "exec_per_s=".Length)..].Trim(), CultureInfo.InvariantCulture);
                Console.WriteLine("   " + text.Trim());
                runs.Add(new ReferenceResult(perSecond, peak, string.Empty));
            }

            if (runs.Count > 0)
            {
                results[workload] = runs.OrderBy(r => r.ExecPerSecond).ElementAt(runs.Count / 2);
            }
        }

        return results;
    }

    private static async Task<int> Exec(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static void PrintTable(Row[] rows, Dictionary<string, RowResult> ours, Dictionary<string, ReferenceResult> reference, string machine)
    {
        static string N(double v, string format = "N0") => double.IsNaN(v) ? "" : v.ToString(format, CultureInfo.InvariantCulture);
        static string Mib(long bytes) => bytes <= 0 ? "" : (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture);

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Results, {DateTime.Now:yyyy-MM-dd HH:mm}, {machine}");
        table.AppendLine();
        table.AppendLine("| row | host | exec/s | transitions/s | alloc B/exec | p50 ms | p99 ms | peak RSS MiB | reference exec/s | reference peak RSS MiB | ratio | target | met |");
        table.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var row in rows)
        {
            var r = ours[row.Key];
            reference.TryGetValue(row.Key, out var re);
            string ratio = "";
            string target;
            bool? met;
            switch (row.Key)
            {
                case "hello-choice":
                    ratio = re is null ? "" : $"{N(r.ExecPerSecond / re.ExecPerSecond)}x";
                    target = ">= 100,000 exec/s";
                    met = r.ExecPerSecond >= 100_000;
                    break;
                case "order-pipeline":
                    ratio = re is null ? "" : $"{N(r.ExecPerSecond / re.ExecPerSecond)}x";
                    target = ">= 50x the reference";
                    met = re is null ? null : r.ExecPerSecond >= 50 * re.ExecPerSecond;
                    break;
                case "order-pipeline-jsonata":
                    double slower = ours["order-pipeline"].ExecPerSecond / r.ExecPerSecond;
                    ratio = $"JSONPath / JSONata {N(slower, "N2")}x";
                    target = "within 2x of JSONPath";
                    met = slower <= 2;
                    break;
                case "durable-steps":
                    ratio = re is null ? "" : $"{N(r.ExecPerSecond / re.ExecPerSecond, "N2")}x (reference in memory)";
                    target = ">= 1,000 exec/s (8,000 transitions/s)";
                    met = r.ExecPerSecond >= 1_000 && r.TransitionsPerSecond >= 8_000;
                    break;
                case "callbacks":
                    target = "< 1 GiB RSS, resume p99 < 50 ms";
                    met = r.PeakRssBytes < (1L << 30) && r.P99Ms < 50;
                    break;
                default:
                    target = "p50 < 1 ms, p99 < 5 ms, >= 20,000 req/s";
                    met = r.P50Ms < 1 && r.P99Ms < 5 && r.ExecPerSecond >= 20_000;
                    break;
            }

            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Title} | {row.Host} | {N(r.ExecPerSecond)} | {N(r.TransitionsPerSecond)} | {N(r.AllocatedPerExec)} | {N(r.P50Ms, "N3")} | {N(r.P99Ms, "N3")} | {Mib(r.PeakRssBytes)} | {(re is null ? "" : N(re.ExecPerSecond))} | {(re is null ? "" : Mib(re.PeakRssBytes))} | {ratio} | {target} | {(met is null ? "?" : met.Value ? "yes" : "NO")} |");
        }

        table.AppendLine();
        foreach (var row in rows)
        {
            if (ours[row.Key].Note.Length > 0)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"- {row.Title}: {ours[row.Key].Note}");
            }
        }

        Console.WriteLine();
        Console.Write(table.ToString());
    }

    private static string Machine()
    {
        long memoryKb = 0;
        foreach (string line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                memoryKb = long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        string load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores (nproc), {memoryKb / 1048576.0:N1} GiB, .NET {Environment.Version}, Release, load average {load} at start");
    }
}
