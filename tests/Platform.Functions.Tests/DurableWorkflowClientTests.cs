using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;
using Platform.Asl.Json;
using Platform.Engine.Orchestration;
using Platform.Functions.Durable;

namespace Platform.Functions.Tests;

public sealed class DurableWorkflowClientTests
{
    private readonly Mock<DurableTaskClient> _durable = new("test");

    [Fact]
    public async Task ScheduleNewAsync_PassesWireTextAndTheInstanceId()
    {
        _durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("id-1");

        string id = await new DurableWorkflowClient(_durable.Object).ScheduleNewAsync("asl-execution", JNode.Parse("""{"a":1}"""), "id-1");

        id.Should().Be("id-1");
        _durable.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.Is<TaskName>(n => n.Name == "asl-execution"), """{"a":1}""", It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == "id-1"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task GetInstanceAsync_MapsMetadataAndFailureDetails()
    {
        _durable.Setup(c => c.GetInstanceAsync("id-1", true, It.IsAny<CancellationToken>())).ReturnsAsync(new OrchestrationMetadata("asl-execution", "id-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            FailureDetails = new TaskFailureDetails("System.InvalidOperationException", "boom", null, null, null),
        });

        var instance = await new DurableWorkflowClient(_durable.Object).GetInstanceAsync("id-1", getInputsAndOutputs: true);

        instance!.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Failed);
        (instance.FailureErrorType, instance.FailureErrorMessage).Should().Be(("System.InvalidOperationException", "boom"));
    }

    [Fact]
    public async Task PurgeAllAsync_PassesCutoffStatusesAndTimeout()
    {
        PurgeInstancesFilter? seen = null;
        _durable.Setup(c => c.PurgeAllInstancesAsync(It.IsAny<PurgeInstancesFilter>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<PurgeInstancesFilter, PurgeInstanceOptions?, CancellationToken>((f, _, _) => seen = f)
            .ReturnsAsync(new PurgeResult(3, true));
        var cutoff = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

        var result = await new DurableWorkflowClient(_durable.Object).PurgeAllAsync(cutoff, HistoryPurge.EndedStatuses, TimeSpan.FromSeconds(30));

        result.Should().Be(new WorkflowPurgeResult(3, true));
        seen!.CreatedTo.Should().Be(cutoff);
        seen.Statuses.Should().BeEquivalentTo([OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]);
        seen.Timeout.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ListInstancesAsync_QueriesByPrefixStatusesAndPageAndMapsTheFirstPage()
    {
        OrchestrationQuery? seen = null;
        var page = new Page<OrchestrationMetadata>(
            [new OrchestrationMetadata("asl-execution", "arn:x:run-1") { RuntimeStatus = OrchestrationRuntimeStatus.Running, SerializedCustomStatus = "\"{\\\"lastEventId\\\":3}\"" }], "next-2");
        var pageable = new Mock<AsyncPageable<OrchestrationMetadata>>();
        pageable.Setup(p => p.AsPages("token-1", 10)).Returns(new[] { page }.ToAsyncEnumerable());
        _durable.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>())).Callback<OrchestrationQuery?>(q => seen = q).Returns(pageable.Object);

        var result = await new DurableWorkflowClient(_durable.Object).ListInstancesAsync("arn:x:", [WorkflowRuntimeStatus.Running], 10, "token-1");

        (seen!.InstanceIdPrefix, seen.PageSize, seen.FetchInputsAndOutputs, seen.ContinuationToken).Should().Be(("arn:x:", 10, true, "token-1"));
        seen.Statuses.Should().Equal(OrchestrationRuntimeStatus.Running);
        result.ContinuationToken.Should().Be("next-2");
        var instance = result.Instances.Should().ContainSingle().Subject;
        (instance.InstanceId, instance.RuntimeStatus, instance.CustomStatus).Should().Be(("arn:x:run-1", WorkflowRuntimeStatus.Running, """{"lastEventId":3}"""));
    }
}
