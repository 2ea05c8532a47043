using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Runtime.Tests.Engine;

public class HistoryAndContextTests
{
    [Fact]
    public void History_LegacyLambda_UsesLambdaFunctionEventsInAwsOrder()
    {
        var handlers = new TaskHandlerRegistry().Register("Hello", i => i);
        var result = Harness.Run(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Hello","Next":"Done"},"Done":{"Type":"Succeed"}}}""",
            "{\"a\":1}",
            handlers);
        result.EventTypes().Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded",
            "TaskStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded");
        result.History.Select(e => e.Id).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8, 9);
        result.History[1].ToAwsJson().ToString().Should().Contain("\"stateEnteredEventDetails\":{\"name\":\"T\",\"input\":\"{\\\"a\\\":1}\"");
    }

    [Fact]
    public void History_LambdaInvoke_UsesTaskEventsWithResourceTypeAndWrappedResult()
    {
        var handlers = new TaskHandlerRegistry().Register("Hello", _ => JNode.Parse("{\"hi\":true}"));
        var result = Harness.Run(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"Hello","Payload.$":"$"},"OutputPath":"$.Payload","End":true}}}""",
            handlers: handlers);
        result.ShouldSucceedWith("{\"hi\":true}");
        var scheduled = result.History.Single(e => e.Type == "TaskScheduled").Details!;
        scheduled["resourceType"].Should().Be(JNode.From("lambda"));
        scheduled["resource"].Should().Be(JNode.From("invoke"));
    }

    [Fact]
    public void History_Fail_EndsWithExecutionFailedAndNoExit()
    {
        var result = Harness.Run("""{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}""");
        result.EventTypes().Should().Equal("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
        result.History[^1].Details!.ToString().Should().Be("{\"error\":\"E\",\"cause\":\"C\"}");
    }

    [Fact]
    public void ContextObject_InPass_HasAwsFields()
    {
        var result = Harness.Run("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"ctx.$":"$$"},"End":true}}}""", "{\"in\":1}");
        var ctx = (JObject)((JObject)result.Output!)["ctx"]!;
        var execution = (JObject)ctx["Execution"]!;
        execution["Id"].Should().Be(JNode.From("arn:aws:states:us-east-1:123456789012:execution:Machine:test"));
        execution["Input"].Should().Be(JNode.Parse("{\"in\":1}"));
        execution["StartTime"].Should().Be(JNode.From("2024-01-01T00:00:00.000Z"));
        execution["RedriveCount"].Should().Be(JNode.From(0));
        ctx["StateMachine"].Should().Be(JNode.Parse("{\"Id\":\"arn:aws:states:us-east-1:123456789012:stateMachine:Machine\",\"Name\":\"Machine\"}"));
        ctx["State"].Should().Be(JNode.Parse("{\"EnteredTime\":\"2024-01-01T00:00:00.000Z\",\"Name\":\"P\"}"));
    }

    [Fact]
    public void Variables_AssignTakesEffectInTheNextState()
    {
        var result = Harness.Run("""
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"answer":42},"Next":"B"},
              "B":{"Type":"Pass","InputPath":"$answer","Assign":{"answer":"changed"},"OutputPath":"$answer","Next":"C"},
              "C":{"Type":"Pass","Parameters":{"old.$":"$","now.$":"$answer"},"End":true}}}
            """);
        result.ShouldSucceedWith("{\"old\":42,\"now\":\"changed\"}");
        var exited = result.History.First(e => e.Type == "PassStateExited").Details!;
        exited["assignedVariables"].Should().Be(JNode.Parse("{\"answer\":\"42\"}"));
    }

    [Fact]
    public void Input_VeryDeepJson_IsProcessedWithoutOverflow()
    {
        string deep = string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500);
        var result = Harness.Run("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"none.$":"$..b","copy.$":"$"},"End":true}}}""", deep);
        result.Status.Should().Be(Platform.Engine.Execution.ExecutionStatus.Succeeded, $"{result.Error}: {result.Cause}");
        ((JObject)result.Output!)["none"].Should().Be(JArray.Empty);
        ((JObject)result.Output!)["copy"].Should().Be(JNode.Parse(deep));
    }

    [Fact]
    public void Input_OverTheDataLimit_FailsTheExecution()
    {
        var result = Harness.Run("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", "\"" + new string('x', 262_200) + "\"");
        result.ShouldFailWith("States.DataLimitExceeded");
    }

    [Theory]
    [InlineData("arn:aws:states:::lambda:invoke.waitForTaskToken", ".waitForTaskToken")]
    [InlineData("arn:aws:states:::states:startExecution.sync", ".sync")]
    public void Task_CallbackPatterns_AreRefusedInExpressAsAws(string resource, string suffix)
    {
        var handlers = new TaskHandlerRegistry().Register("Hello", i => i);
        var result = Harness.Run(
            "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + resource + "\",\"Parameters\":{\"FunctionName\":\"Hello\"},\"End\":true}}}",
            handlers: handlers);
        result.ShouldFailWith("States.Runtime", $"Express state machine does not support '{suffix}' service integration");
        result.EventTypes().Should().NotContain("TaskScheduled");
    }
}
