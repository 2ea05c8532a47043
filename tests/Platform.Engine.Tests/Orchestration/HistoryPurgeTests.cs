using Platform.Engine.Orchestration;

namespace Platform.Engine.Tests.Orchestration;

public sealed class HistoryPurgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 1, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, 90)]
    [InlineData("", 90)]
    [InlineData("7", 7)]
    [InlineData("3650", 3650)]
    public void ParseRetention_ValidSetting_GivesDays(string? setting, int days)
    {
        HistoryPurge.ParseRetention(setting).Should().Be(TimeSpan.FromDays(days));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("3651")]
    [InlineData("ninety")]
    public void ParseRetention_InvalidSetting_SaysWhatIsAllowed(string setting)
    {
        var act = () => HistoryPurge.ParseRetention(setting);

        act.Should().Throw<FormatException>().WithMessage("*1 to 3650*");
    }

    [Fact]
    public async Task RunAsync_PartialRounds_RepeatsUntilCompleteWithEndedStatusesAndCutoff()
    {
        var client = new PurgeRecorder([new(40, false), new(25, false), new(3, true)]);

        var (purged, complete) = await HistoryPurge.RunAsync(client, Now, TimeSpan.FromDays(30));

        (purged, complete).Should().Be((68, true));
        client.Calls.Should().HaveCount(3).And.OnlyContain(c => c.CreatedTo == Now.AddDays(-30) && c.Timeout == HistoryPurge.RoundTimeout);
        client.Calls[0].Statuses.Should().BeEquivalentTo([WorkflowRuntimeStatus.Completed, WorkflowRuntimeStatus.Failed, WorkflowRuntimeStatus.Terminated]);
    }

    [Fact]
    public async Task RunAsync_HostThatDoesNotSay_StopsAfterOneRound()
    {
        var client = new PurgeRecorder([new(5, null)]);

        (await HistoryPurge.RunAsync(client, Now, HistoryPurge.DefaultRetention)).Should().Be((5, true));
        client.Calls.Should().ContainSingle();
    }

    [Fact]
    public async Task RunAsync_NeverComplete_StopsAtMaxRounds()
    {
        var client = new PurgeRecorder(Enumerable.Repeat(new WorkflowPurgeResult(1, false), 100).ToList());

        (await HistoryPurge.RunAsync(client, Now, HistoryPurge.DefaultRetention)).Should().Be((HistoryPurge.MaxRounds, false));
    }

    [Fact]
    public void Cutoff_NonPositiveRetention_Throws()
    {
        var act = () => HistoryPurge.Cutoff(Now, TimeSpan.Zero);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private sealed class PurgeRecorder(List<WorkflowPurgeResult> results) : WorkflowClient
    {
        public List<(DateTimeOffset CreatedTo, IReadOnlyList<WorkflowRuntimeStatus> Statuses, TimeSpan? Timeout)> Calls { get; } = [];

        public override Task<WorkflowPurgeResult> PurgeAllAsync(DateTimeOffset createdTo, IReadOnlyList<WorkflowRuntimeStatus> statuses, TimeSpan? timeout, CancellationToken cancellationToken = default)
        {
            Calls.Add((createdTo, statuses, timeout));
            return Task.FromResult(results[Calls.Count - 1]);
        }

        public override Task<string> ScheduleNewAsync(string orchestratorName, object? input, string? instanceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override Task<WorkflowInstance?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override Task TerminateAsync(string instanceId, object? output, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override Task<WorkflowInstancePage> ListInstancesAsync(
            string instanceIdPrefix, IReadOnlyList<WorkflowRuntimeStatus>? statuses, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
