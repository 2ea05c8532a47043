using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Testing;

namespace Platform.Runtime.Tests.Testing;

public class MockTaskDispatcherTests
{
    [Fact]
    public async Task Dispatch_CountsInvocationsPerStateName()
    {
        var mocks = TestCaseLoader.ParseMocks(
            JNode.Parse("""{ "A": { "0": { "Return": "a0" }, "1-2": { "Return": "a1" } }, "B": { "0": { "Throw": { "Error": "E" } } } }"""), "m.json", string.Empty);
        var dispatcher = new MockTaskDispatcher(mocks);

        var a0 = await dispatcher.DispatchAsync(Invocation("A"), default);
        var b0 = await dispatcher.DispatchAsync(Invocation("B"), default);
        var a1 = await dispatcher.DispatchAsync(Invocation("A"), default);
        var a2 = await dispatcher.DispatchAsync(Invocation("A"), default);
        var a3 = await dispatcher.DispatchAsync(Invocation("A"), default);

        a0.Result.Should().Be(JNode.From("a0"));
        a1.Result.Should().Be(JNode.From("a1"));
        a2.Result.Should().Be(JNode.From("a1"));
        b0.Error.Should().Be("E");
        b0.Cause.Should().BeNull();
        a3.Error.Should().Be(MockTaskDispatcher.MissingMockError);
        dispatcher.InvocationCount("A").Should().Be(4);
        dispatcher.Problems.Should().ContainSingle().Which.Should().Be(
            "state 'A' was invoked 4 time(s) but its mocks cover invocations 0, 1-2 only (no entry for invocation 3)");
    }

    [Fact]
    public async Task Dispatch_UnmockedState_GoesToTheInnerDispatcher()
    {
        var inner = new TaskHandlerRegistry().Register("fn", (JNode input) => JNode.From("inner"));
        var dispatcher = new MockTaskDispatcher(new Dictionary<string, TaskMock>(), inner);

        var outcome = await dispatcher.DispatchAsync(Invocation("Other", "fn"), default);

        outcome.Result.Should().Be(JNode.From("inner"));
        dispatcher.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task Dispatch_MockedReturn_IsTheRawResultEvenForLambdaInvoke()
    {
        var mocks = TestCaseLoader.ParseMocks(JNode.Parse("""{ "A": { "0": { "Return": { "Payload": 1 } } } }"""), "m.json", string.Empty);
        var dispatcher = new MockTaskDispatcher(mocks);

        var outcome = await dispatcher.DispatchAsync(Invocation("A", "arn:aws:states:::lambda:invoke"), default);

        outcome.Result.Should().Be(JNode.Parse("""{ "Payload": 1 }"""));
    }

    private static TaskInvocation Invocation(string state, string resource = "arn:aws:lambda:us-east-1:1:function:fn") =>
        new() { StateName = state, Resource = resource, Input = JObject.Empty, ExecutionId = "x" };
}
