using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;

namespace Platform.Runtime.InMemory;

/// <summary>Runs Express executions in memory: no persistence, tasks dispatched in-process, real or virtual time.</summary>
public sealed class InMemoryHost(ITaskDispatcher tasks, InMemoryHostOptions? options = null)
{
    private readonly InMemoryHostOptions _options = options ?? new InMemoryHostOptions();

    /// <summary>Gets the options.</summary>
    public InMemoryHostOptions Options => _options;

    /// <summary>Runs one execution to its end. On virtual time the run completes before this method returns.</summary>
    public ValueTask<ExecutionResult> RunAsync(StateMachineOrchestrator orchestrator, ExecutionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        ArgumentNullException.ThrowIfNull(input);
        string instanceId = input.ExecutionArn;
        if (input.MaxHistoryEvents is null)
        {
            input = input with { MaxHistoryEvents = _options.MaxHistoryEvents };
        }

        if (!_options.VirtualTime)
        {
            var context = new InMemoryOrchestrationContext(instanceId, tasks, _options.TimeProvider, null, cancellationToken);
            return orchestrator.RunAsync(context, input, cancellationToken);
        }

        using var scheduler = new VirtualTimeScheduler(_options.VirtualStart);
        var virtualContext = new InMemoryOrchestrationContext(instanceId, tasks, _options.TimeProvider, scheduler, cancellationToken);
        return ValueTask.FromResult(scheduler.Run(() => orchestrator.RunAsync(virtualContext, input, cancellationToken)));
    }
}
