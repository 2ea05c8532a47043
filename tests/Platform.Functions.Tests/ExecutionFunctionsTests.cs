using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunExecution_MapRunFailsWhileChildrenRun_StopsThemThroughTheStopActivity(bool stopFails)
    {
        const string Fan = """
            {"StartAt":"Fan","States":{
              "Fan":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Work","States":{
                "Work":{"Type":"Pass","End":true}}},
                "Catch":[{"ErrorEquals":["States.ExceedToleratedFailureThreshold"],"Next":"Caught"}],"End":true},
              "Caught":{"Type":"Pass","End":true}}}
            """;
        var input = new ExecutionInput { Input = JNode.Parse("[0,1,2]"), Name = "e1", StateMachineName = "fan", MapRunChildren = true };
        var context = new Mock<TaskOrchestrationContext>();
        context.SetupGet(c => c.InstanceId).Returns(input.ExecutionArn);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.Setup(c => c.GetInput<string>()).Returns(OrchestrationWire.Write(input));
        context.Setup(c => c.NewGuid()).Returns(Guid.NewGuid);
        var children = new List<string>();
        var first = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<string>();
        context.Setup(c => c.CallSubOrchestratorAsync<string>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? _, TaskOptions? options) =>
            {
                // The first child fails once all three run; the other two never end.
                children.Add(((SubOrchestrationOptions)options!).InstanceId!);
                if (children.Count == 3)
                {
                    first.SetResult("""{"status":"Failed","error":"Bad.Item","cause":"item 0"}""");
                }

                return children.Count == 1 ? first.Task : never.Task;
            });
        string? stopped = null;
        var stop = context.Setup(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == ActivityNames.StopExecutions), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback((TaskName _, object? ids, TaskOptions? _) => stopped = (string)ids!);
        if (stopFails)
        {
            // A failed stop leaves the children running; the Map Run's own failure is what Catch sees.
            stop.ThrowsAsync(new Microsoft.DurableTask.TaskFailedException(ActivityNames.StopExecutions, 1, new TaskFailureDetails("System.InvalidOperationException", "store down", null, null, null)));
        }
        else
        {
            stop.ReturnsAsync("null");
        }

        var end = ExecutionEnd.Parse(await new ExecutionFunctions(TestPlatform.Create(("fan", Fan))).RunExecution(context.Object))!;

        end.Status.Should().Be(ExecutionStatus.Succeeded);
        ((JString)((JObject)end.Output!)["Error"]!).Value.Should().Be("States.ExceedToleratedFailureThreshold");
        children.Should().HaveCount(3);
        JNode.Parse(stopped!).Should().Be(new JArray([JNode.From(children[1]), JNode.From(children[2])]), "the children still running are stopped, not the one that failed");
    }

    [Fact]
    public async Task StopExecutions_TerminatesTheInstancesStillRunningOrNotYetStarted_AndTriesEveryOne()
    {
        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.GetInstanceAsync("running", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(OrchestratorNames.Execution, "running") { RuntimeStatus = OrchestrationRuntimeStatus.Running });
        client.Setup(c => c.GetInstanceAsync("done", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(OrchestratorNames.Execution, "done") { RuntimeStatus = OrchestrationRuntimeStatus.Completed });
        client.Setup(c => c.GetInstanceAsync("missing", false, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        client.Setup(c => c.GetInstanceAsync("broken", false, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("store down"));
        client.Setup(c => c.TerminateInstanceAsync(It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var act = () => ExecutionFunctions.StopExecutions("""["broken","running","done","missing"]""", client.Object, CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("store down");
        client.Verify(c => c.TerminateInstanceAsync("running", It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Once);
        client.Verify(c => c.TerminateInstanceAsync("missing", It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Once, "a child not started yet is terminated all the same");
        client.Verify(c => c.TerminateInstanceAsync("done", It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
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
