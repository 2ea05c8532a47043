using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
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
    public async Task GetInstanceAsync_MapsMetadataAndFailureDetails_WithoutReadingAFailedInstancesOutput()
    {
        // Durable's client gives the metadata a DataConverter when inputs and outputs were fetched; a failed orchestration's
        // output is the host's failure text, which is not JSON.
        _durable.Setup(c => c.GetInstanceAsync("id-1", true, It.IsAny<CancellationToken>())).ReturnsAsync(new OrchestrationMetadata("asl-execution", "id-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            DataConverter = JsonDataConverter.Default,
            SerializedInput = "\"{\\\"a\\\":1}\"",
            SerializedOutput = "System.InvalidOperationException: boom\n   at Orchestrator.Run()",
            FailureDetails = new TaskFailureDetails("System.InvalidOperationException", "boom", null, null, null),
        });

        var instance = await new DurableWorkflowClient(_durable.Object).GetInstanceAsync("id-1", getInputsAndOutputs: true);

        instance!.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Failed);
        (instance.FailureErrorType, instance.FailureErrorMessage).Should().Be(("System.InvalidOperationException", "boom"));
        instance.Input.Should().Be("""{"a":1}""");
        instance.Output.Should().BeNull();
    }

    [Fact]
    public async Task GetInstanceAsync_CompletedWithInputsAndOutputs_ReadsInputOutputAndCustomStatus()
    {
        _durable.Setup(c => c.GetInstanceAsync("id-1", true, It.IsAny<CancellationToken>())).ReturnsAsync(new OrchestrationMetadata("asl-execution", "id-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            DataConverter = JsonDataConverter.Default,
            SerializedInput = "\"1\"",
            SerializedOutput = "\"2\"",
            SerializedCustomStatus = "\"3\"",
        });

        var instance = await new DurableWorkflowClient(_durable.Object).GetInstanceAsync("id-1", getInputsAndOutputs: true);

        (instance!.Input, instance.Output, instance.CustomStatus).Should().Be(("1", "2", "3"));
    }

    [Fact]
    public async Task GetInstanceAsync_WithoutInputsAndOutputs_NeverReadsThem()
    {
        // What Durable's gRPC client returns when inputs and outputs were not asked for: no DataConverter, so any Read*As throws.
        _durable.Setup(c => c.GetInstanceAsync("id-1", false, It.IsAny<CancellationToken>())).ReturnsAsync(new OrchestrationMetadata("asl-execution", "id-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            SerializedInput = "\"1\"",
            SerializedOutput = "\"2\"",
            SerializedCustomStatus = "\"3\"",
        });

        var instance = await new DurableWorkflowClient(_durable.Object).GetInstanceAsync("id-1", getInputsAndOutputs: false);

        instance!.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Completed);
        (instance.Input, instance.Output, instance.CustomStatus).Should().Be(((string?)null, (string?)null, (string?)null));
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
            [new OrchestrationMetadata("asl-execution", "arn:x:run-1") { RuntimeStatus = OrchestrationRuntimeStatus.Running, DataConverter = JsonDataConverter.Default, SerializedCustomStatus = "\"{\\\"lastEventId\\\":3}\"" }], "next-2");
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

    [Fact]
    public async Task ListInstancesAsync_EmptyContinuationToken_IsTheLastPage()
    {
        var page = new Page<OrchestrationMetadata>([], string.Empty);
        var pageable = new Mock<AsyncPageable<OrchestrationMetadata>>();
        pageable.Setup(p => p.AsPages(null, 10)).Returns(new[] { page }.ToAsyncEnumerable());
        _durable.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>())).Returns(pageable.Object);

        var result = await new DurableWorkflowClient(_durable.Object).ListInstancesAsync("arn:x:", null, 10, null);

        result.ContinuationToken.Should().BeNull();
    }
}
