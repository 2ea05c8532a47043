using Platform.Asl.Parsing;

namespace Platform.Asl.Tests.Parsing;

public class StateValidationTests
{
    [Fact]
    public void Parse_StateNameOf81Characters_ReportsNameLength()
    {
        string name = new('n', 81);
        Asl.ParseStates($$""" "{{name}}": { "Type": "Succeed" } """, startAt: name)
            .ShouldFailWith(($"/States/{name}", "State.NameLength", "a state name must be 1 to 80 characters, found 81"));
    }

    [Fact]
    public void Parse_StateNameOf80Characters_IsValid()
    {
        string name = new('é', 80);
        Asl.ParseStates($$""" "{{name}}": { "Type": "Succeed" } """, startAt: name).ShouldBeValid();
    }

    [Fact]
    public void Parse_EmptyStateName_ReportsNameLength() =>
        Asl.ParseStates(""" "": { "Type": "Succeed" } """, startAt: "")
            .ShouldFailWith(("/States/", "State.NameLength", "a state name must be 1 to 80 characters, found 0"));

    [Fact]
    public void Parse_StateNameWithSlash_EscapesThePointer() =>
        Asl.ParseStates(""" "a/b~c": { "Type": "Succeed", "Foo": 1 } """, startAt: "a/b~c")
            .ShouldFailWith(("/States/a~1b~0c/Foo", "Field.Unsupported", "field 'Foo' is not supported by Succeed states"));

    [Fact]
    public void Parse_NameReusedInsideParallelBranch_ReportsDuplicate() =>
        Asl.ParseStates("""
            "A": { "Type": "Parallel", "End": true, "Branches": [
              { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } } ] }
            """).ShouldFailWith(("/States/A/Branches/0/States/A", "State.NameDuplicate",
                "state name \"A\" is already used at /States/A; state names must be unique across the whole state machine"));

    [Fact]
    public void Parse_NameReusedAcrossMapProcessors_ReportsDuplicate() =>
        Asl.ParseStates("""
            "A": { "Type": "Map", "Next": "B", "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } },
            "B": { "Type": "Map", "End": true, "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } }
            """).ShouldFailWith(("/States/B/ItemProcessor/States/X", "State.NameDuplicate",
                "state name \"X\" is already used at /States/A/ItemProcessor/States/X; state names must be unique across the whole state machine"));

    [Fact]
    public void Parse_StateNotAnObject_ReportsType() =>
        Asl.ParseState("5").ShouldFailWith(("/States/A", "Field.Type", "must be an object (a state), found 5"));

    [Fact]
    public void Parse_MissingType_ReportsRequired() =>
        Asl.ParseState("""{ "End": true }""").ShouldFailWith(("/States/A", "Field.Required", "missing required field 'Type'"));

    [Theory]
    [InlineData("\"pass\"", "\"pass\"")]
    [InlineData("\"Activity\"", "\"Activity\"")]
    [InlineData("1", "1")]
    public void Parse_UnknownType_ReportsStateType(string type, string found) =>
        Asl.ParseState($$"""{ "Type": {{type}}, "End": true }""")
            .ShouldFailWith(("/States/A/Type", "State.Type", $"must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map, found {found}"));

    [Theory]
    [InlineData("""{ "Type": "Pass", "End": true, "Resource": "x" }""", "Resource", "Pass")]
    [InlineData("""{ "Type": "Task", "Resource": "x", "End": true, "Result": {} }""", "Result", "Task")]
    [InlineData("""{ "Type": "Choice", "Choices": [ { "Variable": "$", "IsNull": true, "Next": "A" } ], "Retry": [] }""", "Retry", "Choice")]
    [InlineData("""{ "Type": "Wait", "Seconds": 1, "End": true, "ResultPath": "$" }""", "ResultPath", "Wait")]
    [InlineData("""{ "Type": "Succeed", "Parameters": {} }""", "Parameters", "Succeed")]
    [InlineData("""{ "Type": "Fail", "InputPath": "$" }""", "InputPath", "Fail")]
    [InlineData("""{ "Type": "Fail", "OutputPath": "$" }""", "OutputPath", "Fail")]
    [InlineData("""{ "Type": "Parallel", "End": true, "Branches": [ { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } ], "Iterator": {} }""", "Iterator", "Parallel")]
    [InlineData("""{ "Type": "Map", "End": true, "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } }, "Branches": [] }""", "Branches", "Map")]
    [InlineData("""{ "Type": "Pass", "End": true, "Foo": 1 }""", "Foo", "Pass")]
    public void Parse_FieldOfAnotherStateType_ReportsUnsupported(string state, string field, string type) =>
        Asl.ParseState(state).ShouldFailWith(($"/States/A/{field}", "Field.Unsupported", $"field '{field}' is not supported by {type} states"));

    [Fact]
    public void Parse_OutputOnJsonataFail_ReportsUnsupported() =>
        Asl.ParseJsonataState("""{ "Type": "Fail", "Output": {} }""")
            .ShouldFailWith(("/States/A/Output", "Field.Unsupported", "field 'Output' is not supported by Fail states"));

    [Fact]
    public void Parse_CommentNotAString_ReportsType() =>
        Asl.ParseState("""{ "Type": "Succeed", "Comment": ["x"] }""").ShouldFailWith(("/States/A/Comment", "Field.Type", "must be a string, found an array"));

    [Theory]
    [InlineData("Succeed")]
    [InlineData("Fail")]
    public void Parse_AssignOnTerminalState_ReportsAssignNotAllowed(string type) =>
        Asl.ParseState($$"""{ "Type": "{{type}}", "Assign": { "x": 1 } }""")
            .ShouldFailWith(("/States/A/Assign", "Assign.NotAllowed", $"Assign is not supported by {type} states"));
}
