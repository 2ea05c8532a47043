using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Tests.Parsing;

public class AssignValidationTests
{
    [Theory]
    [InlineData("x")]
    [InlineData("camelCase_2")]
    [InlineData("café")]
    [InlineData("日本語")]
    [InlineData("Ⅻ")]
    public void Parse_ValidVariableNames_AreAccepted(string name) =>
        Asl.ParseState($$"""{ "Type": "Pass", "End": true, "Assign": { "{{name}}": 1 } }""").ShouldBeValid();

    [Theory]
    [InlineData("1x", "a variable name must start with a letter (Unicode ID_Start), found \"1x\"")]
    [InlineData("_x", "a variable name must start with a letter (Unicode ID_Start), found \"_x\"")]
    [InlineData("a-b", "a variable name may only contain letters, digits and '_' (Unicode ID_Continue), found '-' in \"a-b\"")]
    [InlineData("a.b", "a variable name may only contain letters, digits and '_' (Unicode ID_Continue), found '.' in \"a.b\"")]
    [InlineData("", "a variable name cannot be empty")]
    [InlineData("states", "the variable name \"states\" is reserved")]
    public void Parse_InvalidVariableName_ReportsAssignName(string name, string message) =>
        Asl.ParseState($$"""{ "Type": "Pass", "End": true, "Assign": { "{{name}}": 1 } }""")
            .ShouldFailWith(($"/States/A/Assign/{name}", "Assign.Name", message));

    [Fact]
    public void Parse_VariableNameOf81Characters_ReportsAssignName()
    {
        string name = new('v', 81);
        Asl.ParseState($$"""{ "Type": "Pass", "End": true, "Assign": { "{{name}}": 1 } }""")
            .ShouldFailWith(($"/States/A/Assign/{name}", "Assign.Name", "a variable name must be at most 80 characters, found 81"));
    }

    [Fact]
    public void Parse_AssignNotAnObject_ReportsType() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "Assign": [] }""")
            .ShouldFailWith(("/States/A/Assign", "Field.Type", "must be an object (variable names and values), found an array"));

    [Fact]
    public void Parse_JsonPathDynamicVariable_IsCheckedLikeATemplate() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "Assign": { "a.$": "$.a", "b.$": 1, "c": { "d.$": "States.UUID()" } } }""")
            .ShouldFailWith(("/States/A/Assign/b.$", "PayloadTemplate.ValueType", "The value for the field 'b.$' must be a string that contains a JSONPath or an intrinsic function call, but is a number"));

    [Fact]
    public void Parse_JsonPathVariableAndDynamicTwin_ReportsCollision() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "Assign": { "a": 1, "a.$": "$.a" } }""")
            .ShouldFailWith(("/States/A/Assign/a.$", "PayloadTemplate.DuplicateKey", "The field 'a.$' and the field 'a' both produce the key 'a'"));

    [Fact]
    public void Parse_JsonataDollarSuffix_IsAnInvalidName() =>
        Asl.ParseJsonataState("""{ "Type": "Pass", "End": true, "Assign": { "a.$": "{% 1 %}" } }""")
            .ShouldFailWith(("/States/A/Assign/a.$", "Assign.Name", "a variable name may only contain letters, digits and '_' (Unicode ID_Continue), found '.' in \"a.$\""));

    [Fact]
    public void Parse_AssignInChoiceRuleAndCatcher_IsChecked() =>
        Asl.ParseStates("""
            "C": { "Type": "Choice", "Choices": [ { "Variable": "$.x", "IsNull": true, "Next": "T", "Assign": { "9": 1 } } ] },
            "T": { "Type": "Task", "Resource": "r", "End": true, "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "C", "Assign": { "states": 1 } } ] }
            """, startAt: "C").ShouldFailWith(
                ("/States/C/Choices/0/Assign/9", "Assign.Name", "a variable name must start with a letter (Unicode ID_Start), found \"9\""),
                ("/States/T/Catch/0/Assign/states", "Assign.Name", "the variable name \"states\" is reserved"));

    [Fact]
    public void Parse_Assign_IsKeptOnTheState()
    {
        var state = Asl.ParseState("""{ "Type": "Wait", "Seconds": 1, "End": true, "Assign": { "x.$": "$.x", "y": [1] } }""").ShouldBeValid().States[0];

        ((JNode)state.Assign!).Should().Be(JsonParser.Parse("""{ "x.$": "$.x", "y": [1] }"""));
        state.Should().BeOfType<WaitState>();
    }
}
