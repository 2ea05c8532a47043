using Platform.Asl.Model;

namespace Platform.Asl.Tests.Parsing;

public class QueryLanguageValidationTests
{
    [Fact]
    public void Parse_JsonPathStateInJsonataMachine_ReportsAwsMessage() =>
        Asl.ParseJsonataState("""{ "Type": "Pass", "End": true, "QueryLanguage": "JSONPath" }""").ShouldFailWith(("/States/A/QueryLanguage", "QueryLanguage.Downgrade",
            "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"));

    [Fact]
    public void Parse_JsonPathStateInsideMapOfJsonataMachine_ReportsAwsMessage() =>
        Asl.ParseJsonataState("""
            { "Type": "Map", "End": true, "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Succeed", "QueryLanguage": "JSONPath" } } } }
            """).ShouldFailWith(("/States/A/ItemProcessor/States/X/QueryLanguage", "QueryLanguage.Downgrade",
                "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"));

    [Fact]
    public void Parse_InvalidStateQueryLanguage_ReportsInvalid() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "QueryLanguage": "JSONPATH" }""")
            .ShouldFailWith(("/States/A/QueryLanguage", "QueryLanguage.Invalid", "must be JSONPath or JSONata, found \"JSONPATH\""));

    [Theory]
    [InlineData("InputPath", "\"$\"", "; use Arguments")]
    [InlineData("Parameters", "{}", "; use Arguments")]
    [InlineData("ResultSelector", "{}", "; use Output")]
    [InlineData("ResultPath", "\"$\"", "; use Output")]
    [InlineData("OutputPath", "\"$\"", "; use Output")]
    [InlineData("TimeoutSecondsPath", "\"$.t\"", "; use TimeoutSeconds with a JSONata expression")]
    public void Parse_JsonPathOnlyFieldInJsonataState_ReportsJsonPathField(string field, string value, string hint) =>
        Asl.ParseJsonataState($$"""{ "Type": "Task", "Resource": "r", "End": true, "{{field}}": {{value}} }""")
            .ShouldFailWith(($"/States/A/{field}", "QueryLanguage.JsonPathField", $"field '{field}' is not supported in JSONata states{hint}"));

    [Fact]
    public void Parse_ResultInJsonataPass_ReportsJsonPathField() =>
        Asl.ParseJsonataState("""{ "Type": "Pass", "End": true, "Result": 1 }""")
            .ShouldFailWith(("/States/A/Result", "QueryLanguage.JsonPathField", "field 'Result' is not supported in JSONata states; use Output"));

    [Theory]
    [InlineData("Output", "{}")]
    [InlineData("Arguments", "{}")]
    public void Parse_JsonataOnlyFieldInJsonPathState_ReportsJsonataField(string field, string value) =>
        Asl.ParseState($$"""{ "Type": "Task", "Resource": "r", "End": true, "{{field}}": {{value}} }""")
            .ShouldFailWith(($"/States/A/{field}", "QueryLanguage.JsonataField", $"field '{field}' is only supported in JSONata states"));

    [Fact]
    public void Parse_ItemsInJsonPathMap_ReportsJsonataField() =>
        Asl.ParseState("""{ "Type": "Map", "End": true, "Items": [1], "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } }""")
            .ShouldFailWith(("/States/A/Items", "QueryLanguage.JsonataField", "field 'Items' is only supported in JSONata states"));

    [Fact]
    public void Parse_JsonataStateInJsonPathMachine_IsValid()
    {
        var machine = Asl.ParseStates("""
            "A": { "Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input %}", "Next": "B" },
            "B": { "Type": "Pass", "InputPath": "$.x", "End": true }
            """).ShouldBeValid();

        machine.QueryLanguage.Should().Be(QueryLanguage.JSONPath);
        machine.States[0].QueryLanguage.Should().Be(QueryLanguage.JSONata);
        machine.States[0].Output.Should().NotBeNull();
        machine.States[1].QueryLanguage.Should().Be(QueryLanguage.JSONPath);
    }

    [Fact]
    public void Parse_StatesInsideJsonataMap_InheritTheMachineLanguage()
    {
        var result = Asl.ParseState("""
            { "Type": "Map", "QueryLanguage": "JSONata", "Items": [1], "End": true,
              "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Pass", "Output": {}, "End": true } } } }
            """);

        result.ShouldFailWith(("/States/A/ItemProcessor/States/X/Output", "QueryLanguage.JsonataField", "field 'Output' is only supported in JSONata states"));
    }

    [Fact]
    public void Parse_StatesInsideParallelOfJsonataMachine_AreJsonata()
    {
        var state = (ParallelState)Asl.ParseJsonataState("""
            { "Type": "Parallel", "End": true, "Arguments": { "a": "{% $states.input %}" }, "Output": "{% $states.result %}",
              "Branches": [ { "StartAt": "X", "States": { "X": { "Type": "Pass", "Output": 1, "End": true } } } ] }
            """).ShouldBeValid().States[0];

        state.Branches[0].QueryLanguage.Should().Be(QueryLanguage.JSONata);
        state.Branches[0].States[0].QueryLanguage.Should().Be(QueryLanguage.JSONata);
    }
}
