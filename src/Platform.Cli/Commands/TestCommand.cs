using System.CommandLine;
using System.Globalization;
using Platform.Asl.Json;
using Platform.Runtime.Testing;

namespace Platform.Cli.Commands;

/// <summary><c>platform test &lt;file|dir&gt;…</c>: runs workflow test cases; prints each failure and the summary line <c>N passed, M failed</c>.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Case files, or directories searched recursively for *.json cases.", Arity = ArgumentArity.OneOrMore };
        var tags = new Option<string[]>("--tag", "-t") { HelpName = "tag", Description = "Run only cases with any of these tags (repeat the option for more tags)." };
        var report = new Option<string?>("--report") { HelpName = "file", Description = "Write a JSON report of every case (name, file, tags, status, reason, expected, actual, durationMs) to this file." };
        var minPassRate = new Option<double?>("--min-pass-rate") { HelpName = "0..1", Description = "Exit 0 when at least this share of cases (0..1) passes, instead of requiring all." };
        var timeout = new Option<double>("--timeout") { HelpName = "seconds", Description = "The wall-clock budget of one case, in seconds.", DefaultValueFactory = _ => 10 };
        var parallel = new Option<int>("--parallel") { HelpName = "n", Description = "How many cases run at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var durable = new Option<bool>("--durable") { Description = "Run each case on the durable (SQLite) host as a Standard execution, instead of in memory." };
        var progress = new Option<bool>("--progress") { Description = "Print a progress line to stderr every 10% of the cases (a terminal gets a live counter anyway)." };
        var command = new Command("test", "Run workflow test cases (the conformance case format) with mocked tasks on virtual time.")
        {
            paths, tags, report, minPassRate, timeout, parallel, durable, progress,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new TestRequest(
                parseResult.GetValue(paths) ?? [],
                parseResult.GetValue(tags) ?? [],
                parseResult.GetValue(report),
                parseResult.GetValue(minPassRate),
                parseResult.GetValue(timeout),
                parseResult.GetValue(parallel),
                parseResult.GetValue(durable),
                parseResult.GetValue(progress)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(TestRequest request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (request.MinPassRate is { } rate && (double.IsNaN(rate) || rate < 0 || rate > 1))
        {
            throw new UsageException($"--min-pass-rate must be between 0 and 1, found {rate.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!(request.TimeoutSeconds > 0) || double.IsInfinity(request.TimeoutSeconds))
        {
            throw new UsageException($"--timeout must be a positive number of seconds, found {request.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        }

        if (request.Parallel < 1)
        {
            throw new UsageException($"--parallel must be at least 1, found {request.Parallel.ToString(CultureInfo.InvariantCulture)}");
        }

        var files = new List<string>();
        foreach (string path in request.Paths)
        {
            try
            {
                files.AddRange(TestCaseLoader.FindCaseFiles(path));
            }
            catch (FileNotFoundException)
            {
                throw new UsageException($"no such file or directory: {path}");
            }
        }

        if (files.Count == 0)
        {
            throw new UsageException($"no test case files (*.json) in {string.Join(", ", request.Paths)}");
        }

        var runner = new TestCaseRunner(new TestRunnerOptions
        {
            Tags = request.Tags,
            CaseTimeout = TimeSpan.FromSeconds(request.TimeoutSeconds),
            MaxParallelism = request.Parallel,
            Durable = request.Durable,
            Progress = ProgressReporter.For(request.Progress, stderr),
        });
        var summary = await runner.RunFilesAsync(files, cancellationToken);
        ProgressReporter.Finish(request.Progress, stderr);
        if (summary.Results.Count == 0)
        {
            throw new UsageException($"no test case has any of the tags {string.Join(", ", request.Tags)} ({summary.Skipped} cases skipped)");
        }

        foreach (var failure in summary.Failures)
        {
            await stdout.WriteLineAsync($"FAIL {failure.Name}: {failure.Reason}");
        }

        await stdout.WriteLineAsync(summary.SummaryLine);
        if (request.Report is not null)
        {
            WriteReport(request.Report, summary);
        }

        bool ok = request.MinPassRate is { } minimum ? summary.PassRate >= minimum : summary.Failed == 0;
        return ok ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void WriteReport(string path, TestRunSummary summary)
    {
        var builder = new JObjectBuilder(5);
        builder.Set("passed", JNode.From(summary.Passed));
        builder.Set("failed", JNode.From(summary.Failed));
        builder.Set("skipped", JNode.From(summary.Skipped));
        builder.Set("passRate", JNode.From(summary.PassRate));
        builder.Set("cases", new JArray(summary.Results.Select(r => (JNode)r.ToJson())));
        try
        {
            File.WriteAllText(path, builder.Build().ToJson(indented: true) + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot write the report {path}: {ex.Message}");
        }
    }

    private sealed record TestRequest(string[] Paths, string[] Tags, string? Report, double? MinPassRate, double TimeoutSeconds, int Parallel, bool Durable, bool Progress);

    /// <summary>Shows how far a run is on stderr: a counter redrawn in place on a terminal, or with <c>--progress</c> a line
    /// at every tenth of the cases (for logs). Nothing otherwise, so scripted output stays as it was.</summary>
    private static class ProgressReporter
    {
        private static bool Live(TextWriter stderr) => ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;

        public static IProgress<TestRunProgress>? For(bool lines, TextWriter stderr)
        {
            if (lines)
            {
                var gate = new Lock();
                int shown = 0;
                return new Synchronous(p =>
                {
                    lock (gate)
                    {
                        int step = Math.Max(1, p.Total / 10);
                        if (p.Done == p.Total || p.Done >= shown + step)
                        {
                            shown = p.Done;
                            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{p.Done}/{p.Total}] {p.Failed} failed"));
                        }
                    }
                });
            }

            return Live(stderr)
                ? new Synchronous(p => stderr.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{p.Done}/{p.Total}] {p.Failed} failed ")))
                : null;
        }

        public static void Finish(bool lines, TextWriter stderr)
        {
            if (!lines && Live(stderr))
            {
                stderr.Write("\r" + new string(' ', 40) + "\r");
            }
        }

        /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to a thread pool and could lag behind the end).</summary>
        private sealed class Synchronous(Action<TestRunProgress> report) : IProgress<TestRunProgress>
        {
            public void Report(TestRunProgress value) => report(value);
        }
    }
}
