using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;

namespace Platform.Engine.Tests.Orchestration;

public sealed class OrchestrationWireTests
{
    [Fact]
    public void Write_TaskInvocation_ReadsBackEveryField()
    {
        var invocation = new TaskInvocation
        {
            StateName = "Charge",
            Resource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            Input = JNode.Parse("""{"amount":12.5,"items":[1,2]}"""),
            ExecutionId = "arn:aws:states:us-east-1:1:execution:M:e",
            Attempt = 3,
            TaskToken = "v1.abc.def",
            TimeoutSeconds = 30,
            Credentials = JNode.Parse("""{"RoleArn":"r"}"""),
        };

        var read = OrchestrationWire.ReadInvocation(OrchestrationWire.Write(invocation), "i:4");

        read.Should().BeEquivalentTo(invocation, o => o.Excluding(i => i.ActivityId).Excluding(i => i.Input).Excluding(i => i.Credentials));
        read.Input.ToString().Should().Be(invocation.Input.ToString());
        read.Credentials!.ToString().Should().Be(invocation.Credentials.ToString());
        read.ActivityId.Should().Be("i:4");
    }

    [Fact]
    public void Write_SameInvocation_GivesTheSameText()
    {
        TaskInvocation Make() => new() { StateName = "S", Resource = "R", Input = JNode.Parse("""{"b":1,"a":2}"""), ExecutionId = "e" };

        OrchestrationWire.Write(Make()).Should().Be(OrchestrationWire.Write(Make()));
    }

    [Fact]
    public void Read_TaskOutcomes_RoundTripSuccessFailureAndDefault()
    {
        var success = OrchestrationWire.Read<TaskOutcome>(OrchestrationWire.Write(TaskOutcome.Success(JNode.Parse("[1]"))));
        var failure = OrchestrationWire.Read<TaskOutcome>(OrchestrationWire.Write(TaskOutcome.Failure("E", "c")));
        var none = OrchestrationWire.Read<TaskOutcome>(OrchestrationWire.Write(default(TaskOutcome)));

        success.Result!.ToString().Should().Be("[1]");
        (failure.Error, failure.Cause, failure.IsSuccess).Should().Be(("E", "c", false));
        (none.Error, none.IsSuccess).Should().Be(((string?)null, false));
    }

    [Fact]
    public void Read_ExecutionInputWithContinuation_RoundTrips()
    {
        var input = new ExecutionInput
        {
            Input = JNode.Parse("""{"x":1}"""),
            Name = "run-1",
            StateMachineName = "orders",
            Region = "westeurope",
            Account = "42",
            RedriveCount = 2,
            ContinueAsNewAfterEvents = 500,
            Continuation = new ExecutionContinuation
            {
                State = "Next",
                StateInput = JNode.Parse("[true]"),
                Variables = (JObject)JNode.Parse("""{"v":"w"}"""),
                LastEventId = 77,
                StartTime = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
                Generation = 3,
            },
        };

        string wire = OrchestrationWire.Write(input);
        var read = OrchestrationWire.Read<ExecutionInput>(wire);

        OrchestrationWire.Write(read).Should().Be(wire);
        read.ExecutionArn.Should().Be("arn:aws:states:westeurope:42:execution:orders:run-1");
        read.Continuation!.StartTime.Should().Be(input.Continuation.StartTime);
    }

    [Fact]
    public void Read_MapRunChild_RoundTrips()
    {
        var input = new ExecutionInput
        {
            Input = JNode.Parse("""{"n":3}"""),
            Name = "c0ffee",
            StateMachineName = "orders/fan",
            MapRunChildren = true,
            MapRun = new MapRunChild
            {
                MapState = "/States/Fan",
                ParentExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:orders:run-1",
                MapRunArn = "arn:aws:states:us-east-1:123456789012:mapRun:orders/fan:1",
            },
        };

        string wire = OrchestrationWire.Write(input);
        var read = OrchestrationWire.Read<ExecutionInput>(wire);

        OrchestrationWire.Write(read).Should().Be(wire);
        read.MapRun.Should().Be(input.MapRun);
        read.MapRunChildren.Should().BeTrue();
        OrchestrationWire.Read<ExecutionInput>(OrchestrationWire.Write(input with { MapRun = null, MapRunChildren = false })).MapRun.Should().BeNull();
    }

    [Fact]
    public void Read_JsonAndText_ReturnsNodeOrTheTextItself()
    {
        OrchestrationWire.Read<JNode>("""{"a":[1]}""").Should().BeOfType<JObject>();
        OrchestrationWire.Read<string>("""{"a":[1]}""").Should().Be("""{"a":[1]}""");
        OrchestrationWire.Write(null).Should().Be("null");
    }

    [Fact]
    public void Write_UnknownType_IsRefused()
    {
        var act = () => OrchestrationWire.Write(new Uri("https://example.com"));

        act.Should().Throw<NotSupportedException>().WithMessage("*Uri*");
    }

    [Fact]
    public void Read_InvocationWithoutStateName_SaysWhichField()
    {
        var act = () => OrchestrationWire.ReadInvocation("""{"resource":"r","executionId":"e"}""", null);

        act.Should().Throw<FormatException>().WithMessage("*stateName*");
    }
}
