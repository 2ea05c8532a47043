using Platform.Engine.Execution;

namespace Platform.Engine.Plan;

/// <summary>Runs branches or iterations with a concurrency limit, stopping (and cancelling the rest) on a failure it cannot tolerate.</summary>
/// <remarks>Work that completes synchronously never allocates a task. Work that truly waits reports into a completion queue,
/// so each completion costs O(1) however many iterations are pending; completion order comes from the host, which keeps
/// replays deterministic.</remarks>
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
        Completions? completions = null;
        int pending = 0;
        int next = 0;
        bool stop = false;
        while (true)
        {
            while (!stop && !parent.IsCancellationRequested && next < count && (maxConcurrency <= 0 || pending < maxConcurrency))
            {
                int index = next++;
                var running = start(index, cancellation.Token);
                if (running.IsCompleted)
                {
                    results[index] = await Observe(running, cancellation.Token);
                    stop = stopsAll(results[index]);
                }
                else
                {
                    completions ??= new Completions();
                    completions.Track(index, running, cancellation.Token);
                    pending++;
                }
            }

            if (stop)
            {
                cancellation.Cancel();
            }

            if (pending == 0)
            {
                break;
            }

            foreach (var (i, outcome) in await completions!.NextAsync())
            {
                pending--;
                results[i] = outcome;
                if (!stop && stopsAll(outcome))
                {
                    stop = true;
                }
            }
        }

        for (int i = next; i < count; i++)
        {
            results[i] = BranchOutcome.Abort();
        }

        return results;
    }

    private static async ValueTask<BranchOutcome> Observe(ValueTask<BranchOutcome> running, CancellationToken token)
    {
        try
        {
            return await running;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return BranchOutcome.Abort();
        }
    }

    /// <summary>Collects finished work; the fan-out awaits one signal per batch of completions.</summary>
    private sealed class Completions
    {
        private readonly Lock _lock = new();
        private List<(int Index, BranchOutcome Outcome)> _done = [];
        private TaskCompletionSource? _signal;

        public void Track(int index, ValueTask<BranchOutcome> running, CancellationToken token) => _ = Report(index, running, token);

        public Task<List<(int Index, BranchOutcome Outcome)>> NextAsync()
        {
            lock (_lock)
            {
                if (_done.Count > 0)
                {
                    return Task.FromResult(Take());
                }

                _signal = new TaskCompletionSource();
                return Wait(_signal.Task);
            }
        }

        private async Task<List<(int Index, BranchOutcome Outcome)>> Wait(Task signal)
        {
            await signal;
            lock (_lock)
            {
                return Take();
            }
        }

        private List<(int Index, BranchOutcome Outcome)> Take()
        {
            var taken = _done;
            _done = [];
            return taken;
        }

        private async Task Report(int index, ValueTask<BranchOutcome> running, CancellationToken token)
        {
            var outcome = await Observe(running, token);
            TaskCompletionSource? signal;
            lock (_lock)
            {
                _done.Add((index, outcome));
                signal = _signal;
                _signal = null;
            }

            signal?.TrySetResult();
        }
    }
}
