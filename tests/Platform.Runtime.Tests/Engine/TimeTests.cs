using Platform.Asl.Json;
using Platform.Engine.Execution;

namespace Platform.Runtime.Tests.Engine;

public class TimeTests
{
    [Fact]
    public void Wait_OneYear_FinishesInstantlyOnVirtualTime()
    {
        var result = Harness.Run("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":31536000,"Next":"P"},"P":{"Type":"Pass","Parameters":{"at.$":"$$.State.EnteredTime"},"End":true}}}""");
        result.ShouldSucceedWith("{\"at\":\"2024-12-31T00:00:00.000Z\"}");
    }

    [Theory]
    [InlineData("\"Timestamp\":\"2024-01-01T00:10:00Z\"", 600)]
    [InlineData("\"Timestamp\":\"2024-01-01T02:10:00+02:00\"", 600)]
    [InlineData("\"SecondsPath\":\"$.s\"", 42)]
    [InlineData("\"TimestampPath\":\"$.t\"", 5)]
    public void Wait_Forms_WaitUntilTheRightTime(string field, int expectedSeconds)
    {
        var result = Harness.Run(
            "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\"," + field + ",\"End\":true}}}",
            "{\"s\":42,\"t\":\"2024-01-01T00:00:05Z\"}");
        result.Status.Should().Be(ExecutionStatus.Succeeded);
        (result.History[^1].Timestamp - Harness.Start).TotalSeconds.Should().Be(expectedSeconds);
    }

    [Fact]
    public void Wait_TimestampInThePast_DoesNotWait()
    {
        var result = Harness.Run("""{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2000-01-01T00:00:00Z","End":true}}}""");
        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.History[^1].Timestamp.Should().Be(Harness.Start);
    }

    [Fact]
    public async Task Task_TimeoutSeconds_FailsWithStatesTimeoutAndIsCatchable()
    {
        // An activity that never answers, and timers that fire at once: the engine's timer race decides, with no sleeping.
        var orchestrator = Harness.Compile(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Slow","TimeoutSeconds":5,"Catch":[{"ErrorEquals":["States.Timeout"],"Next":"Late"}],"End":true},"Late":{"Type":"Pass","Result":"late","End":true}}}""");
        var context = new StalledActivityContext();
        var result = await orchestrator.RunAsync(context, new ExecutionInput());
        result.ShouldSucceedWith("\"late\"");
        result.EventTypes().Should().Contain("TaskTimedOut");
        context.TimersRequested.Should().Equal(Harness.Start.AddSeconds(5));
    }

    [Fact]
    public async Task Task_TimeoutSecondsPath_UsesTheInputValue()
    {
        var orchestrator = Harness.Compile(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Slow","TimeoutSecondsPath":"$.t","End":true}}}""");
        var context = new StalledActivityContext();
        var result = await orchestrator.RunAsync(context, new ExecutionInput { Input = JNode.Parse("{\"t\":30}") });
        result.ShouldFailWith("States.Timeout");
        context.TimersRequested.Should().Equal(Harness.Start.AddSeconds(30));
    }

    /// <summary>An orchestration context whose activities never complete and whose timers fire immediately.</summary>
    private sealed class StalledActivityContext : Platform.Engine.Orchestration.OrchestrationContext
    {
        public List<DateTime> TimersRequested { get; } = [];

        public override string InstanceId => "stalled";

        public override DateTime CurrentUtcDateTime => Harness.Start;

        public override bool IsReplaying => false;

        public override Guid NewGuid() => Guid.Empty;

        public override ValueTask<TResult> CallActivityAsync<TResult>(string name, object? input = null) =>
            new(new TaskCompletionSource<TResult>().Task);

        public override ValueTask CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
        {
            TimersRequested.Add(fireAt);
            return ValueTask.CompletedTask;
        }

        public override ValueTask<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override ValueTask<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, string? instanceId = null, object? input = null) => throw new NotSupportedException();

        public override void ContinueAsNew(object? newInput = null) => throw new NotSupportedException();

        public override void SetCustomStatus(object? customStatus)
        {
        }
    }

    [Fact]
    public async Task Machine_TimeoutSeconds_TimesOutAWaitingExecution()
    {
        var result = await Harness.RunAsync("""{"TimeoutSeconds":60,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""");
        result.Status.Should().Be(ExecutionStatus.TimedOut);
        result.Error.Should().Be("States.Timeout");
        result.EventTypes().Should().EndWith(["WaitStateEntered", "WaitStateAborted", "ExecutionTimedOut"]);
        (result.History[^1].Timestamp - Harness.Start).TotalSeconds.Should().Be(60);
    }

    [Fact]
    public void Machine_TimeoutSeconds_NotReached_Succeeds()
    {
        var result = Harness.Run("""{"TimeoutSeconds":60,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":59,"End":true}}}""", "{\"a\":1}");
        result.ShouldSucceedWith("{\"a\":1}");
    }

    [Fact]
    public void Parallel_BranchWaits_RunConcurrentlyOnVirtualTime()
    {
        var result = Harness.Run("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":10,"End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":30,"End":true}}}]}}}
            """, "{\"x\":1}");
        result.ShouldSucceedWith("[{\"x\":1},{\"x\":1}]");
        (result.History[^1].Timestamp - Harness.Start).TotalSeconds.Should().Be(30);
    }
}
