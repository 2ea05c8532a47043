using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Runtime.Tests.Engine;

public class RetryAndCatchTests
{
    /// <summary>A handler that fails with the listed errors in turn, then succeeds, recording when it was called.</summary>
    private sealed class Script(params string[] errors)
    {
        private int _calls;

        public List<DateTime> Calls { get; } = [];

        public TaskHandlerRegistry Registry(Func<DateTime> clock) => new TaskHandlerRegistry().Register("Work", (inv, _) =>
        {
            Calls.Add(clock());
            int call = _calls++;
            return ValueTask.FromResult(call < errors.Length
                ? TaskOutcome.Failure(errors[call], $"failure {call}")
                : TaskOutcome.Success(JNode.Parse("{\"done\":true}")));
        });
    }

    private const string SpecExample = """
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Work",
          "Retry":[
            {"ErrorEquals":["ErrorA","ErrorB"],"IntervalSeconds":1,"BackoffRate":2,"MaxAttempts":2},
            {"ErrorEquals":["ErrorC"],"IntervalSeconds":5}],
          "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
          "Caught":{"Type":"Pass","End":true}}}
        """;

    [Fact]
    public async Task Retry_SpecExampleABCB_WaitsOneTwoFiveThenCatches()
    {
        // The ASL spec: errors A, B, C, B → waits 1 s, 2 s, 5 s, then the third A/B error exhausts the first retrier.
        var script = new Script("ErrorA", "ErrorB", "ErrorC", "ErrorB");
        DateTime now = Harness.Start;
        var host = new InMemory.InMemoryHost(script.Registry(() => now), new InMemory.InMemoryHostOptions { VirtualTime = true, VirtualStart = Harness.Start });
        var result = await host.RunAsync(Harness.Compile(SpecExample), new Platform.Engine.Execution.ExecutionInput());
        result.ShouldSucceedWith("{\"Error\":\"ErrorB\",\"Cause\":\"failure 3\"}");
        script.Calls.Should().HaveCount(4);
        var entered = result.History.Where(e => e.Type == "TaskScheduled").Select(e => (e.Timestamp - Harness.Start).TotalSeconds);
        entered.Should().Equal(0, 1, 3, 8);
    }

    [Fact]
    public void Retry_MaxAttemptsZero_NeverRetries()
    {
        var calls = 0;
        var handlers = new TaskHandlerRegistry().Register("Work", _ =>
        {
            calls++;
            return TaskOutcome.Failure("Flaky", "no");
        });
        var result = Harness.Run("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Work","Retry":[{"ErrorEquals":["Flaky"],"MaxAttempts":0}],"End":true}}}""", handlers: handlers);
        result.ShouldFailWith("Flaky", "no");
        calls.Should().Be(1);
    }

    [Fact]
    public void Retry_MaxDelaySecondsAndBackoff_CapsVirtualWaits()
    {
        var handlers = new TaskHandlerRegistry().Register("Work", _ => TaskOutcome.Failure("Flaky", null));
        var result = Harness.Run(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Work","Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":10,"BackoffRate":3,"MaxAttempts":4,"MaxDelaySeconds":60}],"End":true}}}""",
            handlers: handlers);
        result.ShouldFailWith("Flaky");
        var times = result.History.Where(e => e.Type == "TaskScheduled").Select(e => (e.Timestamp - Harness.Start).TotalSeconds);
        times.Should().Equal(0, 10, 40, 100, 160);
    }

    [Fact]
    public void Retry_ContextRetryCount_CountsEachRetry()
    {
        var seen = new List<JNode>();
        var handlers = new TaskHandlerRegistry().Register("Work", input =>
        {
            seen.Add(input);
            return seen.Count < 3 ? TaskOutcome.Failure("Flaky", null) : TaskOutcome.Success(input);
        });
        var result = Harness.Run(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Work","Parameters":{"n.$":"$$.State.RetryCount"},"Retry":[{"ErrorEquals":["Flaky"]}],"End":true}}}""",
            handlers: handlers);
        result.ShouldSucceedWith("{\"n\":2}");
        seen.Select(s => s.ToString()).Should().Equal("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
    }

    [Fact]
    public void Catch_ResultPath_MergesErrorOutputIntoInput()
    {
        var handlers = new TaskHandlerRegistry().Register("Work", _ => TaskOutcome.Failure("Custom.Error", "it broke"));
        var result = Harness.Run(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Work","Catch":[{"ErrorEquals":["Custom.Error"],"ResultPath":"$.error","Next":"Done"}],"End":true},"Done":{"Type":"Pass","End":true}}}""",
            "{\"order\":7}",
            handlers);
        result.ShouldSucceedWith("{\"order\":7,\"error\":{\"Error\":\"Custom.Error\",\"Cause\":\"it broke\"}}");
    }

    [Theory]
    [InlineData("States.TaskFailed", "Custom", true)]
    [InlineData("States.TaskFailed", "States.Timeout", false)]
    [InlineData("States.ALL", "States.Timeout", true)]
    public void Catch_Wildcards_MatchAsAws(string matcher, string error, bool caught)
    {
        var handlers = new TaskHandlerRegistry().Register("Work", _ => TaskOutcome.Failure(error, "x"));
        var result = Harness.Run(
            "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"Work\",\"Catch\":[{\"ErrorEquals\":[\"" + matcher + "\"],\"Next\":\"Done\"}],\"End\":true},\"Done\":{\"Type\":\"Succeed\"}}}",
            handlers: handlers);
        if (caught)
        {
            result.ShouldSucceedWith("{\"Error\":\"" + error + "\",\"Cause\":\"x\"}");
        }
        else
        {
            result.ShouldFailWith(error);
        }
    }

    [Fact]
    public void Catch_StatesRuntime_IsNeverCaught()
    {
        var result = Harness.Run(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Work","InputPath":"$.missing","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done"}],"End":true},"Done":{"Type":"Succeed"}}}""",
            handlers: new TaskHandlerRegistry().Register("Work", i => i));
        result.ShouldFailWith("States.Runtime", "Invalid path '$.missing' : No results for path: $['missing']");
        result.Cause.Should().StartWith("An error occurred while executing the state 'T' (entered at the event id #2).");
    }

    [Fact]
    public void Catch_DataLimitExceeded_IsTerminal()
    {
        var handlers = new TaskHandlerRegistry().Register("Big", _ => JNode.From(new string('x', 300_000)));
        var result = Harness.Run(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Big","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done"}],"End":true},"Done":{"Type":"Succeed"}}}""",
            handlers: handlers);
        result.ShouldFailWith("States.DataLimitExceeded", "'T' returned a result with a size exceeding the maximum number of bytes service limit");
    }
}
