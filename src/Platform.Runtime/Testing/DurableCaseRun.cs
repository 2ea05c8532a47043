using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.InMemory;

namespace Platform.Runtime.Testing;

/// <summary>Runs one test case on the durable host: a fresh journal in a temporary directory, on a virtual clock that jumps
/// to the next durable timer whenever the host is idle, so Waits and back-off take no wall-clock time.</summary>
internal static class DurableCaseRun
{
    public static async Task<ExecutionResult> RunAsync(StateMachineOrchestrator orchestrator, ExecutionInput input, ITaskDispatcher tasks, CancellationToken cancellationToken)
    {
        string directory = Path.Combine(Path.GetTempPath(), "platform-case-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var clock = new ManualClock(new InMemoryHostOptions().VirtualStart);
            var host = new DurableHost(tasks, new DurableHostOptions
            {
                DatabasePath = Path.Combine(directory, "journal.db"),
                TimeProvider = clock,
                FullSync = false,
                TaskTokenKey = new byte[32],
            });
            await using (host)
            {
                host.RegisterStateMachine("case", orchestrator);
                host.Start();
                string id = await host.StartExecutionAsync("case", input);
                var done = host.WaitForCompletionAsync(id, cancellationToken);
                while (!done.IsCompleted)
                {
                    await Task.WhenAny(done, host.WhenIdleAsync());
                    cancellationToken.ThrowIfCancellationRequested();
                    if (done.IsCompleted)
                    {
                        break;
                    }

                    if (host.GetNextTimer() is not { } next)
                    {
                        // Idle, nothing due: the end is being committed, or the execution waits for an event no one sends.
                        await Task.WhenAny(done, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
                        if (!done.IsCompleted)
                        {
                            throw new InvalidOperationException("The execution is stuck: the durable host is idle, no timer is due, and it has not ended.");
                        }

                        break;
                    }

                    clock.SetUtcNow(next);
                    await host.FireDueTimersAsync();
                }

                var ended = await done;
                var status = ended.Status switch
                {
                    DurableStatus.Succeeded => ExecutionStatus.Succeeded,
                    DurableStatus.TimedOut => ExecutionStatus.TimedOut,
                    DurableStatus.Aborted => ExecutionStatus.Aborted,
                    _ => ExecutionStatus.Failed,
                };
                return new ExecutionResult(status, ended.Output, ended.Error, ended.Cause, []);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A temporary directory left behind is harmless.
            }
        }
    }
}
