using Platform.Asl.Model;

namespace Platform.Asl.Tests.Parsing;

public class PathValidationTests
{
    [Theory]
    [InlineData("InputPath")]
    [InlineData("OutputPath")]
    public void Parse_IoPathNotAPath_ReportsInvalid(string field) =>
        Asl.ParseState($$"""{ "Type": "Pass", "End": true, "{{field}}": "foo" }""")
            .ShouldFailWithPrefix($"/States/A/{field}", "Path.Invalid", "must be a valid JSONPath, found \"foo\": ");

    [Fact]
    public void Parse_InvalidPathAndIntrinsic_EndWithTheParsersReasonAndPosition()
    {
        var result = Asl.ParseState("""{ "Type": "Fail", "ErrorPath": "$.a b", "CausePath": "States.Nope()" }""");

        result.Errors.Select(e => e.Rule).Should().Equal("Path.Invalid", "Intrinsic.Invalid");
        result.Errors.First().Message.Should().MatchRegex("""^must be a valid JSONPath, found "\$\.a b": .+ \(position \d+\)$""");
        result.Errors.Last().Message.Should().MatchRegex("""^must be a valid intrinsic function call, found "States\.Nope\(\)": .+ \(position \d+\)$""");
    }

    [Fact]
    public void Parse_UnbalancedBracket_ReportsInvalid() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "InputPath": "$.a[0" }""")
            .ShouldFailWithPrefix("/States/A/InputPath", "Path.Invalid", "must be a valid JSONPath, found \"$.a[0\": ");

    [Fact]
    public void Parse_PathOfWrongType_ReportsType() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "OutputPath": 5 }""")
            .ShouldFailWith(("/States/A/OutputPath", "Field.Type", "must be a path (a string) or null, found 5"));

    [Fact]
    public void Parse_ContextAndVariablePaths_AreAllowedOutsideResultPath()
    {
        var state = (PassState)Asl.ParseState("""
            { "Type": "Pass", "End": true, "InputPath": "$$.Execution.Input", "OutputPath": "$myVar.field" }
            """).ShouldBeValid().States[0];

        state.InputPath.Should().Be("$$.Execution.Input");
        state.OutputPath.Should().Be("$myVar.field");
    }

    [Fact]
    public void Parse_NullAndAbsentPaths_FollowAwsDefaults()
    {
        var state = (PassState)Asl.ParseState("""{ "Type": "Pass", "End": true, "InputPath": null, "ResultPath": null }""").ShouldBeValid().States[0];

        state.InputPath.Should().BeNull();
        state.ResultPath.Should().BeNull();
        state.OutputPath.Should().Be("$");
    }

    [Fact]
    public void Parse_ResultPathOnContext_ReportsResultPath() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "ResultPath": "$$.Execution" }""")
            .ShouldFailWith(("/States/A/ResultPath", "Path.ResultPath", "must not start with $$ (the Context Object), found \"$$.Execution\""));

    [Fact]
    public void Parse_ResultPathOnVariable_ReportsResultPath() =>
        Asl.ParseState("""{ "Type": "Pass", "End": true, "ResultPath": "$x" }""")
            .ShouldFailWith(("/States/A/ResultPath", "Path.ResultPath", "must not reference a variable, found \"$x\""));

    [Theory]
    [InlineData("$.a[*]")]
    [InlineData("$..a")]
    [InlineData("$.a[?(@.b)]")]
    public void Parse_ResultPathNotAReferencePath_ReportsResultPath(string path) =>
        Asl.ParseState($$"""{ "Type": "Task", "Resource": "r", "End": true, "ResultPath": "{{path}}" }""")
            .ShouldFailWith(("/States/A/ResultPath", "Path.ResultPath", $"must be a Reference Path (names and indices only), found \"{path}\""));

    [Fact]
    public void Parse_CatchResultPathOnContext_ReportsResultPath() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "A", "ResultPath": "$$.x" } ] }""")
            .ShouldFailWith(("/States/A/Catch/0/ResultPath", "Path.ResultPath", "must not start with $$ (the Context Object), found \"$$.x\""));

    [Theory]
    [InlineData("""{ "Type": "Map", "End": true, "ItemsPath": "items", "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } }""", "ItemsPath")]
    [InlineData("""{ "Type": "Task", "Resource": "r", "End": true, "TimeoutSecondsPath": "t" }""", "TimeoutSecondsPath")]
    [InlineData("""{ "Type": "Task", "Resource": "r", "End": true, "HeartbeatSecondsPath": "h" }""", "HeartbeatSecondsPath")]
    [InlineData("""{ "Type": "Wait", "End": true, "SecondsPath": "s" }""", "SecondsPath")]
    [InlineData("""{ "Type": "Wait", "End": true, "TimestampPath": "t" }""", "TimestampPath")]
    [InlineData("""{ "Type": "Map", "End": true, "MaxConcurrencyPath": "m", "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } }""", "MaxConcurrencyPath")]
    public void Parse_PathFieldNotAPath_ReportsInvalid(string state, string field) =>
        Asl.ParseState(state).ShouldFailWithPrefix($"/States/A/{field}", "Path.Invalid", "must be a valid JSONPath, found ");

    [Theory]
    [InlineData("$.error")]
    [InlineData("$$.State.Name")]
    [InlineData("$errorVar")]
    [InlineData("States.Format('{} failed', $.name)")]
    public void Parse_ErrorPathPathOrIntrinsic_IsValid(string value)
    {
        var state = (FailState)Asl.ParseState($$"""{ "Type": "Fail", "ErrorPath": "{{value}}", "CausePath": "{{value}}" }""").ShouldBeValid().States[0];

        state.ErrorPath.Should().Be(value);
        state.CausePath.Should().Be(value);
    }

    [Fact]
    public void Parse_ErrorPathBrokenIntrinsic_ReportsIntrinsic() =>
        Asl.ParseState("""{ "Type": "Fail", "ErrorPath": "States.Format('x'" }""")
            .ShouldFailWithPrefix("/States/A/ErrorPath", "Intrinsic.Invalid", "must be a valid intrinsic function call, found \"States.Format('x'\": ");

    [Fact]
    public void Parse_EmptyCausePath_ReportsInvalid() =>
        Asl.ParseState("""{ "Type": "Fail", "CausePath": "" }""")
            .ShouldFailWith(("/States/A/CausePath", "Path.Invalid", "must be a path or an intrinsic function call, found \"\""));

    [Fact]
    public void Parse_ChoiceVariableNotAPath_ReportsInvalid() =>
        Asl.ParseState("""{ "Type": "Choice", "Choices": [ { "Variable": "x", "IsNull": true, "Next": "A" } ] }""")
            .ShouldFailWithPrefix("/States/A/Choices/0/Variable", "Path.Invalid", "must be a valid JSONPath, found \"x\": ");
}
