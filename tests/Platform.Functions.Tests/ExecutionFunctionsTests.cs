using Microsoft.DurableTask;
using Moq;
using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;
using Platform.Functions.Functions;

namespace Platform.Functions.Tests;

public sealed class ExecutionFunctionsTests
{
    private static readonly DateTime Now = new(2026, 8, 1, 12, 0, 0, DateTimeKind.Utc);

    private const string Charge = """
        {"StartAt":"Charge","States":{
          "Charge":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Charge","End":true,
            "Catch":[{"ErrorEquals":["Payment.Declined"],"ResultPath":"$.failure","Next":"Declined"}]},
          "Declined":{"Type":"Pass","End":true}}}
        """;

    [Fact]
    public async Task RunExecution_ActivitySucceeds_ReturnsSucceededEndWithItsOutput()
    {
        var context = Context(OrchestrationWire.Write(TaskOutcome.Success(JNode.Parse("""{"paid":true}"""))));

        var end = ExecutionEnd.Parse(await new ExecutionFunctions(TestPlatform.Create(("charge", Charge))).RunExecution(context.Object))!;

        end.Status.Should().Be(ExecutionStatus.Succeeded);
        end.Output!.ToString().Should().Be("""{"paid":true}""");
        context.Verify(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == ActivityNames.ExecuteTask), It.Is<object?>(i => ((string)i!).Contains("\"stateName\":\"Charge\"")), null), Times.Once);
    }

    [Fact]
    public async Task RunExecution_ActivityFailsWithAslError_IsCaughtByName()
    {
        var thrown = new AslErrorException("Payment.Declined", "card expired");
        var context = Context(null, new Microsoft.DurableTask.TaskFailedException(ActivityNames.ExecuteTask, 0, new TaskFailureDetails(thrown.GetType().FullName!, thrown.Message, null, null, null)));

        var end = ExecutionEnd.Parse(await new ExecutionFunctions(TestPlatform.Create(("charge", Charge))).RunExecution(context.Object))!;

        end.Status.Should().Be(ExecutionStatus.Succeeded);
        end.Output!.ToString().Should().Be("""{"order":1,"failure":{"Error":"Payment.Declined","Cause":"card expired"}}""");
    }

    [Fact]
    public async Task RunExecution_ActivityFailsWithAslErrorNestedInAnInvocationFailure_IsCaughtByName()
    {
        var thrown = new AslErrorException("Payment.Declined", "card expired");
        var nested = new TaskFailureDetails("Microsoft.Azure.WebJobs.Host.FunctionInvocationException", "Exception while executing function: Functions.asl-task", null,
            new TaskFailureDetails(thrown.GetType().FullName!, thrown.Message, null, null, null), null);
        var context = Context(null, new Microsoft.DurableTask.TaskFailedException(ActivityNames.ExecuteTask, 0, nested));

        var end = ExecutionEnd.Parse(await new ExecutionFunctions(TestPlatform.Create(("charge", Charge))).RunExecution(context.Object))!;

        end.Status.Should().Be(ExecutionStatus.Succeeded);
        end.Output!.ToString().Should().Be("""{"order":1,"failure":{"Error":"Payment.Declined","Cause":"card expired"}}""");
    }

    [Fact]
    public async Task ExecuteTask_HandlerFails_ThrowsAslErrorWithErrorAndCause()
    {
        var platform = TestPlatform.Create();
        platform.Options.Tasks.Register("Refuse", (JNode _) => throw new Platform.Engine.Tasks.TaskFailedException("Partner.Refused", "closed"));
        string invocation = OrchestrationWire.Write(new TaskInvocation
        {
            StateName = "S", Resource = "arn:aws:lambda:us-east-1:123456789012:function:Refuse", Input = JObject.Empty, ExecutionId = "e",
        });

        var act = () => new ExecutionFunctions(platform).ExecuteTask(invocation, CancellationToken.None);

        var thrown = (await act.Should().ThrowAsync<AslErrorException>()).Which;
        AslFailures.FromFailureDetails(thrown.GetType().FullName, thrown.Message).Should().Be(("Partner.Refused", "closed"));
    }

    private static Mock<TaskOrchestrationContext> Context(string? activityResult, Exception? activityFailure = null)
    {
        var input = new ExecutionInput { Input = JNode.Parse("""{"order":1}"""), Name = "e1", StateMachineName = "charge" };
        var context = new Mock<TaskOrchestrationContext>();
        context.SetupGet(c => c.InstanceId).Returns(input.ExecutionArn);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.Setup(c => c.GetInput<string>()).Returns(OrchestrationWire.Write(input));
        var call = context.Setup(c => c.CallActivityAsync<string>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()));
        if (activityFailure is null)
        {
            call.ReturnsAsync(activityResult!);
        }
        else
        {
            call.ThrowsAsync(activityFailure);
        }

        return context;
    }
}
