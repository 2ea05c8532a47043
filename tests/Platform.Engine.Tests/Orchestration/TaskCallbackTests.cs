using Platform.Asl.Json;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;

namespace Platform.Engine.Tests.Orchestration;

public sealed class TaskCallbackTests
{
    private static readonly DateTime Now = new(2026, 8, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TaskTokens Tokens = new(new byte[32]);
    private static readonly string Token = Tokens.Issue("arn:aws:states:us-east-1:1:execution:M:e", "task-0f", Now.AddHours(1));

    [Fact]
    public void Success_ValidToken_RaisesTheWaitIdWithTheOutput()
    {
        var callback = TaskCallback.Success(Tokens, Token, JNode.Parse("""{"approved":true}"""), Now);

        callback.IsValid.Should().BeTrue();
        callback.InstanceId.Should().Be("arn:aws:states:us-east-1:1:execution:M:e");
        callback.EventName.Should().Be("task-0f");
        OrchestrationWire.Read<TaskOutcome>(callback.Payload).Result!.ToString().Should().Be("""{"approved":true}""");
    }

    [Fact]
    public void Failure_ValidToken_CarriesErrorAndCause()
    {
        var callback = TaskCallback.Failure(Tokens, Token, "Rejected", "by Ada", Now);
        var outcome = OrchestrationWire.Read<TaskOutcome>(callback.Payload);

        callback.EventName.Should().Be("task-0f");
        (outcome.Error, outcome.Cause).Should().Be(("Rejected", "by Ada"));
    }

    [Fact]
    public void Heartbeat_ValidToken_RaisesTheHeartbeatEvent()
    {
        var callback = TaskCallback.Heartbeat(Tokens, Token, Now);

        callback.EventName.Should().Be("task-0f" + TaskTokens.HeartbeatEventSuffix);
        callback.InstanceId.Should().Be("arn:aws:states:us-east-1:1:execution:M:e");
    }

    [Fact]
    public void Success_ExpiredToken_IsRefusedWithNothingToRaise()
    {
        var callback = TaskCallback.Success(Tokens, Token, JNode.Null, Now.AddHours(2));

        callback.IsValid.Should().BeFalse();
        callback.Check.Status.Should().Be(TaskTokenStatus.Expired);
        (callback.InstanceId, callback.EventName, callback.Payload).Should().Be(((string?)null, (string?)null, (string?)null));
    }

    [Fact]
    public void Success_TokenSignedWithAnotherKey_IsInvalid()
    {
        string forged = new TaskTokens(Enumerable.Repeat((byte)7, 32).ToArray()).Issue("e", "w", Now.AddHours(1));

        TaskCallback.Success(Tokens, forged, JNode.Null, Now).Check.Status.Should().Be(TaskTokenStatus.Invalid);
    }
}
