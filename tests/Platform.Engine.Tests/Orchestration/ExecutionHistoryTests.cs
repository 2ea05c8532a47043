using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;
using Platform.Engine.Tests.Support;

namespace Platform.Engine.Tests.Orchestration;

public sealed class ExecutionHistoryTests
{
    private const string Arn = "arn:aws:states:us-east-1:123456789012:execution:M:wire";
    private static readonly DateTime Start = new(2026, 8, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly StateMachineOrchestrator Greeter = StateMachineOrchestrator.FromText("""
        {"StartAt":"Greet","States":{
          "Greet":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:Greet","Next":"Wait"},
          "Wait":{"Type":"Wait","Seconds":60,"End":true}}}
        """);

    private readonly MemoryObjectStore _objects = new();
    private readonly ExecutionHistoryStore _store;

    public ExecutionHistoryTests() => _store = new ExecutionHistoryStore(_objects, ExecutionHistoryStore.DefaultContainer);

    [Fact]
    public async Task RunAsync_KeepHistory_StoresTheSameHistoryTheEngineRecords()
    {
        var context = Context();

        await new OrchestrationRunner(_ => Greeter, null, keepHistory: true).RunAsync(context, Input());

        var expected = (await Greeter.RunAsync(new WireContext(Handlers(), Start), Execution() with { RecordHistory = true })).History;
        var stored = await _store.ReadAsync(Arn);
        stored.Select(e => e.ToString()).Should().Equal(expected.Select(e => e.ToAwsJson().ToString()));
        stored[^1]["type"]!.ToString().Should().Be("\"ExecutionSucceeded\"");
    }

    [Fact]
    public async Task RunAsync_KeepHistory_RunningExecutionCarriesItsUnstoredEventsInTheCustomStatus()
    {
        var context = Context();
        string? statusAtTheWait = null;
        context.Activities["probe"] = _ => "null";

        await new OrchestrationRunner(_ => Greeter, null, keepHistory: true).RunAsync(new ProbingContext(context, () => statusAtTheWait = context.Statuses[^1]), Input());

        // At the Wait's timer nothing is stored yet: everything so far is in the status, up to the Wait's entry.
        var merged = ExecutionHistory.Merge([], statusAtTheWait);
        merged.Select(ExecutionHistory.IdOf).Should().Equal(Enumerable.Range(1, merged.Count).Select(i => (long)i));
        merged[^1]["type"]!.ToString().Should().Be("\"WaitStateEntered\"");
        context.Log.Count(l => l == "activity " + ActivityNames.WriteHistory).Should().Be(1, "small tails ride in the status; only the end is stored");
    }

    [Fact]
    public async Task RunAsync_KeepHistory_TailOverTheBudgetIsStoredAtTheNextCheckpoint()
    {
        var big = StateMachineOrchestrator.FromText($$$"""
            {"StartAt":"Big","States":{
              "Big":{"Type":"Pass","Result":{"text":"{{{new string('x', ExecutionHistory.TailBudgetChars)}}}"},"Next":"Wait"},
              "Wait":{"Type":"Wait","Seconds":5,"End":true}} }
            """);
        var context = Context();

        await new OrchestrationRunner(_ => big, null, keepHistory: true).RunAsync(context, Input());

        context.Log.Should().Equal("activity " + ActivityNames.WriteHistory, "timer", "activity " + ActivityNames.WriteHistory);
        var stored = await _store.ReadAsync(Arn);
        stored.Select(ExecutionHistory.IdOf).Should().Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i));
        ExecutionHistory.Merge(stored, context.Statuses[^1]).Should().HaveCount(stored.Count, "the last status carries nothing unstored");
    }

    [Fact]
    public async Task RunAsync_KeepHistory_ContinuingAsNewStoresTheEpisodeFirstAndTheNextGoesOnNumbering()
    {
        var loop = StateMachineOrchestrator.FromText("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Pass","Next":"D"},"D":{"Type":"Succeed"}}}
            """);
        var first = Context();

        await new OrchestrationRunner(_ => loop, null, continueAsNewAfterEvents: 3, keepHistory: true).RunAsync(first, Input());
        await new OrchestrationRunner(_ => loop, null, continueAsNewAfterEvents: 100, keepHistory: true).RunAsync(Context(), (string)first.ContinuedWith!);

        first.Log.Should().Equal("activity " + ActivityNames.WriteHistory, "continue");
        var stored = await _store.ReadAsync(Arn);
        stored.Select(ExecutionHistory.IdOf).Should().Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i));
        stored.Select(e => e["type"]!.ToString()).Should().Contain("\"ExecutionStarted\"").And.Contain("\"ExecutionSucceeded\"");
    }

    [Fact]
    public async Task RunAsync_KeepHistory_ReplayedRunSchedulesTheSameHistoryWritesAndStatuses()
    {
        var firstRun = Context();
        var replay = Context();
        var runner = new OrchestrationRunner(_ => Greeter, null, keepHistory: true);

        await runner.RunAsync(firstRun, Input());
        await runner.RunAsync(replay, Input());

        replay.Log.Should().Equal(firstRun.Log);
        replay.Statuses.Should().Equal(firstRun.Statuses);
    }

    [Fact]
    public async Task RunAsync_KeepHistory_FailedHistoryWriteIsNotTheExecutionsFailureAndIsRetried()
    {
        var context = Context();
        int calls = 0;
        context.Activities[ActivityNames.WriteHistory] = chunk => ++calls == 1 ? throw new IOException("blob unavailable") : Write(chunk);
        var big = StateMachineOrchestrator.FromText($$$"""
            {"StartAt":"Big","States":{
              "Big":{"Type":"Pass","Result":"{{{new string('x', ExecutionHistory.TailBudgetChars)}}}","Next":"Wait"},
              "Wait":{"Type":"Wait","Seconds":5,"End":true}} }
            """);

        var end = ExecutionEnd.Parse(await new OrchestrationRunner(_ => big, null, keepHistory: true).RunAsync(context, Input()))!;

        end.Status.Should().Be(ExecutionStatus.Succeeded);
        calls.Should().Be(2);
        var stored = await _store.ReadAsync(Arn);
        stored.Select(ExecutionHistory.IdOf).Should().Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i));
        stored[^1]["type"]!.ToString().Should().Be("\"ExecutionSucceeded\"");
    }

    [Fact]
    public async Task RunAsync_WithoutKeepHistory_WritesNoHistory()
    {
        var context = Context();

        await new OrchestrationRunner(_ => Greeter, null).RunAsync(context, Input());

        context.Log.Should().NotContain("activity " + ActivityNames.WriteHistory);
        context.Statuses.Should().BeEmpty();
    }

    [Fact]
    public async Task ReadAsync_ChunksOfSeveralExecutions_ReadsOnlyTheOnesOfThatArnInIdOrder()
    {
        await _store.WriteAsync(Chunk(Arn, 3, 4).ToString());
        await _store.WriteAsync(Chunk(Arn, 1, 2).ToString());
        await _store.WriteAsync(Chunk(Arn + "2", 1, 9).ToString());

        (await _store.ReadAsync(Arn)).Select(ExecutionHistory.IdOf).Should().Equal(1, 2, 3, 4);
    }

    [Theory]
    [InlineData("""{"executionArn":"a","events":[]}""")]
    [InlineData("""{"events":[{"id":1}]}""")]
    [InlineData("not json")]
    public async Task WriteAsync_NotAChunk_IsAFormatException(string text)
    {
        var act = () => _store.WriteAsync(text);

        await act.Should().ThrowAsync<FormatException>();
    }

    [Fact]
    public void Merge_TailOverlappingStoredEvents_KeepsEachIdOnceInOrder()
    {
        var stored = new[] { Event(2), Event(1) };
        string status = ExecutionHistory.Status(3, [Event(2), Event(3)]).ToString();

        ExecutionHistory.Merge(stored, status).Select(ExecutionHistory.IdOf).Should().Equal(1, 2, 3);
    }

    private static JObject Chunk(string arn, params long[] ids) => new(["executionArn", "events"], [JNode.From(arn), new JArray(ids.Select(i => (JNode)Event(i)))]);

    private static JObject Event(long id) => new(["id", "type"], [JNode.From(id), JNode.From("PassStateEntered")]);

    private WireContext Context()
    {
        var context = new WireContext(Handlers(), Start);
        context.Activities[ActivityNames.WriteHistory] = Write;
        return context;
    }

    private string Write(string chunk)
    {
        _store.WriteAsync(chunk).GetAwaiter().GetResult();
        return "null";
    }

    private static ExecutionInput Execution() => new() { Input = JNode.Parse("""{"name":"Ada"}"""), Name = "e1", StateMachineName = "M" };

    private static string Input() => OrchestrationWire.Write(Execution());

    private static TaskHandlerRegistry Handlers() =>
        new TaskHandlerRegistry().Register("Greet", (JNode input) => new JObject(["ok"], [JNode.True]));

    /// <summary>Passes everything to the wire context, calling <paramref name="atTimer"/> when a timer is created.</summary>
    private sealed class ProbingContext(WireContext inner, Action atTimer) : OrchestrationContext
    {
        public override string InstanceId => inner.InstanceId;

        public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

        public override bool IsReplaying => false;

        public override Guid NewGuid() => inner.NewGuid();

        public override ValueTask<TResult> CallActivityAsync<TResult>(string name, object? input = null) => inner.CallActivityAsync<TResult>(name, input);

        public override ValueTask CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
        {
            atTimer();
            return inner.CreateTimer(fireAt, cancellationToken);
        }

        public override ValueTask<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) => inner.WaitForExternalEvent<T>(eventName, cancellationToken);

        public override ValueTask<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, string? instanceId = null, object? input = null) =>
            inner.CallSubOrchestratorAsync<TResult>(orchestratorName, instanceId, input);

        public override void ContinueAsNew(object? newInput = null) => inner.ContinueAsNew(newInput);

        public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);
    }
}
