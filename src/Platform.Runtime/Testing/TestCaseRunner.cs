using System.Diagnostics;
using System.Globalization;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Parsing;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Runtime.InMemory;

namespace Platform.Runtime.Testing;

/// <summary>Runs workflow test cases on the in-memory host with virtual time, tasks served by the cases' mocks.</summary>
/// <remarks>
/// A case never crashes a run: an unreadable file, an invalid definition, an unsupported feature, an engine exception or a
/// case past its time budget each make that case fail with the reason. Cases run in parallel.
/// </remarks>
public sealed class TestCaseRunner
{
    private const int MaxShownJson = 200;

    /// <summary>Creates a runner.</summary>
    public TestCaseRunner(TestRunnerOptions? options = null) => Options = options ?? new TestRunnerOptions();

    /// <summary>Gets the options.</summary>
    public TestRunnerOptions Options { get; }

    /// <summary>Runs every case file of a file or directory (see <see cref="TestCaseLoader.FindCaseFiles"/>) that passes the tag filter.</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="fileOrDirectory"/>.</exception>
    public Task<TestRunSummary> RunPathAsync(string fileOrDirectory, CancellationToken cancellationToken = default) =>
        RunFilesAsync(TestCaseLoader.FindCaseFiles(fileOrDirectory), cancellationToken);

    /// <summary>Loads and runs case files; a file that cannot be loaded is a failed case (whatever the tag filter).</summary>
    public async Task<TestRunSummary> RunFilesAsync(IEnumerable<string> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var loaded = new List<(TestCase? Case, TestCaseResult? Broken)>();
        foreach (string file in files)
        {
            try
            {
                loaded.Add((TestCaseLoader.Load(file), null));
            }
            catch (TestCaseFormatException ex)
            {
                loaded.Add((null, new TestCaseResult { Name = file, File = file, Reason = OneLine("invalid test case: " + ex.Message) }));
            }
        }

        int skipped = loaded.Count(l => l.Case is not null && !l.Case.HasAnyTag(Options.Tags));
        var selected = loaded.Where(l => l.Case is null || l.Case.HasAnyTag(Options.Tags)).ToList();
        var results = new TestCaseResult[selected.Count];
        var tally = new Tally(selected.Count, Options.Progress);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, selected.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.MaxParallelism), CancellationToken = cancellationToken },
            async (i, ct) => results[i] = tally.Add(selected[i].Broken ?? await RunAsync(selected[i].Case!, ct)));
        return new TestRunSummary(results, skipped);
    }

    /// <summary>Runs the cases that pass the tag filter, in parallel; results keep the order of <paramref name="cases"/>.</summary>
    public async Task<TestRunSummary> RunAllAsync(IEnumerable<TestCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var all = cases.ToList();
        var selected = all.Where(c => c.HasAnyTag(Options.Tags)).ToList();
        var results = new TestCaseResult[selected.Count];
        var tally = new Tally(selected.Count, Options.Progress);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, selected.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.MaxParallelism), CancellationToken = cancellationToken },
            async (i, ct) => results[i] = tally.Add(await RunAsync(selected[i], ct)));
        return new TestRunSummary(results, all.Count - selected.Count);
    }

    /// <summary>Runs one case (whatever its tags) and compares the result with its expectation.</summary>
    public async Task<TestCaseResult> RunAsync(TestCase testCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        long started = Stopwatch.GetTimestamp();
        var result = new TestCaseResult
        {
            Name = testCase.Name,
            File = testCase.File,
            Tags = testCase.Tags,
            Expected = testCase.Expect.Source,
        };

        var orchestrator = Compile(testCase, out string? compileFailure);
        if (orchestrator is null)
        {
            return result with { Reason = OneLine(compileFailure!), Duration = Stopwatch.GetElapsedTime(started) };
        }

        var dispatcher = new MockTaskDispatcher(testCase.Mocks, Options.Handlers);
        var (execution, runFailure) = await ExecuteAsync(orchestrator, ToExecutionInput(testCase), dispatcher, cancellationToken);
        var duration = Stopwatch.GetElapsedTime(started);
        if (execution is null)
        {
            return result with { Reason = OneLine(runFailure!), Duration = duration };
        }

        var actual = Describe(execution);
        var problems = dispatcher.Problems;
        string? reason = problems.Count > 0
            ? "missing mock: " + string.Join("; ", problems)
            : Compare(testCase.Expect, execution);
        return result with { Passed = reason is null, Reason = reason is null ? null : OneLine(reason), Actual = actual, Duration = duration };
    }

    /// <summary>Returns what an execution produced as a case would write it: status, and output or error and cause.</summary>
    public static JObject Describe(ExecutionResult execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var builder = new JObjectBuilder(3);
        builder.Set("status", JNode.From(ExecutionStatusNames.Of(execution.Status)));
        if (execution.Status == ExecutionStatus.Succeeded)
        {
            builder.Set("output", execution.Output ?? JNode.Null);
        }
        else
        {
            builder.Set("error", execution.Error is null ? JNode.Null : JNode.From(execution.Error));
            builder.Set("cause", execution.Cause is null ? JNode.Null : JNode.From(execution.Cause));
        }

        return builder.Build();
    }

    /// <summary>Compares an execution with an expectation; returns why they differ, or <see langword="null"/> when they match.</summary>
    /// <remarks>The status always; the output when expected (structurally); the error always for FAILED (null matches none);
    /// the cause only when the case gives one.</remarks>
    public static string? Compare(TestExpectation expect, ExecutionResult actual)
    {
        ArgumentNullException.ThrowIfNull(expect);
        ArgumentNullException.ThrowIfNull(actual);
        if (actual.Status != expect.Status)
        {
            string detail = actual.Status == ExecutionStatus.Succeeded
                ? $"output: {Shorten(actual.Output ?? JNode.Null)}"
                : $"error: {Quote(actual.Error)}, cause: {Quote(actual.Cause)}";
            return $"status: expected {ExecutionStatusNames.Of(expect.Status)}, actual {ExecutionStatusNames.Of(actual.Status)} ({detail})";
        }

        if (expect.Output is { } output)
        {
            var actualOutput = actual.Output ?? JNode.Null;
            if (JsonDifference.Find(output, actualOutput) is { } difference)
            {
                string at = difference.Pointer.Length == 0
                    ? string.Empty
                    : $" at {difference.Pointer}: expected {ShortenOrMissing(difference.Expected)}, actual {ShortenOrMissing(difference.Actual)};";
                return $"output differs{at} expected output {Shorten(output)}, actual output {Shorten(actualOutput)}";
            }
        }

        if (expect.ComparesError && !string.Equals(expect.Error, actual.Error, StringComparison.Ordinal))
        {
            return $"error: expected {Quote(expect.Error)}, actual {Quote(actual.Error)} (cause: {Quote(actual.Cause)})";
        }

        if (expect.ComparesCause && !string.Equals(expect.Cause, actual.Cause, StringComparison.Ordinal))
        {
            return $"cause: expected {Quote(expect.Cause)}, actual {Quote(actual.Cause)}";
        }

        return null;
    }

    /// <summary>Returns the execution input of a case: its input, and its context merged into the Context Object.</summary>
    public static ExecutionInput ToExecutionInput(TestCase testCase)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var input = new ExecutionInput { Input = testCase.Input, ContextOverrides = testCase.Context, RecordHistory = false };
        if (testCase.Context?["Execution"] is JObject { } execution && execution["Name"] is JString executionName)
        {
            input = input with { Name = executionName.Value };
        }

        if (testCase.Context?["StateMachine"] is JObject { } machine && machine["Name"] is JString machineName)
        {
            input = input with { StateMachineName = machineName.Value };
        }

        return input;
    }

    private static StateMachineOrchestrator? Compile(TestCase testCase, out string? failure)
    {
        failure = null;
        ParseResult parsed;
        try
        {
            parsed = testCase.Definition is { } definition ? AslParser.Parse(definition) : AslParser.Parse(testCase.DefinitionText ?? string.Empty);
        }
        catch (Exception ex)
        {
            failure = $"the definition could not be validated: {ex.GetType().Name}: {ex.Message}";
            return null;
        }

        if (parsed.Definition is not StateMachineDefinition valid)
        {
            failure = "invalid definition: " + string.Join("; ", parsed.Errors);
            return null;
        }

        try
        {
            return new StateMachineOrchestrator(valid);
        }
        catch (NotSupportedException ex)
        {
            failure = $"unsupported feature: {ex.Message}";
        }
        catch (Exception ex)
        {
            failure = $"the definition could not be compiled: {ex.GetType().Name}: {ex.Message}";
        }

        return null;
    }

    private async Task<(ExecutionResult? Result, string? Failure)> ExecuteAsync(
        StateMachineOrchestrator orchestrator, ExecutionInput input, MockTaskDispatcher dispatcher, CancellationToken cancellationToken)
    {
        // The virtual-time host runs an execution synchronously on the calling thread, so each case gets a thread of its own
        // (LongRunning: a dedicated background thread) that can be abandoned when the case overruns its budget.
        var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var host = new InMemoryHost(dispatcher, new InMemoryHostOptions { VirtualTime = true });
        var run = Task.Factory.StartNew(
            () => Options.Durable ? DurableCaseRun.RunAsync(orchestrator, input, dispatcher, budget.Token) : host.RunAsync(orchestrator, input, budget.Token).AsTask(),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = await Task.WhenAny(run, Task.Delay(Options.CaseTimeout, timeout.Token));
        if (finished != run)
        {
            // Tell the run to stop at its next task, and observe its eventual exception so it is never unobserved.
            await budget.CancelAsync();
            _ = run.ContinueWith(
                t =>
                {
                    _ = t.Exception;
                    budget.Dispose();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            return (null, string.Create(CultureInfo.InvariantCulture, $"timed out: no result after {Options.CaseTimeout.TotalSeconds:0.###} s of wall-clock time (the run was abandoned)"));
        }

        await timeout.CancelAsync();
        budget.Dispose();
        try
        {
            return (await run, null);
        }
        catch (Exception ex)
        {
            return (null, $"the engine threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static string Quote(string? value) => value is null ? "null" : JNode.From(value).ToString();

    private static string ShortenOrMissing(JNode? value) => value is null ? "(absent)" : Shorten(value);

    private static string Shorten(JNode value)
    {
        string text = value.ToString();
        return text.Length <= MaxShownJson ? text : text[..(MaxShownJson - 3)] + "...";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>Counts finished cases for <see cref="TestRunnerOptions.Progress"/>, from the parallel workers.</summary>
    private sealed class Tally(int total, IProgress<TestRunProgress>? progress)
    {
        private int _done;
        private int _failed;

        public TestCaseResult Add(TestCaseResult result)
        {
            if (progress is not null)
            {
                int failed = result.Passed ? Volatile.Read(ref _failed) : Interlocked.Increment(ref _failed);
                progress.Report(new TestRunProgress(Interlocked.Increment(ref _done), total, failed));
            }

            return result;
        }
    }
}
