using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>Nested executions on the durable host: <c>states:startExecution.sync</c> and <c>.sync:2</c> run the child as a
/// sub-orchestration and return AWS's DescribeExecution shape.</summary>
public class NestedExecutionTests
{
    private const string Child = """
        {"StartAt":"Wait","States":{
          "Wait":{"Type":"Wait","Seconds":3600,"Next":"Check"},
          "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":100,"Next":"TooBig"}],"Default":"Double"},
          "Double":{"Type":"Task","Resource":"Double","End":true},
          "TooBig":{"Type":"Fail","Error":"TooBig","Cause":"n is over 100"}}}
        """;

    private static string Parent(string suffix) => """
        {"StartAt":"Run","States":{
          "Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.SUFFIX",
                 "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Child","Input":{"n.$":"$.n"},"Name.$":"$.child"},
                 "Catch":[{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.failed","Next":"Failed"}],"End":true},
          "Failed":{"Type":"Pass","End":true}}}
        """.Replace("SUFFIX", suffix, StringComparison.Ordinal);

    private static TaskHandlerRegistry Handlers() => EquivalenceTests.Handlers(new CallCounter());

    [Fact]
    public async Task Sync2_ReturnsTheChildsOutputAsJson_AfterTheChildsWait()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h
            .RegisterStateMachine("Child", Harness.Compile(Child))
            .RegisterStateMachine("Machine", Harness.Compile(Parent("sync:2"))));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":21,"child":"c1"}"""));

        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        var output = (JObject)result.Output!;
        output["ExecutionArn"].Should().Be(JNode.From("arn:aws:states:us-east-1:123456789012:execution:Child:c1"));
        output["Status"].Should().Be(JNode.From("SUCCEEDED"));
        output["Input"].Should().Be(JNode.Parse("""{"n":21}"""));
        output["Output"].Should().Be(JNode.Parse("""{"n":42}"""));
        output["StopDate"].Should().Be(JNode.From(new DateTimeOffset(Harness.Start.AddHours(1)).ToUnixTimeMilliseconds()), "the child waited an hour");
        host.GetExecution("arn:aws:states:us-east-1:123456789012:execution:Child:c1")!.Status.Should().Be(DurableStatus.Succeeded);
    }

    [Fact]
    public async Task Sync_ReturnsInputAndOutputAsJsonText()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h
            .RegisterStateMachine("Child", Harness.Compile(Child))
            .RegisterStateMachine("Machine", Harness.Compile(Parent("sync"))));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":1,"child":"c2"}"""));

        var output = (JObject)(await fixture.DriveAsync(host, id)).Output!;

        output["Input"].Should().Be(JNode.From("""{"n":1}"""));
        output["Output"].Should().Be(JNode.From("""{"n":2}"""));
    }

    [Fact]
    public async Task AFailedChild_FailsTheTaskWithStatesTaskFailed_AndItsDescriptionAsTheCause()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h
            .RegisterStateMachine("Child", Harness.Compile(Child))
            .RegisterStateMachine("Machine", Harness.Compile(Parent("sync:2"))));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":500,"child":"c3"}"""));

        var output = (JObject)(await fixture.DriveAsync(host, id)).Output!;

        var failed = (JObject)output["failed"]!;
        failed["Error"].Should().Be(JNode.From("States.TaskFailed"));
        var cause = (JObject)JNode.Parse(((JString)failed["Cause"]!).Value);
        cause["Status"].Should().Be(JNode.From("FAILED"));
        cause["Error"].Should().Be(JNode.From("TooBig"));
        cause["Cause"].Should().Be(JNode.From("n is over 100"));
    }

    [Fact]
    public async Task ParentAndChild_ResumeAfterARestart()
    {
        using var fixture = new DurableFixture();
        var counter = new CallCounter();
        void Register(DurableHost h) => h.RegisterStateMachine("Child", Harness.Compile(Child)).RegisterStateMachine("Machine", Harness.Compile(Parent("sync:2")));
        string id;
        await using (var first = fixture.Open(EquivalenceTests.Handlers(counter), Register))
        {
            id = await first.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":5,"child":"c4"}"""));
            await DurableFixture.IdleAsync(first);
            first.GetExecution("arn:aws:states:us-east-1:123456789012:execution:Child:c4")!.Status.Should().Be(DurableStatus.Running, "the child waits on its timer");
        }

        var second = fixture.Open(EquivalenceTests.Handlers(counter), Register);
        var result = await fixture.DriveAsync(second, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        ((JObject)result.Output!)["Output"].Should().Be(JNode.Parse("""{"n":10}"""));
        counter["Double"].Should().Be(1);
    }

    [Fact]
    public async Task AChildNameThatIsTaken_FailsTheTask()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h
            .RegisterStateMachine("Child", Harness.Compile(Child))
            .RegisterStateMachine("Machine", Harness.Compile(Parent("sync:2"))));
        await host.StartExecutionAsync("Child", DurableAssertions.Input("""{"n":1}""", "taken") with { StateMachineName = "Child" });
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":1,"child":"taken"}"""));

        var output = (JObject)(await fixture.DriveAsync(host, id)).Output!;

        ((JObject)output["failed"]!)["Cause"]!.ToString().Should().Contain("ExecutionAlreadyExists");
    }

    [Fact]
    public async Task RequestResponse_StartsTheChild_AndDoesNotWaitForIt()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h
            .RegisterStateMachine("Child", Harness.Compile(Child))
            .RegisterStateMachine("Machine", Harness.Compile(Parent("sync:2").Replace("startExecution.sync:2", "startExecution", StringComparison.Ordinal))));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":4,"child":"fire-and-forget"}"""));

        var parent = await host.WaitForCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(30));

        parent.Status.Should().Be(DurableStatus.Succeeded, parent.Cause);
        string childId = "arn:aws:states:us-east-1:123456789012:execution:Child:fire-and-forget";
        ((JObject)parent.Output!)["ExecutionArn"].Should().Be(JNode.From(childId));
        host.GetExecution(childId)!.Status.Should().Be(DurableStatus.Running, "the parent did not wait for the child's hour");
        (await fixture.DriveAsync(host, childId)).Output.Should().Be(JNode.Parse("""{"n":8}"""));
    }

    [Fact]
    public async Task WaitForTaskToken_PassesTheTokenToTheChild_AndResumesOnItsAnswer()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h
            .RegisterStateMachine("Child", Harness.Compile("""{"StartAt":"Hold","States":{"Hold":{"Type":"Pass","End":true}}}"""))
            .RegisterStateMachine("Machine", Harness.Compile("""
                {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
                  "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Child","Name":"approver","Input":{"token.$":"$$.Task.Token"}},"End":true}}}
                """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        string childId = "arn:aws:states:us-east-1:123456789012:execution:Child:approver";
        await DurableFixture.IdleAsync(host);
        var child = await host.WaitForCompletionAsync(childId).WaitAsync(TimeSpan.FromSeconds(30));

        await host.SendTaskSuccessAsync(((JString)((JObject)child.Output!)["token"]!).Value, JNode.Parse("""{"approved":true}"""));

        (await fixture.DriveAsync(host, id)).Output.Should().Be(JNode.Parse("""{"approved":true}"""));
    }

    [Fact]
    public async Task Sync_OfAStateMachineThatIsNotRegistered_FailsTheTask_InsteadOfWaitingForever()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h.RegisterStateMachine("Machine", Harness.Compile(Parent("sync:2"))));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":1,"child":"nobody"}"""));

        var output = (JObject)(await fixture.DriveAsync(host, id)).Output!;

        ((JObject)output["failed"]!)["Cause"]!.ToString().Should().Contain("StateMachineDoesNotExist");
    }

    [Fact]
    public async Task RequestResponse_WithANameTakenByAnotherInput_IsExecutionAlreadyExists()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(), h => h
            .RegisterStateMachine("Child", Harness.Compile(Child))
            .RegisterStateMachine("Machine", Harness.Compile(Parent("sync:2").Replace("startExecution.sync:2", "startExecution", StringComparison.Ordinal))));
        await host.StartExecutionAsync("Child", DurableAssertions.Input("""{"n":99}""", "busy") with { StateMachineName = "Child" });
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"n":1,"child":"busy"}"""));

        var result = await host.WaitForCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(30));

        // States.TaskFailed in the parent's Catch matches any task error but a timeout.
        ((JObject)((JObject)result.Output!)["failed"]!)["Error"].Should().Be(JNode.From("StepFunctions.ExecutionAlreadyExistsException"));
    }
}
