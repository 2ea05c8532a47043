using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Tests.Parsing;

public class TaskValidationTests
{
    [Fact]
    public void Parse_MissingResource_ReportsRequired() =>
        Asl.ParseState("""{ "Type": "Task", "End": true }""").ShouldFailWith(("/States/A", "Field.Required", "missing required field 'Resource'"));

    [Fact]
    public void Parse_ResourceNotAString_ReportsType() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": {}, "End": true }""").ShouldFailWith(("/States/A/Resource", "Field.Type", "must be a string, found an object"));

    [Theory]
    [InlineData("TimeoutSeconds", "0", "Field.Value", "must be a positive integer, found 0")]
    [InlineData("TimeoutSeconds", "2.5", "Field.Value", "must be a positive integer, found 2.5")]
    [InlineData("HeartbeatSeconds", "-1", "Field.Value", "must be a positive integer, found -1")]
    [InlineData("TimeoutSeconds", "\"{% 5 %}\"", "Field.Type", "must be a positive integer, found \"{% 5 %}\"")]
    public void Parse_BadTimeout_Reports(string field, string value, string rule, string message) =>
        Asl.ParseState($$"""{ "Type": "Task", "Resource": "r", "End": true, "{{field}}": {{value}} }""")
            .ShouldFailWith(($"/States/A/{field}", rule, message));

    [Theory]
    [InlineData("TimeoutSeconds")]
    [InlineData("HeartbeatSeconds")]
    public void Parse_ValueAndPath_ReportsExclusive(string field) =>
        Asl.ParseState($$"""{ "Type": "Task", "Resource": "r", "End": true, "{{field}}": 100, "{{field}}Path": "$.t" }""")
            .ShouldFailWith(($"/States/A/{field}Path", "Field.Exclusive", $"cannot be used together with {field}"));

    [Theory]
    [InlineData(10, 10)]
    [InlineData(10, 20)]
    public void Parse_HeartbeatNotBelowTimeout_ReportsHeartbeat(int timeout, int heartbeat) =>
        Asl.ParseState($$"""{ "Type": "Task", "Resource": "r", "End": true, "TimeoutSeconds": {{timeout}}, "HeartbeatSeconds": {{heartbeat}} }""")
            .ShouldFailWith(("/States/A/HeartbeatSeconds", "Task.Heartbeat", $"must be smaller than TimeoutSeconds ({timeout}), found {heartbeat}"));

    [Fact]
    public void Parse_JsonataTimeouts_AcceptExpressions()
    {
        var state = (TaskState)Asl.ParseJsonataState("""
            { "Type": "Task", "Resource": "r", "End": true, "TimeoutSeconds": "{% $states.input.t %}", "HeartbeatSeconds": 5 }
            """).ShouldBeValid().States[0];

        state.TimeoutSeconds.Should().Be(JNode.From("{% $states.input.t %}"));
        state.HeartbeatSeconds.Should().Be(JNode.From(5));
    }

    [Fact]
    public void Parse_JsonataTimeoutPlainString_ReportsJsonataExpected() =>
        Asl.ParseJsonataState("""{ "Type": "Task", "Resource": "r", "End": true, "TimeoutSeconds": "5" }""")
            .ShouldFailWith(("/States/A/TimeoutSeconds", "Jsonata.Expected", "must be a positive integer or a JSONata expression {% ... %}, found \"5\""));

    [Fact]
    public void Parse_JsonataArgumentsNumber_ReportsJsonataExpected() =>
        Asl.ParseJsonataState("""{ "Type": "Task", "Resource": "r", "End": true, "Arguments": 5 }""")
            .ShouldFailWith(("/States/A/Arguments", "Jsonata.Expected", "must be an object or a JSONata expression {% ... %}, found 5"));

    [Fact]
    public void Parse_CredentialsNotAnObject_ReportsType() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "Credentials": "arn" }""")
            .ShouldFailWith(("/States/A/Credentials", "Field.Type", "must be an object, found \"arn\""));

    [Fact]
    public void Parse_CredentialsWithoutRoleArn_ReportsRequired() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "Credentials": {} }""")
            .ShouldFailWith(("/States/A/Credentials", "Field.Required", "missing required field 'RoleArn'"));

    [Fact]
    public void Parse_CredentialsUnknownField_ReportsUnsupported() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "Credentials": { "RoleArn": "arn", "Region": "x" } }""")
            .ShouldFailWith(("/States/A/Credentials/Region", "Field.Unsupported", "field 'Region' is not supported in Credentials"));

    [Fact]
    public void Parse_CredentialsRoleArnPath_IsCheckedAsTemplate() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "Credentials": { "RoleArn.$": 1 } }""")
            .ShouldFailWith(("/States/A/Credentials/RoleArn.$", "PayloadTemplate.ValueType", "The value for the field 'RoleArn.$' must be a string that contains a JSONPath or an intrinsic function call, but is a number"));

    [Fact]
    public void Parse_FullTask_FillsTheModel()
    {
        var state = (TaskState)Asl.ParseState("""
            { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true, "Comment": "call",
              "Parameters": { "FunctionName": "f" }, "ResultSelector": { "p.$": "$.Payload" }, "ResultPath": "$.out",
              "TimeoutSecondsPath": "$.timeout", "HeartbeatSeconds": 5, "Credentials": { "RoleArn.$": "$.role" } }
            """).ShouldBeValid().States[0];

        state.Resource.Should().Be("arn:aws:states:::lambda:invoke");
        state.Comment.Should().Be("call");
        state.ResultPath.Should().Be("$.out");
        state.TimeoutSecondsPath.Should().Be("$.timeout");
        state.HeartbeatSeconds.Should().Be(JNode.From(5));
        state.Credentials.Should().NotBeNull();
        state.QueryLanguage.Should().Be(QueryLanguage.JSONPath);
        state.Pointer.Should().Be("/States/A");
    }
}
