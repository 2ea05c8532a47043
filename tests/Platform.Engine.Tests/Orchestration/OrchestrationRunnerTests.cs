using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;
using Platform.Engine.Tests.Support;

namespace Platform.Engine.Tests.Orchestration;

public sealed class OrchestrationRunnerTests
{
    private static readonly DateTime Start = new(2026, 8, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly StateMachineOrchestrator Greeter = StateMachineOrchestrator.FromText("""
        {"StartAt":"Greet","States":{
          "Greet":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:Greet","Next":"Wait"},
          "Wait":{"Type":"Wait","Seconds":60,"Next":"Check"},
          "Check":{"Type":"Choice","Choices":[{"Variable":"$.ok","BooleanEquals":true,"Next":"Done"}],"Default":"Refuse"},
          "Refuse":{"Type":"Fail","Error":"Greeting.Refused","Cause":"not ok"},
          "Done":{"Type":"Succeed"}}}
        """);

    [Fact]
    public async Task RunAsync_Succeeds_ReturnsTheEndDocumentWithOutputAndTimes()
    {
        var context = new WireContext(Handlers(ok: true), Start);
        var runner = new OrchestrationRunner(name => name == "greeter" ? Greeter : null, null);

        var end = ExecutionEnd.Parse(await runner.RunAsync(context, Input("greeter")))!;

        end.Status.Should().Be(ExecutionStatus.Succeeded);
        end.Output!.ToString().Should().Be("""{"ok":true,"name":"Ada"}""");
        (end.StartedAt, end.EndedAt).Should().Be((Start, Start.AddSeconds(60)));
    }

    [Fact]
    public async Task RunAsync_FailState_IsAValueInTheDocumentNotAnException()
    {
        var runner = new OrchestrationRunner(_ => Greeter, null);

        var end = ExecutionEnd.Parse(await runner.RunAsync(new WireContext(Handlers(ok: false), Start), Input("greeter")))!;

        (end.Status, end.Error, end.Cause, end.Output).Should().Be((ExecutionStatus.Failed, "Greeting.Refused", "not ok", (JNode?)null));
    }

    [Fact]
    public async Task RunAsync_UnknownStateMachine_FailsWithItsName()
    {
        var runner = new OrchestrationRunner(_ => null, null);

        var end = ExecutionEnd.Parse(await runner.RunAsync(new WireContext(Handlers(ok: true), Start), Input("missing")))!;

        end.Status.Should().Be(ExecutionStatus.Failed);
        end.Error.Should().Be("States.Runtime");
        end.Cause.Should().Contain("'missing'");
    }

    [Fact]
    public async Task RunAsync_WaitForTaskTokenWithoutKey_FailsAsStandardWithoutTokens()
    {
        var machine = StateMachineOrchestrator.FromText("""
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters":{"QueueUrl":"q","MessageBody":{"t.$":"$$.Task.Token"}},"End":true}}}
            """);
        var runner = new OrchestrationRunner(_ => machine, null);

        var end = ExecutionEnd.Parse(await runner.RunAsync(new WireContext(Handlers(ok: true), Start), Input("m")))!;

        // Standard (a callback is allowed) but no signing key: the engine says so, instead of Express's refusal.
        end.Cause.Should().Contain("no task-token key");
    }

    [Fact]
    public async Task RunAsync_LongLoop_ContinuesAsNewWithTheContinuationOnTheWire()
    {
        var loop = StateMachineOrchestrator.FromText("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Pass","Next":"D"},"D":{"Type":"Succeed"}}}
            """);
        var context = new WireContext(Handlers(ok: true), Start);
        var runner = new OrchestrationRunner(_ => loop, null, continueAsNewAfterEvents: 3);

        string returned = await runner.RunAsync(context, Input("loop"));

        returned.Should().Be("null");
        var next = OrchestrationWire.Read<ExecutionInput>((string)context.ContinuedWith!);
        next.Continuation!.State.Should().BeOneOf("B", "C", "D");
        next.StateMachineName.Should().Be("loop");
        var end = ExecutionEnd.Parse(await new OrchestrationRunner(_ => loop, null, continueAsNewAfterEvents: 100).RunAsync(new WireContext(Handlers(ok: true), Start), (string)context.ContinuedWith!))!;
        end.Status.Should().Be(ExecutionStatus.Succeeded);
        end.StartedAt.Should().Be(Start);
    }

    [Fact]
    public void Parse_NotAnEndDocument_IsNull()
    {
        ExecutionEnd.Parse("null").Should().BeNull();
        ExecutionEnd.Parse("""{"status":"Sideways"}""").Should().BeNull();
        ExecutionEnd.Parse(null).Should().BeNull();
    }

    private static string Input(string machine) =>
        OrchestrationWire.Write(new ExecutionInput { Input = JNode.Parse("""{"name":"Ada"}"""), Name = "e1", StateMachineName = machine });

    private static TaskHandlerRegistry Handlers(bool ok) =>
        new TaskHandlerRegistry().Register("Greet", (JNode input) => new JObject(["ok", "name"], [JNode.From(ok), ((JObject)input)["name"]!]));
}
