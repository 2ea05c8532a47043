using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Tests.Parsing;

public class PayloadTemplateValidationTests
{
    [Fact]
    public void Parse_DollarKeyWithNumber_ReportsValue() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "Parameters": { "x.$": 5 } }""")
            .ShouldFailWith(("/States/A/Parameters/x.$", "PayloadTemplate.ValueType", "The value for the field 'x.$' must be a string that contains a JSONPath or an intrinsic function call, but is a number"));

    [Fact]
    public void Parse_KeysCollidingWithoutDollar_ReportsCollision() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "Parameters": { "x": 1, "x.$": "$.y" } }""")
            .ShouldFailWith(("/States/A/Parameters/x.$", "PayloadTemplate.DuplicateKey", "The field 'x.$' and the field 'x' both produce the key 'x'"));

    [Fact]
    public void Parse_NestedTemplateInArray_ReportsWithFullPointer() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "Parameters": { "a": [ 1, { "b.$": null } ] } }""")
            .ShouldFailWith(("/States/A/Parameters/a/1/b.$", "PayloadTemplate.ValueType", "The value for the field 'b.$' must be a string that contains a JSONPath or an intrinsic function call, but is null"));

    [Fact]
    public void Parse_TemplatePathInvalid_ReportsPath() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "Parameters": { "x.$": "$.a[" } }""")
            .ShouldFailWithPrefix("/States/A/Parameters/x.$", "PayloadTemplate.Path", "The value for the field 'x.$' must be a valid JSONPath: ");

    [Fact]
    public void Parse_TemplateIntrinsicInvalid_ReportsIntrinsic() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "ResultSelector": { "x.$": "States.Array(" } }""")
            .ShouldFailWithPrefix("/States/A/ResultSelector/x.$", "PayloadTemplate.Intrinsic", "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call: ");

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
            .ShouldFailWith(($"/States/A/{field}/i.$", "PayloadTemplate.ValueType", "The value for the field 'i.$' must be a string that contains a JSONPath or an intrinsic function call, but is a number"));

    [Fact]
    public void Parse_ParallelResultSelector_IsChecked() =>
        Asl.ParseState("""{ "Type": "Parallel", "End": true, "ResultSelector": { "a.$": true }, "Branches": [ { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } ] }""")
            .ShouldFailWith(("/States/A/ResultSelector/a.$", "PayloadTemplate.ValueType", "The value for the field 'a.$' must be a string that contains a JSONPath or an intrinsic function call, but is a boolean"));
}
