using Platform.Engine.Execution;

namespace Platform.Engine.Plan;

/// <summary>Runs branches or iterations with a concurrency limit, stopping (and cancelling the rest) on a failure it cannot tolerate.</summary>
/// <remarks>Work that completes synchronously never allocates a task; only work that truly waits is tracked with Task.WhenAny,
/// which is deterministic under replay because completion order comes from the host.</remarks>
internal static class FanOut
{
    public static async ValueTask<BranchOutcome[]> RunAsync(
        int count,
        int maxConcurrency,
        Func<int, CancellationToken, ValueTask<BranchOutcome>> start,
        Func<BranchOutcome, bool> stopsAll,
        CancellationToken parent)
    {
        var results = new BranchOutcome[count];
        if (count == 0)
        {
            return results;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(parent);
        List<Task<(int Index, BranchOutcome Outcome)>>? pending = null;
        int next = 0;
        bool stop = false;
        while (true)
        {
            while (!stop && next < count && (maxConcurrency <= 0 || (pending?.Count ?? 0) < maxConcurrency))
            {
                int index = next++;
                var running = start(index, cancellation.Token);
                if (running.IsCompleted)
                {
                    results[index] = await Observe(running);
                    stop = stopsAll(results[index]);
                }
                else
                {
                    (pending ??= []).Add(Track(index, running));
                }
            }

            if (stop)
            {
                cancellation.Cancel();
            }

            if (pending is null || pending.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            var (i, outcome) = await done;
            results[i] = outcome;
            if (!stop && stopsAll(outcome))
            {
                stop = true;
            }
        }

        for (int i = next; i < count; i++)
        {
            results[i] = BranchOutcome.Abort();
        }

        return results;
    }

    private static async ValueTask<BranchOutcome> Observe(ValueTask<BranchOutcome> running)
    {
        try
        {
            return await running;
        }
        catch (OperationCanceledException)
        {
            return BranchOutcome.Abort();
        }
    }

    private static async Task<(int, BranchOutcome)> Track(int index, ValueTask<BranchOutcome> running) => (index, await Observe(running));
}
