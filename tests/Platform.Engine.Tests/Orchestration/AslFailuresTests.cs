using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;
using Platform.Engine.Tests.Support;

namespace Platform.Engine.Tests.Orchestration;

public sealed class AslFailuresTests
{
    private static readonly DateTime Start = new(2026, 8, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Payment.Declined", "card expired")]
    [InlineData("States.Timeout", null)]
    [InlineData("Custom", "{\"nested\":\"json \\\" quotes\"}")]
    public void FromFailureDetails_AslErrorException_KeepsErrorAndCause(string error, string? cause)
    {
        var thrown = new AslErrorException(error, cause);

        var (readError, readCause) = AslFailures.FromFailureDetails(thrown.GetType().FullName, thrown.Message);

        readError.Should().Be(error);
        readCause.Should().Be(cause);
    }

    [Fact]
    public void FromFailureDetails_OtherException_NamesItAsTheEmbeddedHostsDo()
    {
        var thrown = new InvalidOperationException("the partner refused");
        var local = TaskOutcome.FromException(thrown);

        var (error, cause) = AslFailures.FromFailureDetails(thrown.GetType().FullName, thrown.Message);

        error.Should().Be(local.Error).And.Be("InvalidOperationException");
        cause.Should().Be(local.Cause);
    }

    [Fact]
    public void FromFailureDetails_NestedAndGenericTypes_UseTheShortName()
    {
        AslFailures.FromFailureDetails("Partner.Client+RefusedException", "no").Error.Should().Be("RefusedException");
        AslFailures.FromFailureDetails("Ns.Box`1[[System.Int32, System.Private.CoreLib]]", "no").Error.Should().Be("Box`1");
    }

    [Fact]
    public void FromFailureDetails_AslTypeWithForeignMessage_FallsBackToTheTypeName()
    {
        AslFailures.FromFailureDetails(AslFailures.ErrorType, "not json").Should().Be(("AslErrorException", "not json"));
    }

    [Fact]
    public void FromFailureDetails_NoType_IsTaskFailed()
    {
        AslFailures.FromFailureDetails(null, "lost").Should().Be(("States.TaskFailed", "lost"));
    }

    [Fact]
    public void FromFailureChain_AslErrorNestedInAWrapper_ReadsTheNestedErrorAndCause()
    {
        var thrown = new AslErrorException("Payment.Declined", "card expired");

        var read = AslFailures.FromFailureChain([
            ("Microsoft.Azure.WebJobs.Host.FunctionInvocationException", "Exception while executing function: Functions.asl-task"),
            ("System.AggregateException", "One or more errors occurred."),
            (thrown.GetType().FullName, thrown.Message),
        ]);

        read.Should().Be(("Payment.Declined", "card expired"));
    }

    [Fact]
    public void FromFailureChain_AslErrorAtTheTop_WinsOverInnerRecords()
    {
        var outer = new AslErrorException("Outer", "first");
        var inner = new AslErrorException("Inner", "second");

        AslFailures.FromFailureChain([(outer.GetType().FullName, outer.Message), (inner.GetType().FullName, inner.Message)])
            .Should().Be(("Outer", "first"));
    }

    [Fact]
    public void FromFailureChain_NoAslError_NamesTheOutermostRecord()
    {
        AslFailures.FromFailureChain([("System.InvalidOperationException", "bad input"), ("System.Text.Json.JsonException", "line 1")])
            .Should().Be(("InvalidOperationException", "bad input"));
    }

    [Fact]
    public void FromFailureChain_AslTypeWithForeignMessageInside_FallsBackToTheOutermostRecord()
    {
        AslFailures.FromFailureChain([("Host.WrapperException", "wrapped"), (AslFailures.ErrorType, "not json")])
            .Should().Be(("WrapperException", "wrapped"));
    }

    [Fact]
    public void FromFailureChain_Empty_IsTaskFailed()
    {
        AslFailures.FromFailureChain([]).Should().Be(("States.TaskFailed", (string?)null));
    }

    [Fact]
    public void ToEngineException_Chain_CarriesTheNestedErrorAndCause()
    {
        var thrown = new AslErrorException("Payment.Declined", (string?)null);

        var exception = AslFailures.ToEngineException([("Wrapper", "outer"), (thrown.GetType().FullName, thrown.Message)]);

        (exception.Error, exception.Cause).Should().Be(("Payment.Declined", (string?)null));
    }

    [Fact]
    public void AslErrorException_LongCause_IsCutToAwsLimit()
    {
        var thrown = new AslErrorException("E", new string('x', AslErrorException.MaxCauseLength + 10));

        AslFailures.FromFailureDetails(AslFailures.ErrorType, thrown.Message).Cause.Should().HaveLength(AslErrorException.MaxCauseLength);
    }

    [Fact]
    public void ToException_SuccessfulOutcome_Throws()
    {
        var act = () => AslFailures.ToException(TaskOutcome.Success(JNode.True));

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task RunAsync_TaskFailureThroughFailureDetails_IsCaughtByErrorName()
    {
        var handlers = new TaskHandlerRegistry().Register("Charge", (JNode _) => throw new TaskFailedException("Payment.Declined", "card expired"));
        var machine = StateMachineOrchestrator.FromText("""
            {"StartAt":"Charge","States":{
              "Charge":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Charge","End":true,
                "Catch":[{"ErrorEquals":["Other"],"Next":"Wrong"},{"ErrorEquals":["Payment.Declined"],"ResultPath":"$.failure","Next":"Declined"}]},
              "Wrong":{"Type":"Fail","Error":"Wrong"},
              "Declined":{"Type":"Pass","End":true}}}
            """);
        var context = new WireContext(handlers, Start);

        var result = await machine.RunAsync(context, new ExecutionInput { Input = JNode.Parse("""{"order":7}"""), Type = WorkflowType.Standard });

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output!.ToString().Should().Be("""{"order":7,"failure":{"Error":"Payment.Declined","Cause":"card expired"}}""");
        context.Failures.Should().ContainSingle().Which.ErrorType.Should().Be(AslFailures.ErrorType);
    }

    [Fact]
    public async Task RunAsync_HandlerExceptionThroughFailureDetails_RetriesAndFailsWithItsTypeName()
    {
        int calls = 0;
        var handlers = new TaskHandlerRegistry().Register("Call", (JNode _) =>
        {
            calls++;
            throw new InvalidOperationException("partner down");
        });
        var machine = StateMachineOrchestrator.FromText("""
            {"StartAt":"Call","States":{
              "Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Call","End":true,
                "Retry":[{"ErrorEquals":["InvalidOperationException"],"MaxAttempts":2,"IntervalSeconds":5}]}}}
            """);
        var context = new WireContext(handlers, Start);

        var result = await machine.RunAsync(context, new ExecutionInput { Type = WorkflowType.Standard });

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("InvalidOperationException");
        result.Cause.Should().Be("partner down");
        calls.Should().Be(3);
        context.Now.Should().Be(Start.AddSeconds(15));
    }
}
