using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Engine.Execution;
using Platform.Engine.Plan.Jsonata;

namespace Platform.Engine.Plan;

/// <summary>The Retry and Catch loop shared by Task, Parallel and Map: an attempt, then retriers, then catchers.</summary>
/// <remarks>Each retrier's counter lives for one execution of the state (the spec's A, B, C, B example); the back-off is a
/// durable timer, and jitter draws from the replay-safe GUID source, so retries replay exactly.</remarks>
internal abstract class RetryingNode : StateNode
{
    private readonly Retrier[] _retriers;
    private readonly CatchTarget[] _catchers;

    protected RetryingNode(StateDefinition state, IRetryableState retryable, string? resultPath, JNode? resultSelector)
        : base(state)
    {
        _retriers = [.. retryable.Retry];
        bool jsonata = state.QueryLanguage == QueryLanguage.JSONata;
        _catchers = [.. retryable.Catch.Select((c, i) => new CatchTarget(
            c,
            DataPath.Compile(jsonata ? "$" : c.ResultPath),
            c.Assign is null || jsonata ? null : Template.Compile(c.Assign),
            jsonata ? JsonataTemplate.Compile(c.Output, $"Catch[{i}]/Output") : null,
            jsonata ? JsonataTemplate.Compile(c.Assign, $"Catch[{i}]/Assign") : null))];
        ResultPath = DataPath.Compile(resultPath);
        ResultSelector = Template.Compile(resultSelector);
    }

    public override bool Retriable => true;

    protected DataPath ResultPath { get; }

    protected Template? ResultSelector { get; }

    public override void Link(IReadOnlyDictionary<string, StateNode> states)
    {
        base.Link(states);
        foreach (var target in _catchers)
        {
            target.Next = states[target.Catcher.Next];
        }
    }

    public override async ValueTask<StepResult> ExecuteAsync(JNode input, BranchRun run)
    {
        int[]? counters = null;
        int attempt = 0;
        var context = run.Execution.Context;
        int redrives = context.RedriveCount;
        while (true)
        {
            run.SetRetryCount(attempt);
            StepResult result;
            bool redriven = false;

            // A Task attempt still unfinished when a redrive arrives (it was failing, or stopped with the execution) starts again.
            var redrive = RestartsOnRedrive ? context.RedriveToken : CancellationToken.None;
            using (var attemptCancellation = redrive.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation, redrive) : null)
            {
                var branchCancellation = attemptCancellation is null ? run.Cancellation : run.UseCancellation(attemptCancellation.Token);
                try
                {
                    var pending = AttemptAsync(input, run, attempt);
                    result = pending.IsCompletedSuccessfully ? pending.Result : await pending;
                }
                catch (StatesException ex)
                {
                    result = Failure(run, ex);
                }
                catch (OperationCanceledException) when (redrive.IsCancellationRequested && !branchCancellation.IsCancellationRequested)
                {
                    result = default;
                    redriven = true;
                }
                finally
                {
                    if (attemptCancellation is not null)
                    {
                        run.UseCancellation(branchCancellation);
                    }
                }
            }

            if (redriven)
            {
                // Redriven mid-attempt: AWS resets the retry count of a state that a redrive runs again, so it gets MaxAttempts anew.
                (counters, attempt, redrives) = (null, 0, context.RedriveCount);
                continue;
            }

            if (!result.Failed)
            {
                return result;
            }

            run.Cancellation.ThrowIfCancellationRequested();
            if (context.RedriveCount != redrives)
            {
                // The execution was redriven while this state ran (a Parallel or Map whose branch failed again): retries start afresh.
                (counters, attempt, redrives) = (null, 0, context.RedriveCount);
            }

            int r = FindRetrier(result.Error);
            if (r >= 0)
            {
                counters ??= new int[_retriers.Length];
                var retrier = _retriers[r];
                if (counters[r] < retrier.MaxAttempts)
                {
                    double random = retrier.JitterStrategy == JitterStrategy.Full ? Random01(run.NewGuid()) : 0;
                    double delay = RetryBackoff.DelaySeconds(retrier, counters[r], random);
                    counters[r]++;
                    attempt++;
                    var fireAt = Deadline(run.Now, delay);
                    if (fireAt > run.Now && !await BackOffAsync(run, fireAt))
                    {
                        // Redriven during the back-off (the execution was stopped or timed out meanwhile): retry now, counted afresh.
                        (counters, attempt, redrives) = (null, 0, context.RedriveCount);
                    }

                    continue;
                }
            }

            foreach (var target in _catchers)
            {
                if (ErrorMatcher.Matches(target.Catcher.ErrorEquals, result.Error))
                {
                    return IsJsonata ? CatchJsonata(run, input, target, result.Error, result.Cause) : Catch(run, input, target, result.Error, result.Cause);
                }
            }

            return result;
        }
    }

    /// <summary>Gets a value indicating whether an attempt that is still unfinished when the execution is redriven starts again
    /// (Task states); Parallel and Map go on, and their unfinished branches restart inside them.</summary>
    protected virtual bool RestartsOnRedrive => false;

    /// <summary>Waits out a retry's back-off; false when a redrive cut it short.</summary>
    private static async ValueTask<bool> BackOffAsync(BranchRun run, DateTime fireAt)
    {
        var context = run.Execution.Context;
        var redrive = context.RedriveToken;
        if (!redrive.CanBeCanceled)
        {
            await context.CreateTimer(fireAt, run.Cancellation);
            return true;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation, redrive);
        try
        {
            await context.CreateTimer(fireAt, waiting.Token);
            return true;
        }
        catch (OperationCanceledException) when (redrive.IsCancellationRequested && !run.Cancellation.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>One attempt: the state's data flow and its work. Failures are returned as values.</summary>
    protected abstract ValueTask<StepResult> AttemptAsync(JNode input, BranchRun run, int attempt);

    /// <summary>ResultSelector → ResultPath → OutputPath → Assign, the common tail of a successful attempt.</summary>
    protected StepResult Complete(BranchRun run, JNode input, JNode result)
    {
        if (IsJsonata)
        {
            return FinishJsonata(run, Next, input, result, JsonataOutput, JsonataAssign, result: result);
        }

        var selected = ResultSelector is null ? result : ResultSelector.Evaluate(run, result);
        var output = OutputPath.Select(run, ResultPath.Apply(input, selected));
        CheckSize(run, output);
        var assigned = EvaluateAssign(Assign, run, result);
        ApplyAssign(run, assigned);
        return StepResult.Continue(Next, output, assigned);
    }

    /// <summary>A uniform value in [0, 1) from a GUID's random bits.</summary>
    /// <remarks>Bytes 7 and 8 carry the version and variant nibbles, which are fixed; bytes 10 to 15 and 0 to 1 are random in
    /// v4 and v5 GUIDs alike, giving the 53 bits a double needs.</remarks>
    public static double Random01(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes);
        ulong bits = 0;
        foreach (int i in (ReadOnlySpan<int>)[10, 11, 12, 13, 14, 15, 0])
        {
            bits = (bits << 8) | bytes[i];
        }

        return (bits >> 3) * (1.0 / (1UL << 53));
    }

    private int FindRetrier(string? error)
    {
        for (int i = 0; i < _retriers.Length; i++)
        {
            if (ErrorMatcher.Matches(_retriers[i].ErrorEquals, error))
            {
                return i;
            }
        }

        return -1;
    }

    private static StepResult Catch(BranchRun run, JNode input, CatchTarget target, string? error, string? cause)
    {
        var errorOutput = ErrorOutput(error, cause);
        try
        {
            var output = target.ResultPath.Apply(input, errorOutput);
            CheckSize(run, output);
            var assigned = EvaluateAssign(target.Assign, run, errorOutput);
            ApplyAssign(run, assigned);
            return StepResult.Continue(target.Next, output, assigned);
        }
        catch (StatesException ex)
        {
            return Failure(run, ex);
        }
    }

    private static StepResult CatchJsonata(BranchRun run, JNode input, CatchTarget target, string? error, string? cause)
    {
        var errorOutput = ErrorOutput(error, cause);
        try
        {
            // The matched catcher's Output and Assign replace the state's; without Output the state's output is the error output.
            return FinishJsonata(run, target.Next, input, errorOutput, target.JsonataOutput, target.JsonataAssign, errorOutput: errorOutput);
        }
        catch (StatesException ex)
        {
            return Failure(run, ex);
        }
    }

    private static JObject ErrorOutput(string? error, string? cause) => new(
        ["Error", "Cause"],
        [error is null ? JNode.Null : JNode.From(error), JNode.From(cause ?? string.Empty)]);

    private sealed class CatchTarget(Catcher catcher, DataPath resultPath, Template? assign, JsonataTemplate? jsonataOutput, JsonataTemplate? jsonataAssign)
    {
        public JsonataTemplate? JsonataOutput { get; } = jsonataOutput;

        public JsonataTemplate? JsonataAssign { get; } = jsonataAssign;

        public Catcher Catcher { get; } = catcher;

        public DataPath ResultPath { get; } = resultPath;

        public Template? Assign { get; } = assign;

        public StateNode? Next { get; set; }
    }
}
