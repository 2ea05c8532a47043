using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Tests.Parsing;

public class PayloadTemplateValidationTests
{
    [Fact]
    public void Parse_DollarKeyWithNumber_ReportsValue() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "Parameters": { "x.$": 5 } }""")
            .ShouldFailWith(("/States/A/Parameters/x.$", "Template.Value", "a key ending in '.$' must hold a path or an intrinsic function call (a string), found 5"));

    [Fact]
    public void Parse_KeysCollidingWithoutDollar_ReportsCollision() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "Parameters": { "x": 1, "x.$": "$.y" } }""")
            .ShouldFailWith(("/States/A/Parameters/x.$", "Template.KeyCollision", "collides with the key \"x\" once '.$' is removed"));

    [Fact]
    public void Parse_NestedTemplateInArray_ReportsWithFullPointer() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "Parameters": { "a": [ 1, { "b.$": null } ] } }""")
            .ShouldFailWith(("/States/A/Parameters/a/1/b.$", "Template.Value", "a key ending in '.$' must hold a path or an intrinsic function call (a string), found null"));

    [Fact]
    public void Parse_TemplatePathInvalid_ReportsPath() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "Parameters": { "x.$": "$.a[" } }""")
            .ShouldFailWithPrefix("/States/A/Parameters/x.$", "Path.Invalid", "must be a valid JSONPath, found \"$.a[\": ");

    [Fact]
    public void Parse_TemplateIntrinsicInvalid_ReportsIntrinsic() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "ResultSelector": { "x.$": "States.Array(" } }""")
            .ShouldFailWithPrefix("/States/A/ResultSelector/x.$", "Intrinsic.Invalid", "must be a valid intrinsic function call, found \"States.Array(\": ");

    [Fact]
    public void Parse_TemplateNotAnObject_ReportsType() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "Parameters": [1] }""")
            .ShouldFailWith(("/States/A/Parameters", "Field.Type", "must be an object (a payload template), found an array"));

    [Fact]
    public void Parse_PassResultWithDollarKeys_IsALiteral()
    {
        var state = (PassState)Asl.ParseState("""{ "Type": "Pass", "End": true, "Result": { "x.$": 5, "x": 1 } }""").ShouldBeValid().States[0];

        state.Result.Should().Be(JsonParser.Parse("""{ "x.$": 5, "x": 1 }"""));
    }

    [Fact]
    public void Parse_ValidTemplates_KeepThemAsWritten()
    {
        var state = (TaskState)Asl.ParseState("""
            { "Type": "Task", "Resource": "r", "End": true,
              "Parameters": { "a.$": "$.a", "ctx.$": "$$.Execution.Id", "v.$": "$var", "f.$": "States.Format('{}', $.a)", "lit": { "n.$": "$.n" } },
              "ResultSelector": { "r.$": "$.Payload" } }
            """).ShouldBeValid().States[0];

        ((JObject)state.Parameters!).Count.Should().Be(5);
        ((JObject)state.ResultSelector!)["r.$"].Should().Be(JNode.From("$.Payload"));
    }

    [Theory]
    [InlineData("ItemSelector")]
    [InlineData("Parameters")]
    public void Parse_MapSelectorTemplate_IsChecked(string field) =>
        Asl.ParseState($$"""{ "Type": "Map", "End": true, "{{field}}": { "i.$": 1 }, "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } }""")
            .ShouldFailWith(($"/States/A/{field}/i.$", "Template.Value", "a key ending in '.$' must hold a path or an intrinsic function call (a string), found 1"));

    [Fact]
    public void Parse_ParallelResultSelector_IsChecked() =>
        Asl.ParseState("""{ "Type": "Parallel", "End": true, "ResultSelector": { "a.$": true }, "Branches": [ { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } ] }""")
            .ShouldFailWith(("/States/A/ResultSelector/a.$", "Template.Value", "a key ending in '.$' must hold a path or an intrinsic function call (a string), found true"));
}
