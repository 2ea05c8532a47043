using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Runtime.Tests.Engine;

public class JsonataStateTests
{
    [Fact]
    public void Task_ArgumentsOutputAndAssign_SeeStatesResultAndEntryValues()
    {
        var handlers = new TaskHandlerRegistry().Register("Double", input => JNode.From(((JNumber)((JObject)input)["n"]!).Value * 2));
        var result = Harness.Run("""
            {"QueryLanguage":"JSONata","StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"count":1},"Next":"T"},
              "T":{"Type":"Task","Resource":"Double","Arguments":{"n":"{% $states.input.value %}"},
                   "Output":{"doubled":"{% $states.result %}","countAtEntry":"{% $count %}"},"Assign":{"count":"{% $count + 1 %}"},"Next":"Show"},
              "Show":{"Type":"Pass","Output":"{% $merge([$states.input, {'count': $count}]) %}","End":true}}}
            """, "{\"value\":21}", handlers);
        result.ShouldSucceedWith("{\"doubled\":42,\"countAtEntry\":1,\"count\":2}");
    }

    [Fact]
    public void Catch_OutputAndAssign_SeeStatesErrorOutput()
    {
        var handlers = new TaskHandlerRegistry().Register("Fails", _ => TaskOutcome.Failure("Custom.Error", "broken"));
        var result = Harness.Run("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"Fails","Catch":[{"ErrorEquals":["States.ALL"],"Output":{"why":"{% $states.errorOutput.Cause %}"},"Assign":{"err":"{% $states.errorOutput.Error %}"},"Next":"Done"}],"End":true},
              "Done":{"Type":"Pass","Output":"{% $states.input.why & '/' & $err %}","End":true}}}
            """, handlers: handlers);
        result.ShouldSucceedWith("\"broken/Custom.Error\"");
    }

    [Fact]
    public void Task_HeartbeatSecondsExpression_MustBeAPositiveInteger()
    {
        var handlers = new TaskHandlerRegistry().Register("Echo", input => input);
        var result = Harness.Run("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"Echo","HeartbeatSeconds":"{% $states.input.hb %}","End":true}}}
            """, "{\"hb\":-5}", handlers);
        result.ShouldFailWith("States.QueryEvaluationError", "The HeartbeatSeconds field must be a positive integer, but was: -5");

        Harness.Run("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"Echo","HeartbeatSeconds":"{% $states.input.hb %}","End":true}}}
            """, "{\"hb\":30}", handlers).ShouldSucceedWith("{\"hb\":30}");
    }

    [Fact]
    public void ContextObject_IsThereForEveryExpressionThatCanReadIt()
    {
        // Expressions that cannot read $states.context get a $states without it; every way of reading it must still work.
        var result = Harness.Run("""
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{
              "input":"{% $states.input.a %}",
              "named":"{% $states.context.State.Name %}",
              "lookedUp":"{% $lookup($lookup($states, 'con' & 'text'), 'State').Name %}",
              "keys":"{% $keys($states) %}"},"End":true}}}
            """, "{\"a\":1}");
        result.ShouldSucceedWith("{\"input\":1,\"named\":\"P\",\"lookedUp\":\"P\",\"keys\":[\"input\",\"context\"]}");
    }

    [Fact]
    public void Output_Undefined_FailsWithAwsQueryEvaluationMessage()
    {
        var result = Harness.Run("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{"result":"{% $doesNotExist %}"},"End":true}}}""");
        result.ShouldFailWith(
            "States.QueryEvaluationError",
            "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
    }

    [Fact]
    public void Output_EvaluationError_NamesTheJsonataCode()
    {
        var result = Harness.Run("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% 'a' + 1 %}","End":true}}}""");
        result.ShouldFailWith("States.QueryEvaluationError", "threw an error during evaluation. T2001: ");
    }

    [Fact]
    public void Choice_ConditionAndRuleOutput_PickTheFirstTrueRule()
    {
        var result = Harness.Run("""
            {"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
              {"Condition":"{% $states.input.n > 10 %}","Next":"Big","Output":{"size":"big"}},
              {"Condition":"{% $states.input.n > 1 %}","Next":"Big","Output":{"size":"medium"}}],"Default":"Big"},
              "Big":{"Type":"Succeed"}}}
            """, "{\"n\":5}");
        result.ShouldSucceedWith("{\"size\":\"medium\"}");
    }

    [Fact]
    public void Choice_ConditionNotBoolean_IsAQueryEvaluationError()
    {
        var result = Harness.Run("""{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Condition":"{% 'yes' %}","Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}}""");
        result.ShouldFailWith("States.QueryEvaluationError", "Expected 'boolean', but was 'string' for value: \"yes\"");
    }

    [Fact]
    public void Map_ItemsAndItemSelector_UseJsonata()
    {
        var result = Harness.Run("""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% $states.input.list[$ > 1] %}",
              "ItemSelector":{"v":"{% $states.context.Map.Item.Value %}","i":"{% $states.context.Map.Item.Index %}"},
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """, "{\"list\":[1,2,3]}");
        result.ShouldSucceedWith("[{\"v\":2,\"i\":0},{\"v\":3,\"i\":1}]");
    }

    [Fact]
    public void Wait_SecondsExpression_WaitsOnVirtualTime()
    {
        var result = Harness.Run("""{"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Seconds":"{% $states.input.s * 2 %}","End":true}}}""", "{\"s\":30}");
        result.ShouldSucceedWith("{\"s\":30}");
        (result.History[^1].Timestamp - Harness.Start).TotalSeconds.Should().Be(60);
    }

    [Fact]
    public void Fail_ErrorAndCauseExpressions_AreStrings()
    {
        var result = Harness.Run("""{"QueryLanguage":"JSONata","StartAt":"F","States":{"F":{"Type":"Fail","Error":"{% 'E' & $states.input.code %}","Cause":"{% $string($states.input) %}"}}}""", "{\"code\":7}");
        result.ShouldFailWith("E7", "{\"code\":7}");
    }

    [Fact]
    public void Parallel_Arguments_FeedEveryBranch()
    {
        var result = Harness.Run("""
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Parallel","Arguments":{"x":"{% $states.input.a %}"},"Output":"{% $states.result.x %}","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}}}
            """, "{\"a\":9}");
        result.ShouldSucceedWith("[9,9]");
    }
}
