using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Engine.Tests.Tasks;

public class TaskHandlerRegistryTests
{
    private static TaskInvocation Invocation(string resource, string input) => new()
    {
        StateName = "S",
        Resource = resource,
        Input = JNode.Parse(input),
        ExecutionId = "exec",
    };

    private static readonly TaskHandlerRegistry Registry = new TaskHandlerRegistry()
        .Register("Echo", input => input)
        .Register("Boom", (Func<JNode, JNode>)(_ => throw new InvalidOperationException("bad state")))
        .Register("Named", (Func<JNode, JNode>)(_ => throw new TaskFailedException("Custom.Error", "custom cause")));

    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:Echo")]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:Echo")]
    [InlineData("Echo")]
    public async Task DispatchAsync_NameForms_ReachTheHandlerWithThePayload(string resource)
    {
        var outcome = await Registry.DispatchAsync(Invocation(resource, "{\"a\":1}"), default);
        outcome.IsSuccess.Should().BeTrue();
        outcome.Result.Should().Be(JNode.Parse("{\"a\":1}"));
    }

    [Fact]
    public async Task DispatchAsync_LambdaInvoke_WrapsThePayloadAsAws()
    {
        var outcome = await Registry.DispatchAsync(
            Invocation("arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"arn:aws:lambda:us-east-1:1:function:Echo:live\",\"Payload\":{\"x\":2}}"), default);
        var result = (JObject)outcome.Result!;
        result["Payload"].Should().Be(JNode.Parse("{\"x\":2}"));
        result["StatusCode"].Should().Be(JNode.From(200));
        result["ExecutedVersion"].Should().Be(JNode.From("$LATEST"));
    }

    [Fact]
    public async Task DispatchAsync_LambdaInvokeUnknownFunction_FailsWithLambdaError()
    {
        var outcome = await Registry.DispatchAsync(Invocation("arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"Nope\"}"), default);
        outcome.Error.Should().Be("Lambda.ResourceNotFoundException");
    }

    [Fact]
    public async Task DispatchAsync_HandlerThrows_BecomesErrorValue()
    {
        var plain = await Registry.DispatchAsync(Invocation("Boom", "{}"), default);
        plain.Error.Should().Be("InvalidOperationException");
        plain.Cause.Should().Be("bad state");

        var named = await Registry.DispatchAsync(Invocation("Named", "{}"), default);
        named.Error.Should().Be("Custom.Error");
        named.Cause.Should().Be("custom cause");
    }

    [Fact]
    public async Task DispatchAsync_UnknownHandler_FailsWithRuntimeErrorNamingIt()
    {
        var outcome = await Registry.DispatchAsync(Invocation("arn:aws:lambda:us-east-1:1:function:Missing", "{}"), default);
        outcome.Error.Should().Be("States.Runtime");
        outcome.Cause.Should().Contain("'Missing'");
    }

    [Fact]
    public async Task DispatchAsync_LambdaInvoke_PassesTheActivityIdToTheHandler()
    {
        string? seen = null;
        var registry = new TaskHandlerRegistry().Register("Probe", (invocation, _) =>
        {
            seen = invocation.ActivityId;
            return ValueTask.FromResult(TaskOutcome.Success(JNode.Null));
        });
        var invocation = new TaskInvocation
        {
            StateName = "S",
            Resource = "arn:aws:states:::lambda:invoke",
            Input = JNode.Parse("{\"FunctionName\":\"Probe\"}"),
            ExecutionId = "exec",
            ActivityId = "exec:7",
        };

        (await registry.DispatchAsync(invocation, default)).IsSuccess.Should().BeTrue();
        seen.Should().Be("exec:7");
    }
}
