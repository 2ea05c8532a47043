using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Tests.Parsing;

public class WaitFailValidationTests
{
    [Fact]
    public void Parse_WaitWithoutDuration_ReportsDuration() =>
        Asl.ParseState("""{ "Type": "Wait", "End": true }""").ShouldFailWith(("/States/A", "Wait.Duration",
            "must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath, found none"));

    [Fact]
    public void Parse_WaitWithTwoDurations_ReportsDuration() =>
        Asl.ParseState("""{ "Type": "Wait", "End": true, "Seconds": 1, "TimestampPath": "$.t" }""").ShouldFailWith(("/States/A", "Wait.Duration",
            "must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath, found Seconds and TimestampPath"));

    [Fact]
    public void Parse_JsonataWaitWithoutDuration_NamesJsonataFields() =>
        Asl.ParseJsonataState("""{ "Type": "Wait", "End": true }""").ShouldFailWith(("/States/A", "Wait.Duration",
            "must have exactly one of Seconds or Timestamp, found none"));

    [Theory]
    [InlineData("-1", "Field.Value", "must be a non-negative integer, found -1")]
    [InlineData("0.5", "Field.Value", "must be a non-negative integer, found 0.5")]
    [InlineData("\"10\"", "Field.Type", "must be a non-negative integer, found \"10\"")]
    public void Parse_BadSeconds_Reports(string value, string rule, string message) =>
        Asl.ParseState($$"""{ "Type": "Wait", "End": true, "Seconds": {{value}} }""").ShouldFailWith(("/States/A/Seconds", rule, message));

    [Fact]
    public void Parse_BadTimestamp_ReportsTimestamp() =>
        Asl.ParseState("""{ "Type": "Wait", "End": true, "Timestamp": "2016-03-14T01:59:00" }""").ShouldFailWith(("/States/A/Timestamp", "Value.Timestamp",
            "must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z (uppercase T, and Z or an offset), found \"2016-03-14T01:59:00\""));

    [Fact]
    public void Parse_JsonataBadTimestamp_MentionsExpressions() =>
        Asl.ParseJsonataState("""{ "Type": "Wait", "End": true, "Timestamp": "soon" }""").ShouldFailWith(("/States/A/Timestamp", "Value.Timestamp",
            "must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z (uppercase T, and Z or an offset) or a JSONata expression {% ... %}, found \"soon\""));

    [Fact]
    public void Parse_SecondsPathInJsonata_ReportsJsonPathField() =>
        Asl.ParseJsonataState("""{ "Type": "Wait", "End": true, "SecondsPath": "$.s" }""").ShouldFailWith(
            ("/States/A", "Wait.Duration", "must have exactly one of Seconds or Timestamp, found none"),
            ("/States/A/SecondsPath", "QueryLanguage.JsonPathField", "field 'SecondsPath' is not supported in JSONata states; use Seconds with a JSONata expression"));

    [Fact]
    public void Parse_Waits_FillTheModel()
    {
        var machine = Asl.ParseStates("""
            "A": { "Type": "Wait", "Seconds": 0, "Next": "B" },
            "B": { "Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z", "Next": "C" },
            "C": { "Type": "Wait", "SecondsPath": "$.s", "Next": "D" },
            "D": { "Type": "Wait", "TimestampPath": "$t", "Next": "E" },
            "E": { "Type": "Wait", "QueryLanguage": "JSONata", "Seconds": "{% $states.input.s %}", "End": true }
            """).ShouldBeValid();

        ((WaitState)machine.States[0]).Seconds.Should().Be(JNode.From(0));
        ((WaitState)machine.States[1]).Timestamp.Should().Be(JNode.From("2016-03-14T01:59:00Z"));
        ((WaitState)machine.States[2]).SecondsPath.Should().Be("$.s");
        ((WaitState)machine.States[3]).TimestampPath.Should().Be("$t");
        ((WaitState)machine.States[4]).Seconds.Should().Be(JNode.From("{% $states.input.s %}"));
    }

    [Theory]
    [InlineData("Error")]
    [InlineData("Cause")]
    public void Parse_FailValueAndPath_ReportsExclusive(string field) =>
        Asl.ParseState($$"""{ "Type": "Fail", "{{field}}": "x", "{{field}}Path": "$.x" }""")
            .ShouldFailWith(($"/States/A/{field}Path", "Field.Exclusive", $"cannot be used together with {field}"));

    [Fact]
    public void Parse_FailErrorNotAString_ReportsType() =>
        Asl.ParseState("""{ "Type": "Fail", "Error": 5 }""").ShouldFailWith(("/States/A/Error", "Field.Type", "must be a string, found 5"));

    [Fact]
    public void Parse_JsonataFail_AcceptsExpressions()
    {
        var state = (FailState)Asl.ParseJsonataState("""{ "Type": "Fail", "Error": "{% 'E' %}", "Cause": "plain" }""").ShouldBeValid().States[0];

        state.Error.Should().Be(JNode.From("{% 'E' %}"));
        state.Cause.Should().Be(JNode.From("plain"));
        state.End.Should().BeTrue();
    }
}
