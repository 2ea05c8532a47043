using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Xunit.Abstractions;

namespace Platform.Runtime.Tests.Durable;

/// <summary>The crash test: a durable host in a child process (tests/Platform.Runtime.CrashHost) runs executions that mix
/// Tasks, Waits, Choice, Retry, Map, Parallel and callbacks on a journal with FullSync, and is killed with SIGKILL at random
/// moments and restarted several times. Every execution must then end exactly once, with the right output and the same ASL
/// history as an uninterrupted run of the same executions; tasks run at least once and never after their result was committed;
/// each callback token is answered once.</summary>
/// <remarks>The only real waits are the random delays before each kill (and the child's real-time Wait states); everything
/// else waits on the child process with generous limits. Takes about 15–25 s.</remarks>
public sealed partial class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Executions = 24;
    private const int Seed = 2; // six kills, spread from 250 ms to 1.5 s after each start
    private static readonly TimeSpan FinishLimit = TimeSpan.FromSeconds(45);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "durable-crash-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Killed_and_restarted_host_ends_every_execution_once_with_the_history_of_an_uninterrupted_run()
    {
        var clock = Stopwatch.StartNew();
        string reference = Path.Combine(_root, "reference");
        string crashed = Path.Combine(_root, "crashed");

        // The uninterrupted run goes on beside the killed one: its timing does not matter, only its histories.
        var referenceRun = RunToEndAsync(reference);
        // CRASH_TEST_SEED explores other kill schedules; CI runs the fixed one.
        int seed = int.TryParse(Environment.GetEnvironmentVariable("CRASH_TEST_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int chosen) ? chosen : Seed;
        var random = new Random(seed);
        int kills = random.Next(4, 7);
        var delays = new List<int>();
        for (int kill = 0; kill < kills; kill++)
        {
            using var child = Launch(crashed, exitWhenDone: false);
            int delay = random.Next(100, 1501);
            try
            {
                // The delay counts from when the host runs (not from the process start, which takes a while), so that kills
                // land while executions start, tasks run, timers fire and callbacks are answered.
                await child.Ready.Task.WaitAsync(FinishLimit);
                await Task.Delay(delay);
                delays.Add(delay);
                child.Process.HasExited.Should().BeFalse($"the host must keep running until it is killed (exit code {ExitCode(child)}); {child.Describe()}");
            }
            finally
            {
                Kill(child); // also when the test fails, so no child outlives it
                await child.Process.WaitForExitAsync().WaitAsync(FinishLimit);
            }
        }

        await RunToEndAsync(crashed);
        await referenceRun;
        output.WriteLine($"seed {seed}: {kills} kills ({string.Join(", ", delays)} ms after the host ran), both runs ended after {clock.Elapsed.TotalSeconds:F1} s");

        var crashLog = ReadLog(crashed);
        var referenceLog = ReadLog(reference);
        await using var crashHost = OpenJournal(crashed);
        await using var referenceHost = OpenJournal(reference);
        string finalLife = crashLog.Last(l => l[0] == "life")[1];
        crashLog.Count(l => l[0] == "life").Should().Be(kills + 1);
        crashLog.Should().NotContain(l => l[0] == "error", "no callback may be refused as invalid");

        Instances(crashHost).Should().BeEquivalentTo(Enumerable.Range(0, Executions).Select(Id), "no execution is lost or duplicated");
        Instances(referenceHost).Should().BeEquivalentTo(Enumerable.Range(0, Executions).Select(Id));
        Count(crashHost, "SELECT COUNT(*) FROM work_items").Should().Be(0, "ended executions leave no work behind");
        Count(crashHost, "SELECT COUNT(*) FROM timers").Should().Be(0, "ended executions leave no timers behind");

        int reruns = 0;
        for (int i = 0; i < Executions; i++)
        {
            string id = Id(i);
            var execution = crashHost.GetExecution(id)!;
            execution.Status.Should().Be(DurableStatus.Succeeded, $"{id}: {execution.Error}: {execution.Cause}");
            execution.Output.Should().Be(ExpectedOutput(i), $"{id}'s output was {execution.Output}");
            referenceHost.GetExecution(id)!.Output.Should().Be(ExpectedOutput(i));

            var history = crashHost.Journal.LoadHistory(id, 0)!.Events;
            history.Count(e => e.Kind == HistoryKinds.ExecutionStarted).Should().Be(1, $"{id} started once");
            history.Count(e => e.Kind == HistoryKinds.ExecutionCompleted).Should().Be(1, $"{id} ended once");
            history[^1].Kind.Should().Be(HistoryKinds.ExecutionCompleted, $"nothing is recorded in {id} after its end");
            reruns += CheckTasks(id, history, crashLog, finalLife);
            CheckTasks(id, referenceHost.Journal.LoadHistory(id, 0)!.Events, referenceLog, referenceLog.Last(l => l[0] == "life")[1])
                .Should().Be(0, "nothing reruns without a crash");
            CheckCallbacks(id, history, crashLog, expected: i % 3 == 2 ? 0 : 1);

            var crashedHistory = Normalize(crashHost.GetHistory(id));
            var referenceHistory = Normalize(referenceHost.GetHistory(id));
            referenceHistory.Should().HaveCountGreaterThan(10).And.Contain(e => e.Contains("\"ExecutionSucceeded\"", StringComparison.Ordinal));
            if (i % 3 == 1)
            {
                // FanOut's Parallel and Map branches interleave as they finish: compare the events as a multiset.
                crashedHistory.Should().BeEquivalentTo(referenceHistory, $"{id}'s ASL history");
            }
            else
            {
                crashedHistory.Should().Equal(referenceHistory, $"{id}'s ASL history, in order");
            }
        }

        output.WriteLine($"{crashLog.Count(l => l[0] == "invoke")} task runs, {reruns} of them again after a kill; "
            + $"{crashLog.Count(l => l[0] == "accepted")} callbacks accepted; {clock.Elapsed.TotalSeconds:F1} s in all");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }

    private static string Id(int index) => "e" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The expected output of <c>e{i}</c>, computed from the state machines' definitions (see the CrashHost's Workload).</summary>
    private static JNode ExpectedOutput(int i)
    {
        string json = (i % 3) switch
        {
            0 => $$$"""{"n":{{{i}}},"doubled":{{{2 * i}}},"size":"{{{(2 * i >= 10 ? "big" : "small")}}}","plus":{{{(2 * i) + 10}}},"approval":{"approved":true,"value":{{{3 * ((2 * i) + 10)}}}}}""",
            1 => $$$"""{"n":{{{i}}},"items":[{{{i}}},{{{i + 1}}},{{{i + 2}}}],"results":[{{{i * i}}},[{{{i + 1}}},{{{i + 2}}},{{{i + 3}}}],{"approved":true,"value":{{{3 * i}}}}],"total":{{{(i * i) + (3 * i) + 6 + (3 * i)}}}}""",
            _ => $$"""{"n":{{i}},"count":4}""",
        };
        return JNode.Parse(json);
    }

    /// <summary>Checks the execution's tasks against the invocation log; returns how many runs were repeats.</summary>
    private static int CheckTasks(string id, IReadOnlyList<JournalEvent> history, List<string[]> log, string finalLife)
    {
        var scheduled = history.Where(e => e.Kind == HistoryKinds.TaskScheduled).Select(e => e.Sequence).ToList();
        var completed = history.Where(e => e.Kind == HistoryKinds.TaskCompleted).ToDictionary(e => e.Sequence);
        completed.Keys.Should().BeEquivalentTo(scheduled, $"every task of {id} completed once");
        var runs = log.Where(l => l[0] == "invoke" && l[2] == id).GroupBy(l => l[3]).ToDictionary(g => g.Key, g => g.ToList());
        runs.Keys.Should().BeEquivalentTo(scheduled.Select(s => $"{id}:{s}"), $"only scheduled tasks of {id} run");
        int repeats = 0;
        foreach (var (sequence, done) in completed)
        {
            var activity = runs[$"{id}:{sequence}"];
            activity.Select(l => l[1]).Should().OnlyHaveUniqueItems($"{id}:{sequence} runs at most once per process life");
            activity.SkipLast(1).Should().NotContain(l => l[1] == finalLife, $"{id}:{sequence} runs again only after a kill");
            long lastStart = activity.Max(l => long.Parse(l[6], CultureInfo.InvariantCulture));
            lastStart.Should().BeLessThanOrEqualTo(done.Timestamp.Ticks, $"{id}:{sequence} never runs after its result was committed");
            repeats += activity.Count - 1;
        }

        return repeats;
    }

    /// <summary>Each token the callback resource got is answered exactly once in the journal (one EventRaised for its wait).</summary>
    private static void CheckCallbacks(string id, IReadOnlyList<JournalEvent> history, List<string[]> log, int expected)
    {
        var tokens = log.Where(l => l[0] == "token" && l[2] == id).Select(l => l[5]).Distinct().ToList();
        tokens.Should().HaveCount(expected, $"{id} issues one token per callback (a rerun of the resource gets the same token)");
        history.Count(e => e.Kind == HistoryKinds.EventRaised).Should().Be(expected, $"{id}'s callbacks are answered once each");
        foreach (string token in tokens)
        {
            string waitId = WaitIdOf(token);
            history.Should().ContainSingle(e => e.Kind == HistoryKinds.EventRaised && e.Name == waitId, $"{id}'s token is answered once");
            log.Count(l => l[0] == "accepted" && l[2] == token).Should().BeLessThanOrEqualTo(1, "a token is accepted at most once");
        }
    }

    private static string WaitIdOf(string token)
    {
        // v1.<base64url(execution id 0x1F wait id 0x1F expiry)>.<signature>
        string body = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[1]));
        return body.Split('\u001f')[1];
    }

    /// <summary>The ASL history without what legitimately differs between runs: timestamps (real clock), event ids and
    /// previous-event ids (branches interleave), and task tokens (they carry an expiry and a per-journal signature).</summary>
    private static List<string> Normalize(JArray? history)
    {
        history.Should().NotBeNull("an ended execution keeps its ASL history");
        return [.. history!.Select(e =>
        {
            var o = ((JObject)e).Without("timestamp").Without("id").Without("previousEventId");
            return Token().Replace(o.ToJson(), "<token>");
        })];
    }

    [GeneratedRegex(@"v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    private static partial Regex Token();

    private static List<string> Instances(DurableHost host)
    {
        using var connection = host.Journal.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM instances";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static long Count(DurableHost host, string sql)
    {
        using var connection = host.Journal.Open();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Opens the journal to read it (not started: nothing runs).</summary>
    private static DurableHost OpenJournal(string directory) =>
        new(new TaskHandlerRegistry(), new DurableHostOptions { DatabasePath = Path.Combine(directory, "journal.db"), FullSync = false });

    private static List<string[]> ReadLog(string directory)
    {
        // Complete lines only: a kill may have cut the last one.
        string text = File.ReadAllText(Path.Combine(directory, "events.log"));
        int end = text.LastIndexOf('\n');
        return end < 0 ? [] : [.. text[..end].Split('\n').Where(l => l.Length > 0).Select(l => l.Split('\t'))];
    }

    /// <summary>SIGKILL on Linux: the host gets no chance to flush or dispose anything.</summary>
    private static void Kill(Child child)
    {
        try
        {
            child.Process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }

    private static string ExitCode(Child child) => child.Process.HasExited ? child.Process.ExitCode.ToString(CultureInfo.InvariantCulture) : "running";

    private async Task RunToEndAsync(string directory)
    {
        using var child = Launch(directory, exitWhenDone: true);
        try
        {
            await child.Process.WaitForExitAsync().WaitAsync(FinishLimit);
        }
        catch (TimeoutException)
        {
            Kill(child);
            await child.Process.WaitForExitAsync();
            throw new TimeoutException($"The crash host did not end its executions within {FinishLimit.TotalSeconds} s: some are stuck. {child.Describe()}");
        }

        child.Process.WaitForExit(); // drains the redirected output
        child.Process.ExitCode.Should().Be(0, child.Describe());
        child.Output.ToString().Should().Contain("ALL-ENDED", child.Describe());
        output.WriteLine($"{Path.GetFileName(directory)}: {child.Output.ToString().Trim()}");
    }

    private static Child Launch(string directory, bool exitWhenDone)
    {
        string program = Path.Combine(AppContext.BaseDirectory, "Platform.Runtime.CrashHost.dll");
        File.Exists(program).Should().BeTrue($"the crash host is built next to the tests ({program})");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { program, "start", directory, Executions.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (exitWhenDone)
        {
            start.ArgumentList.Add("--exit-when-done");
        }

        var child = new Child(new Process { StartInfo = start });
        child.Process.OutputDataReceived += (_, e) =>
        {
            Child.Append(child.Output, e.Data);
            if (e.Data == "READY")
            {
                child.Ready.TrySetResult();
            }
        };
        child.Process.Exited += (_, _) => child.Ready.TrySetException(new InvalidOperationException($"The crash host exited before it ran: {child.Describe()}"));
        child.Process.EnableRaisingEvents = true;
        child.Process.ErrorDataReceived += (_, e) => Child.Append(child.Error, e.Data);
        child.Process.Start().Should().BeTrue("the crash host must start");
        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();
        return child;
    }

    private sealed class Child(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public StringBuilder Output { get; } = new();

        public StringBuilder Error { get; } = new();

        /// <summary>Completes when the child's host runs (it printed READY); fails if it exits first.</summary>
        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static void Append(StringBuilder to, string? line)
        {
            if (line is not null)
            {
                lock (to)
                {
                    to.AppendLine(line);
                }
            }
        }

        public string Describe()
        {
            lock (Output)
            {
                lock (Error)
                {
                    return $"stdout: {Output} stderr: {Error}";
                }
            }
        }

        public void Dispose() => Process.Dispose();
    }
}
