using Platform.Asl.Model;
using Platform.Asl.Parsing;

namespace Platform.Asl.Tests.Parsing;

public class RetryCatchValidationTests
{
    private static ParseResult Retry(string retriers) =>
        Asl.ParseState($$"""{ "Type": "Task", "Resource": "r", "End": true, "Retry": {{retriers}} }""");

    [Fact]
    public void Parse_RetryNotAnArray_ReportsType() =>
        Retry("{}").ShouldFailWith(("/States/A/Retry", "Field.Type", "must be an array of retriers, found an object"));

    [Fact]
    public void Parse_RetrierNotAnObject_ReportsType() =>
        Retry("[1]").ShouldFailWith(("/States/A/Retry/0", "Field.Type", "must be a retrier (an object), found 1"));

    [Fact]
    public void Parse_RetrierWithoutErrorEquals_ReportsRequired() =>
        Retry("[{}]").ShouldFailWith(("/States/A/Retry/0", "Field.Required", "missing required field 'ErrorEquals'"));

    [Fact]
    public void Parse_EmptyErrorEquals_ReportsErrorEquals() =>
        Retry("""[{ "ErrorEquals": [] }]""")
            .ShouldFailWith(("/States/A/Retry/0/ErrorEquals", "Retry.ErrorEquals", "must contain at least one error name, found none"));

    [Fact]
    public void Parse_ErrorEqualsWithNumber_ReportsErrorEquals() =>
        Retry("""[{ "ErrorEquals": ["E", 7] }]""")
            .ShouldFailWith(("/States/A/Retry/0/ErrorEquals/1", "Retry.ErrorEquals", "must be an error name (a string), found 7"));

    [Fact]
    public void Parse_StatesAllWithOtherNames_ReportsStatesAll() =>
        Retry("""[{ "ErrorEquals": ["E", "States.ALL"] }]""")
            .ShouldFailWith(("/States/A/Retry/0/ErrorEquals/1", "Retry.StatesAll", "States.ALL must appear alone in ErrorEquals, found it with 1 other error name"));

    [Fact]
    public void Parse_StatesAllNotInLastRetrier_ReportsStatesAll() =>
        Retry("""[{ "ErrorEquals": ["States.ALL"] }, { "ErrorEquals": ["E"] }]""")
            .ShouldFailWith(("/States/A/Retry/0/ErrorEquals/0", "Retry.StatesAll", "States.ALL may only appear in the last retrier"));

    [Theory]
    [InlineData("IntervalSeconds", "0", "Retry.IntervalSeconds", "must be an integer between 1 and 99999999, found 0")]
    [InlineData("IntervalSeconds", "100000000", "Retry.IntervalSeconds", "must be an integer between 1 and 99999999, found 100000000")]
    [InlineData("IntervalSeconds", "1.5", "Retry.IntervalSeconds", "must be an integer between 1 and 99999999, found 1.5")]
    [InlineData("MaxAttempts", "-1", "Retry.MaxAttempts", "must be an integer between 0 and 99999999, found -1")]
    [InlineData("MaxAttempts", "\"3\"", "Field.Type", "must be an integer between 0 and 99999999, found \"3\"")]
    [InlineData("BackoffRate", "0.5", "Retry.BackoffRate", "must be >= 1.0, found 0.5")]
    [InlineData("BackoffRate", "\"2\"", "Field.Type", "must be a number >= 1.0, found \"2\"")]
    [InlineData("MaxDelaySeconds", "0", "Retry.MaxDelaySeconds", "must be an integer between 1 and 31622400, found 0")]
    [InlineData("MaxDelaySeconds", "31622401", "Retry.MaxDelaySeconds", "must be an integer between 1 and 31622400, found 31622401")]
    [InlineData("JitterStrategy", "\"full\"", "Retry.JitterStrategy", "must be FULL or NONE, found \"full\"")]
    [InlineData("Next", "\"A\"", "Field.Unsupported", "field 'Next' is not supported in a retrier")]
    public void Parse_BadRetrierField_Reports(string field, string value, string rule, string message) =>
        Retry($$"""[{ "ErrorEquals": ["E"], "{{field}}": {{value}} }]""").ShouldFailWith(($"/States/A/Retry/0/{field}", rule, message));

    [Fact]
    public void Parse_BackoffRateBelowOne_PrintsAsInTheSpecExample()
    {
        var result = Asl.ParseStates("""
            "Charge": { "Type": "Task", "Resource": "r", "End": true, "Retry": [ { "ErrorEquals": ["States.ALL"], "BackoffRate": 0.5 } ] }
            """, startAt: "Charge");

        result.Errors.Should().ContainSingle().Which.ToString().Should().Be("/States/Charge/Retry/0/BackoffRate: must be >= 1.0, found 0.5");
    }

    [Fact]
    public void Parse_Retriers_FillTheModelWithDefaultsAndPointers()
    {
        var state = (TaskState)Retry("""
            [{ "ErrorEquals": ["E"] },
             { "ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 0, "BackoffRate": 1.5, "MaxDelaySeconds": 10, "JitterStrategy": "FULL", "Comment": "c" }]
            """).ShouldBeValid().States[0];

        state.Retry.Should().HaveCount(2);
        state.Retry[0].Should().BeEquivalentTo(new { ErrorEquals = new[] { "E" }, IntervalSeconds = 1, MaxAttempts = 3, BackoffRate = 2.0, MaxDelaySeconds = (int?)null, JitterStrategy = JitterStrategy.None, Pointer = "/States/A/Retry/0" });
        state.Retry[1].Should().BeEquivalentTo(new { IntervalSeconds = 2, MaxAttempts = 0, BackoffRate = 1.5, MaxDelaySeconds = (int?)10, JitterStrategy = JitterStrategy.Full, Pointer = "/States/A/Retry/1" });
    }

    [Fact]
    public void Parse_CatcherWithoutNext_ReportsRequired() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "Catch": [ { "ErrorEquals": ["E"] } ] }""")
            .ShouldFailWith(("/States/A/Catch/0", "Field.Required", "missing required field 'Next'"));

    [Fact]
    public void Parse_StatesAllNotInLastCatcher_ReportsStatesAll() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "A" }, { "ErrorEquals": ["E"], "Next": "A" } ] }""")
            .ShouldFailWith(("/States/A/Catch/0/ErrorEquals/0", "Retry.StatesAll", "States.ALL may only appear in the last catcher"));

    [Fact]
    public void Parse_CatcherOutputInJsonPath_ReportsJsonataField() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "Catch": [ { "ErrorEquals": ["E"], "Next": "A", "Output": {} } ] }""")
            .ShouldFailWith(("/States/A/Catch/0/Output", "QueryLanguage.JsonataField", "field 'Output' is only supported in JSONata states"));

    [Fact]
    public void Parse_CatcherResultPathInJsonata_ReportsJsonPathField() =>
        Asl.ParseJsonataState("""{ "Type": "Task", "Resource": "r", "End": true, "Catch": [ { "ErrorEquals": ["E"], "Next": "A", "ResultPath": "$.e" } ] }""")
            .ShouldFailWith(("/States/A/Catch/0/ResultPath", "QueryLanguage.JsonPathField", "field 'ResultPath' is not supported in JSONata states; use Output"));

    [Fact]
    public void Parse_Catchers_FillTheModel()
    {
        var state = (ParallelState)Asl.ParseStates("""
            "P": { "Type": "Parallel", "End": true, "Branches": [ { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } ],
                   "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "F", "ResultPath": "$.error", "Assign": { "failed": true } } ] },
            "F": { "Type": "Fail" }
            """, startAt: "P").ShouldBeValid().States[0];

        var catcher = state.Catch.Should().ContainSingle().Which;
        catcher.ErrorEquals.Should().Equal("States.ALL");
        catcher.Next.Should().Be("F");
        catcher.ResultPath.Should().Be("$.error");
        catcher.Assign.Should().NotBeNull();
        catcher.Pointer.Should().Be("/States/P/Catch/0");
    }
}
