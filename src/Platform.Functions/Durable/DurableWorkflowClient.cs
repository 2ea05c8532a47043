using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Platform.Engine.Orchestration;

namespace Platform.Functions.Durable;

/// <summary>The client port over Durable Task's <see cref="DurableTaskClient"/>: one call per member.</summary>
/// <param name="client">Durable's client (from <c>[DurableClient]</c>).</param>
internal sealed class DurableWorkflowClient(DurableTaskClient client) : WorkflowClient
{
    /// <inheritdoc />
    public override Task<string> ScheduleNewAsync(string orchestratorName, object? input, string? instanceId, CancellationToken cancellationToken = default) =>
        client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, OrchestrationWire.Write(input), new StartOrchestrationOptions(instanceId), cancellationToken);

    /// <inheritdoc />
    public override Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(instanceId, eventName, OrchestrationWire.Write(payload), cancellationToken);

    /// <inheritdoc />
    public override async Task<WorkflowInstance?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs, CancellationToken cancellationToken = default) =>
        await client.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken) is { } m ? Instance(m, getInputsAndOutputs) : null;

    /// <inheritdoc />
    public override async Task<WorkflowInstancePage> ListInstancesAsync(
        string instanceIdPrefix, IReadOnlyList<WorkflowRuntimeStatus>? statuses, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var query = new OrchestrationQuery(
            Statuses: statuses?.Select(s => Enum.Parse<OrchestrationRuntimeStatus>(s.ToString())).ToList(), InstanceIdPrefix: instanceIdPrefix,
            PageSize: pageSize, FetchInputsAndOutputs: true, ContinuationToken: continuationToken);
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(continuationToken, pageSize).WithCancellation(cancellationToken))
        {
            return new WorkflowInstancePage([.. page.Values.Select(m => Instance(m, query.FetchInputsAndOutputs))], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new WorkflowInstancePage([], null);
    }

    /// <summary>Maps Durable's metadata. Its <c>Read*As</c> methods throw unless the metadata was fetched with inputs and
    /// outputs (only then does the client give it a <c>DataConverter</c>), so they are called only then; and a Failed
    /// instance's output is the host's failure text, not JSON (its failure is in <c>FailureDetails</c>), so it is not read.</summary>
    private static WorkflowInstance Instance(OrchestrationMetadata m, bool withInputsAndOutputs) => new(
        m.InstanceId, m.Name, Enum.Parse<WorkflowRuntimeStatus>(m.RuntimeStatus.ToString()), m.CreatedAt, m.LastUpdatedAt,
        withInputsAndOutputs && m.SerializedInput is not null ? m.ReadInputAs<string>() : null,
        withInputsAndOutputs && m.SerializedOutput is not null && m.RuntimeStatus != OrchestrationRuntimeStatus.Failed ? m.ReadOutputAs<string>() : null,
        m.FailureDetails?.ErrorType, m.FailureDetails?.ErrorMessage)
    {
        CustomStatus = withInputsAndOutputs && m.SerializedCustomStatus is not null ? m.ReadCustomStatusAs<string>() : null,
    };

    /// <inheritdoc />
    public override Task TerminateAsync(string instanceId, object? output, CancellationToken cancellationToken = default) =>
        client.TerminateInstanceAsync(instanceId, OrchestrationWire.Write(output), cancellationToken);

    /// <inheritdoc />
    public override async Task<WorkflowPurgeResult> PurgeAllAsync(
        DateTimeOffset createdTo, IReadOnlyList<WorkflowRuntimeStatus> statuses, TimeSpan? timeout, CancellationToken cancellationToken = default)
    {
        var filter = new PurgeInstancesFilter(CreatedTo: createdTo, Statuses: [.. statuses.Select(s => Enum.Parse<OrchestrationRuntimeStatus>(s.ToString()))]) { Timeout = timeout };
        var result = await client.PurgeAllInstancesAsync(filter, null, cancellationToken);
        return new WorkflowPurgeResult(result.PurgedInstanceCount, result.IsComplete);
    }
}
