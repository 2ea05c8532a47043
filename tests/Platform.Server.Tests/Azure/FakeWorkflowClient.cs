using Platform.Engine.Orchestration;

namespace Platform.Server.Tests.Azure;

/// <summary>An in-memory client port that records what a host adapter would send to Durable's client.</summary>
internal sealed class FakeWorkflowClient : WorkflowClient
{
    public Dictionary<string, WorkflowInstance> Instances { get; } = new(StringComparer.Ordinal);

    public List<(string InstanceId, string EventName, string Payload)> Raised { get; } = [];

    public List<(string InstanceId, string Output)> Terminated { get; } = [];

    public override Task<string> ScheduleNewAsync(string orchestratorName, object? input, string? instanceId, CancellationToken cancellationToken = default)
    {
        string id = instanceId ?? Guid.NewGuid().ToString("N");
        Instances.Add(id, new WorkflowInstance(id, orchestratorName, WorkflowRuntimeStatus.Pending, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, OrchestrationWire.Write(input), null, null, null));
        return Task.FromResult(id);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken = default)
    {
        Raised.Add((instanceId, eventName, OrchestrationWire.Write(payload)));
        return Task.CompletedTask;
    }

    public override Task<WorkflowInstance?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs, CancellationToken cancellationToken = default) =>
        Task.FromResult(Instances.TryGetValue(instanceId, out var instance)
            ? getInputsAndOutputs ? instance : instance with { Input = null, Output = null }
            : null);

    /// <summary>The last ListInstancesAsync query: prefix, statuses, page size, token.</summary>
    public (string Prefix, IReadOnlyList<WorkflowRuntimeStatus>? Statuses, int PageSize, string? Token)? LastQuery { get; private set; }

    /// <summary>Pages by position in id order; the token is the index of the page's first instance.</summary>
    public override Task<WorkflowInstancePage> ListInstancesAsync(
        string instanceIdPrefix, IReadOnlyList<WorkflowRuntimeStatus>? statuses, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        LastQuery = (instanceIdPrefix, statuses, pageSize, continuationToken);
        var matching = Instances.Values
            .Where(i => i.InstanceId.StartsWith(instanceIdPrefix, StringComparison.Ordinal) && (statuses is null || statuses.Contains(i.RuntimeStatus)))
            .OrderBy(i => i.InstanceId, StringComparer.Ordinal).ToList();
        int from = continuationToken is null ? 0 : int.Parse(continuationToken, System.Globalization.CultureInfo.InvariantCulture);
        var page = matching.Skip(from).Take(pageSize).ToList();
        string? next = from + pageSize < matching.Count ? (from + pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new WorkflowInstancePage(page, next));
    }

    public override Task TerminateAsync(string instanceId, object? output, CancellationToken cancellationToken = default)
    {
        Terminated.Add((instanceId, OrchestrationWire.Write(output)));
        Instances[instanceId] = Instances[instanceId] with { RuntimeStatus = WorkflowRuntimeStatus.Terminated };
        return Task.CompletedTask;
    }

    public override Task<WorkflowPurgeResult> PurgeAllAsync(DateTimeOffset createdTo, IReadOnlyList<WorkflowRuntimeStatus> statuses, TimeSpan? timeout, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
