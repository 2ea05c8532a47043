using Platform.Asl.Json;
using Platform.Engine.Integrations.CircuitBreakers;
using Platform.Engine.Tasks;
using Platform.Runtime.Integrations;
using Platform.Runtime.Testing;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Integrations;

public class CircuitBreakerTests : IDisposable
{
    private const string Resource = "arn:aws:lambda:us-east-1:123456789012:function:Payments";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "breaker-tests", Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new(Harness.Start);
    private int _calls;
    private bool _failing = true;

    public CircuitBreakerTests() => Directory.CreateDirectory(_directory);

    private static readonly CircuitBreakerOptions Options = new()
    {
        Policies = [new CircuitBreakerPolicy { Resource = "arn:aws:lambda:*:function:Pay*", FailureThreshold = 3, Window = TimeSpan.FromSeconds(60), CoolDown = TimeSpan.FromSeconds(30) }],
    };

    private TaskHandlerRegistry Handlers() => new TaskHandlerRegistry()
        .Register("Payments", _ =>
        {
            Interlocked.Increment(ref _calls);
            return _failing ? TaskOutcome.Failure("Payments.Unavailable", "the payment service is down") : TaskOutcome.Success(JNode.Parse("""{"paid":true}"""));
        })
        .Register("Other", _ =>
        {
            Interlocked.Increment(ref _calls);
            return TaskOutcome.Failure("Other.Down", "down");
        });

    private CircuitBreakerDispatcher Breaker(string file = "tables.db") =>
        new(Handlers(), new TableCircuitBreakerStore(new SqliteTableStore(Path.Combine(_directory, file), _clock)), Options, _clock);

    private static TaskInvocation Call(string resource = Resource) => new() { StateName = "Pay", Resource = resource, Input = JObject.Empty, ExecutionId = "e" };

    private void At(double seconds) => _clock.SetUtcNow(Harness.Start.AddSeconds(seconds));

    [Fact]
    public async Task Dispatch_ThresholdFailuresWithinTheWindow_OpenTheCircuitAndLaterCallsFailFast()
    {
        var breaker = Breaker();
        for (int i = 0; i < 3; i++)
        {
            At(i * 10);
            (await breaker.DispatchAsync(Call(), default)).Error.Should().Be("Payments.Unavailable");
        }

        At(25);
        var refused = await breaker.DispatchAsync(Call(), default);

        refused.Error.Should().Be(CircuitBreakerDispatcher.OpenError);
        refused.Cause.Should().Contain("is open until 2024-01-01T00:00:50Z").And.Contain("Payments.Unavailable: the payment service is down");
        _calls.Should().Be(3, "an open circuit does not call the resource");
        (await breaker.Store.GetAsync(Resource))!.State.Should().Be(CircuitState.Open);
    }

    [Fact]
    public async Task Dispatch_FailuresSpreadBeyondTheWindow_DoNotOpenTheCircuit()
    {
        var breaker = Breaker();
        foreach (double t in new[] { 0, 40, 80, 120 })
        {
            At(t);
            (await breaker.DispatchAsync(Call(), default)).Error.Should().Be("Payments.Unavailable");
        }

        _calls.Should().Be(4);
        (await breaker.Store.GetAsync(Resource))!.State.Should().Be(CircuitState.Closed);
    }

    [Fact]
    public async Task Dispatch_AfterTheCoolDown_OneTrialGoesThrough_AndItsSuccessClosesTheCircuit()
    {
        var breaker = Breaker();
        await OpenAsync(breaker);
        _failing = false;

        At(49);
        (await breaker.DispatchAsync(Call(), default)).Error.Should().Be(CircuitBreakerDispatcher.OpenError);
        _calls.Should().Be(3);
        At(50);
        (await breaker.DispatchAsync(Call(), default)).IsSuccess.Should().BeTrue();
        _calls.Should().Be(4);
        (await breaker.Store.GetAsync(Resource))!.State.Should().Be(CircuitState.Closed);
        (await breaker.DispatchAsync(Call(), default)).IsSuccess.Should().BeTrue();
        _calls.Should().Be(5);
    }

    [Fact]
    public async Task Dispatch_AFailedTrial_ReopensTheCircuitForAnotherCoolDown()
    {
        var breaker = Breaker();
        await OpenAsync(breaker);

        At(50);
        (await breaker.DispatchAsync(Call(), default)).Error.Should().Be("Payments.Unavailable");
        _calls.Should().Be(4);
        var status = await breaker.Store.GetAsync(Resource);
        status!.State.Should().Be(CircuitState.Open);
        status.OpenedAt.Should().Be(new DateTimeOffset(Harness.Start.AddSeconds(50)));
        At(79);
        (await breaker.DispatchAsync(Call(), default)).Error.Should().Be(CircuitBreakerDispatcher.OpenError);
        _calls.Should().Be(4);
    }

    [Fact]
    public async Task Dispatch_WhileTheTrialIsUnderWay_OtherCallsFailFast()
    {
        var release = new TaskCompletionSource<TaskOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new TaskHandlerRegistry().Register("Payments", (_, _) =>
        {
            Interlocked.Increment(ref _calls);
            return _calls <= 3 ? ValueTask.FromResult(TaskOutcome.Failure("Payments.Unavailable", "down")) : new ValueTask<TaskOutcome>(release.Task);
        });
        var breaker = new CircuitBreakerDispatcher(slow, new TableCircuitBreakerStore(new SqliteTableStore(Path.Combine(_directory, "t.db"), _clock)), Options, _clock);
        await OpenAsync(breaker);

        At(60);
        var trial = breaker.DispatchAsync(Call(), default).AsTask();
        var other = await breaker.DispatchAsync(Call(), default).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        other.Error.Should().Be(CircuitBreakerDispatcher.OpenError);
        other.Cause.Should().Contain("half-open");
        _calls.Should().Be(4);
        release.SetResult(TaskOutcome.Success(JObject.Empty));
        (await trial).IsSuccess.Should().BeTrue();
        (await breaker.Store.GetAsync(Resource))!.State.Should().Be(CircuitState.Closed);
    }

    [Fact]
    public async Task Dispatch_TwoDispatchersOnOneSqliteFile_ShareTheCircuit()
    {
        var first = Breaker("shared.db");
        var second = Breaker("shared.db");
        At(0);
        await first.DispatchAsync(Call(), default);
        At(1);
        await second.DispatchAsync(Call(), default);
        At(2);
        await first.DispatchAsync(Call(), default);

        At(3);
        (await second.DispatchAsync(Call(), default)).Error.Should().Be(CircuitBreakerDispatcher.OpenError, "the other dispatcher's failures opened it");
        _calls.Should().Be(3);

        _failing = false;
        At(40);
        (await second.DispatchAsync(Call(), default)).IsSuccess.Should().BeTrue();
        (await first.DispatchAsync(Call(), default)).IsSuccess.Should().BeTrue("the other dispatcher's trial closed it");
        _calls.Should().Be(5);
    }

    [Fact]
    public async Task Dispatch_ConcurrentWorkersAfterTheCoolDown_LetExactlyOneTrialThrough()
    {
        var gate = new TaskCompletionSource<TaskOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var trialStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int trials = 0;
        var handlers = new TaskHandlerRegistry().Register("Payments", (_, _) =>
        {
            if (Interlocked.Increment(ref _calls) <= 3)
            {
                return ValueTask.FromResult(TaskOutcome.Failure("Payments.Unavailable", "down"));
            }

            Interlocked.Increment(ref trials);
            trialStarted.TrySetResult();
            return new ValueTask<TaskOutcome>(gate.Task);
        });
        var store = () => new TableCircuitBreakerStore(new SqliteTableStore(Path.Combine(_directory, "race.db"), _clock));
        var workers = Enumerable.Range(0, 6).Select(_ => new CircuitBreakerDispatcher(handlers, store(), Options, _clock)).ToList();
        await OpenAsync(workers[0]);

        At(100);
        var calls = workers.Select(w => Task.Run(() => w.DispatchAsync(Call(), default).AsTask())).ToList();

        // Five calls must be refused at once, and the sixth must reach the resource as the trial. The refusals can all come
        // back while the trial's worker is still between its half-open write and the call, so wait for both. A second trial
        // would block on the gate, and the deadline makes that a failure, not a hang.
        var deadline = Task.Delay(TimeSpan.FromSeconds(30));
        while ((calls.Count(c => c.IsCompleted) < 5 || !trialStarted.Task.IsCompleted) && !deadline.IsCompleted)
        {
            await Task.WhenAny(calls.Where(c => !c.IsCompleted).Append(trialStarted.Task).Where(t => !t.IsCompleted).Append(deadline));
        }

        trials.Should().Be(1);
        gate.SetResult(TaskOutcome.Success(JObject.Empty));
        var outcomes = await Task.WhenAll(calls);
        outcomes.Count(o => o.IsSuccess).Should().Be(1);
        outcomes.Count(o => o.Error == CircuitBreakerDispatcher.OpenError).Should().Be(5);
        var transitions = (await workers[0].Store.GetTransitionsAsync(Resource)).Transitions;
        transitions.Select(t => (t.From, t.To)).Should().Equal((CircuitState.HalfOpen, CircuitState.Closed), (CircuitState.Open, CircuitState.HalfOpen), (CircuitState.Closed, CircuitState.Open));
    }

    [Fact]
    public async Task Transitions_AreRecordedNewestFirst_WithTimeAndReason_AndListed()
    {
        var breaker = Breaker();
        await OpenAsync(breaker);
        At(50);
        await breaker.DispatchAsync(Call(), default);
        _failing = false;
        At(90);
        await breaker.DispatchAsync(Call(), default);

        var page = await breaker.Store.GetTransitionsAsync(Resource);
        page.Transitions.Select(t => (t.From, t.To, (t.At - Harness.Start).TotalSeconds)).Should().Equal(
            (CircuitState.HalfOpen, CircuitState.Closed, 90),
            (CircuitState.Open, CircuitState.HalfOpen, 90),
            (CircuitState.HalfOpen, CircuitState.Open, 50),
            (CircuitState.Open, CircuitState.HalfOpen, 50),
            (CircuitState.Closed, CircuitState.Open, 20));
        page.Transitions[^1].Reason.Should().Be("3 failures within 60 s; last: Payments.Unavailable: the payment service is down");
        page.Transitions[2].Reason.Should().Contain("a trial call failed");

        var older = await breaker.Store.GetTransitionsAsync(Resource, maxResults: 2);
        older.Transitions.Should().HaveCount(2);
        (await breaker.Store.GetTransitionsAsync(Resource, 10, older.ContinuationToken)).Transitions.Should().HaveCount(3);
        (await breaker.Store.ListAsync()).Select(s => (s.Key, s.State)).Should().Equal((Resource, CircuitState.Closed));
    }

    [Fact]
    public async Task Dispatch_ResourcesNoPolicyMatches_AreNotGuarded()
    {
        var breaker = Breaker();
        for (int i = 0; i < 5; i++)
        {
            (await breaker.DispatchAsync(Call("Other"), default)).Error.Should().Be("Other.Down");
        }

        _calls.Should().Be(5);
        (await breaker.Store.ListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Dispatch_IgnoredErrors_DoNotCount()
    {
        var handlers = new TaskHandlerRegistry().Register("Payments", _ =>
        {
            Interlocked.Increment(ref _calls);
            return TaskOutcome.Failure("States.Runtime", "a bad parameter");
        });
        var breaker = new CircuitBreakerDispatcher(handlers, new TableCircuitBreakerStore(new SqliteTableStore(Path.Combine(_directory, "i.db"), _clock)), Options, _clock);
        for (int i = 0; i < 5; i++)
        {
            (await breaker.DispatchAsync(Call(), default)).Error.Should().Be("States.Runtime");
        }

        _calls.Should().Be(5);
    }

    [Fact]
    public async Task Dispatch_PerTarget_HttpHostsHaveTheirOwnCircuits()
    {
        var handlers = new TaskHandlerRegistry().RegisterResource("arn:aws:states:::http:invoke", new FailingHttp());
        var options = new CircuitBreakerOptions { Policies = [new CircuitBreakerPolicy { Resource = "arn:aws:states:::http:invoke", FailureThreshold = 1 }] };
        var breaker = new CircuitBreakerDispatcher(handlers, new TableCircuitBreakerStore(new SqliteTableStore(Path.Combine(_directory, "h.db"), _clock)), options, _clock);
        TaskInvocation To(string url) => new() { StateName = "H", Resource = "arn:aws:states:::http:invoke", Input = JNode.Parse($$"""{"ApiEndpoint":"{{url}}","Method":"GET"}"""), ExecutionId = "e" };

        (await breaker.DispatchAsync(To("https://down.test/a"), default)).Error.Should().Be("States.Http.StatusCode.503");
        (await breaker.DispatchAsync(To("https://down.test/b"), default)).Error.Should().Be(CircuitBreakerDispatcher.OpenError);
        (await breaker.DispatchAsync(To("https://up.test/a"), default)).Error.Should().Be("States.Http.StatusCode.503", "another host has its own circuit");
        (await breaker.Store.ListAsync()).Select(s => s.Key).Should().Equal("arn:aws:states:::http:invoke https://down.test", "arn:aws:states:::http:invoke https://up.test");
    }

    [Fact]
    public async Task StateMachine_CatchesCircuitBreakerOpen_AndTakesTheFallback()
    {
        var breaker = Breaker();
        await OpenAsync(breaker);
        const string Machine = """
            {"StartAt":"Pay","States":{
              "Pay":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Payments",
                     "Catch":[{"ErrorEquals":["CircuitBreaker.Open"],"ResultPath":"$.error","Next":"Later"}],"End":true},
              "Later":{"Type":"Pass","Result":"queued for later","ResultPath":"$.status","End":true}}}
            """;
        var host = new InMemory.InMemoryHost(breaker, new InMemory.InMemoryHostOptions { VirtualTime = true, VirtualStart = Harness.Start });
        var result = await host.RunAsync(Harness.Compile(Machine), new Platform.Engine.Execution.ExecutionInput());

        var output = result.Output();
        output["status"].Should().Be(JNode.From("queued for later"));
        ((JObject)output["error"]!)["Error"].Should().Be(JNode.From("CircuitBreaker.Open"));
        _calls.Should().Be(3);
    }

    [Fact]
    public void Constructor_InvalidPolicy_SaysWhichFieldIsWrong()
    {
        var options = new CircuitBreakerOptions { Policies = [new CircuitBreakerPolicy { Resource = "x", FailureThreshold = 0 }] };
        var act = () => new CircuitBreakerDispatcher(Handlers(), new TableCircuitBreakerStore(new SqliteTableStore(Path.Combine(_directory, "v.db"))), options);
        act.Should().Throw<ArgumentException>().WithMessage("Circuit breaker policy for 'x': FailureThreshold must be at least 1, found 0.");
    }

    private async Task OpenAsync(CircuitBreakerDispatcher breaker)
    {
        for (int i = 0; i < 3; i++)
        {
            At(i * 10);
            (await breaker.DispatchAsync(Call(), default)).Error.Should().Be("Payments.Unavailable");
        }

        (await breaker.Store.GetAsync(Resource))!.State.Should().Be(CircuitState.Open);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }

        GC.SuppressFinalize(this);
    }

    private sealed class FailingHttp : ITaskHandler
    {
        public ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
            ValueTask.FromResult(TaskOutcome.Failure("States.Http.StatusCode.503", "unavailable"));
    }
}
