using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;
using Platform.Runtime.InMemory;

namespace Platform.Runtime.Tests.Engine;

/// <summary>Hostile handlers, inputs and timings end as execution results, never as crashes or hangs.</summary>
public class RobustnessTests
{
    private sealed class ThrowingDispatcher(Exception exception) : ITaskDispatcher
    {
        public ValueTask<TaskOutcome> DispatchAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
            ValueTask.FromException<TaskOutcome>(exception);
    }

    private static Task<ExecutionResult> RunWith(ITaskDispatcher dispatcher, string asl, string input = "{}") =>
        new InMemoryHost(dispatcher, new InMemoryHostOptions { VirtualTime = true })
            .RunAsync(Harness.Compile(asl), new ExecutionInput { Input = JNode.Parse(input) }).AsTask();

    [Fact]
    public async Task Task_DispatcherThrowsCancellation_IsATaskFailureThatCatchSees()
    {
        var result = await RunWith(
            new ThrowingDispatcher(new TaskCanceledException("HTTP timeout")),
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"X","Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],"End":true},"C":{"Type":"Pass","End":true}}}""");
        result.ShouldSucceedWith("{\"Error\":\"TaskCanceledException\",\"Cause\":\"HTTP timeout\"}");
    }

    [Fact]
    public async Task Map_DispatcherThrows_FailsTheMapInsteadOfSucceeding()
    {
        var result = await RunWith(
            new ThrowingDispatcher(new OperationCanceledException("not ours")),
            """{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"X","End":true}}},"End":true}}}""",
            "[1,2]");
        result.ShouldFailWith("OperationCanceledException", "not ours");
    }

    [Fact]
    public async Task Task_HandlerReturnsDefaultOutcome_FailsWithRuntimeError()
    {
        var handlers = new TaskHandlerRegistry().Register("Empty", (_, _) => ValueTask.FromResult(default(TaskOutcome)));
        var result = await RunWith(handlers, """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Empty","End":true}}}""");
        result.ShouldFailWith("States.Runtime", "returned no outcome");
    }

    [Fact]
    public async Task Parallel_SiblingFails_InterruptsATaskInFlight()
    {
        var never = new TaskCompletionSource<TaskOutcome>();
        var handlers = new TaskHandlerRegistry().Register("Never", (_, _) => new ValueTask<TaskOutcome>(never.Task));
        var result = await RunWith(handlers, """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"Never","Next":"After"},"After":{"Type":"Pass","End":true}}},
              {"StartAt":"Bad","States":{"Bad":{"Type":"Fail","Error":"Boom"}}}]}}}
            """);
        result.ShouldFailWith("Boom");
        result.EventTypes().Should().Contain("TaskStateAborted").And.NotContain("PassStateEntered");
    }

    [Fact]
    public async Task Map_ExecutionTimesOut_StartsNoFurtherIterations()
    {
        var result = await Harness.RunAsync("""
            {"TimeoutSeconds":15,"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,
              "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}},"End":true}}}
            """, "[1,2,3,4,5,6]");
        result.Status.Should().Be(ExecutionStatus.TimedOut);
        result.EventTypes().Count(t => t == "MapIterationStarted").Should().Be(2);
        result.EventTypes().Should().Contain(["WaitStateAborted", "MapIterationAborted", "MapStateAborted"]);
    }

    [Theory]
    [InlineData("""{"Type":"Wait","Seconds":99999999999999,"End":true}""")]
    [InlineData("""{"Type":"Wait","TimestampPath":"$.t","End":true}""")]
    public async Task Wait_DeadlinePastTheCalendar_NeverCrashes(string waitState)
    {
        var result = await Harness.RunAsync(
            "{\"TimeoutSeconds\":10,\"StartAt\":\"W\",\"States\":{\"W\":" + waitState + "}}",
            "{\"t\":\"9999-12-31T23:59:59Z\"}");
        result.Status.Should().Be(ExecutionStatus.TimedOut);
    }

    [Fact]
    public void Choice_TimestampOffsetOutsideTheCalendar_IsNotATimestamp()
    {
        var result = Harness.Run(
            """{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.t","IsTimestamp":true,"Next":"Yes"}],"Default":"No"},"Yes":{"Type":"Pass","Result":"yes","End":true},"No":{"Type":"Pass","Result":"no","End":true}}}""",
            "{\"t\":\"9999-12-31T23:59:59-01:00\"}");
        result.ShouldSucceedWith("\"no\"");
    }

    [Fact]
    public async Task Wait_LongerThanTaskDelayAllows_RunsOnRealTimeAndCanBeStopped()
    {
        var host = new InMemoryHost(new TaskHandlerRegistry());
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(
            Harness.Compile("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5000000,"End":true}}}"""),
            new ExecutionInput(),
            stop.Token);
        await stop.CancelAsync();
        var result = await running;
        result.Status.Should().Be(ExecutionStatus.Aborted);
    }

    [Fact]
    public void Intrinsic_ArrayPartitionWithHugeChunk_ReturnsOneChunk()
    {
        var result = Harness.Run(
            """{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"c.$":"States.ArrayPartition($.a, $.n)"},"End":true}}}""",
            "{\"a\":[1,2,3],\"n\":2147483647}");
        result.ShouldSucceedWith("{\"c\":[[1,2,3]]}");
    }

    [Fact]
    public async Task Pass_NestingGrowsEveryState_StopsWithRuntimeErrorBeforeTheStackDoes()
    {
        var host = new InMemoryHost(new TaskHandlerRegistry(), new InMemoryHostOptions { VirtualTime = true });
        var result = await host.RunAsync(
            Harness.Compile("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"$"},"Next":"P"}}}"""),
            new ExecutionInput { RecordHistory = true });
        result.ShouldFailWith("States.Runtime", "nested deeper than 1000 levels");
    }

    [Fact]
    public void Map_TwentyThousandWaitingIterations_AllCompleteOnVirtualTime()
    {
        string items = "[" + string.Join(",", Enumerable.Range(0, 20_000)) + "]";
        var result = Harness.Run(
            """{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}},"ResultSelector":{"n.$":"States.ArrayLength($)"},"End":true}}}""",
            items);
        result.ShouldSucceedWith("{\"n\":20000}");
        (result.History[^1].Timestamp - Harness.Start).TotalSeconds.Should().Be(1);
    }

    [Fact]
    public void Compile_AResultWriterResourceThisEngineLacks_IsRefusedPlainly()
    {
        var act = () => new Platform.Engine.StateMachineOrchestrator(Platform.Asl.Parsing.AslParser.Parse(
            """{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"ResultWriter":{"Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"Bucket":"b","Prefix":"p"}},"End":true}}}""").Definition!);
        act.Should().Throw<NotSupportedException>().WithMessage("*'M' (/States/M/ResultWriter/Resource)*dynamodb:putItem*s3:putObject*");
    }

    [Theory]
    [InlineData("{\"x\":\"abc\"}", "States.Runtime")]
    [InlineData("{\"y\":1}", null)]
    public void Choice_StringMatchesBadEscape_FailsOnlyWhenEvaluated(string input, string? error)
    {
        var result = Harness.Run(
            """{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.y","IsPresent":true,"Next":"Done"},{"Variable":"$.x","StringMatches":"a\\b","Next":"Done"}],"Default":"Done"},"Done":{"Type":"Succeed"}}}""",
            input);
        if (error is null)
        {
            result.ShouldSucceedWith(input);
        }
        else
        {
            result.ShouldFailWith(error, "may only escape");
        }
    }
}
