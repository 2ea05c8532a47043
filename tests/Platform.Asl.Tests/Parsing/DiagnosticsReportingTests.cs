using Platform.Asl.Model;
using Platform.Asl.Parsing;

namespace Platform.Asl.Tests.Parsing;

public class DiagnosticsReportingTests
{
    [Fact]
    public void Parse_ManyProblems_ReportsAllAtOnceInDocumentOrder()
    {
        var result = AslParser.Parse("""
            {
              "StartAt": "Charge",
              "Extra": true,
              "States": {
                "Charge": {
                  "Type": "Task",
                  "Next": "Missing",
                  "Retry": [ { "ErrorEquals": [ "States.ALL" ], "BackoffRate": 0.5 }, { "ErrorEquals": [] } ]
                },
                "Decide": { "Type": "Choice", "Choices": [ { "Variable": "$.n", "NumericEquals": "1", "Next": "Charge" } ] },
                "Sleep": { "Type": "Wait", "Seconds": -1, "Timestamp": "2020-01-01T00:00:00Z" },
                "Stop": { "Type": "Fail", "Error": "E", "ErrorPath": "$.e", "Assign": { "x": 1 } },
                "Orphan": { "Type": "Succeed" }
              }
            }
            """);

        result.Definition.Should().BeNull();
        result.Diagnostics.Select(d => (d.Severity, d.Pointer, d.Rule, d.Message)).Should().Equal(
            (DiagnosticSeverity.Error, "/Extra", "Field.Unsupported", "field 'Extra' is not supported at the top level of a state machine"),
            (DiagnosticSeverity.Error, "/States/Charge", "Field.Required", "missing required field 'Resource'"),
            (DiagnosticSeverity.Error, "/States/Charge/Next", "Transition.Target", "must name a state of the same States block, found \"Missing\", which does not exist"),
            (DiagnosticSeverity.Error, "/States/Charge/Retry/0/ErrorEquals/0", "Retry.StatesAll", "States.ALL may only appear in the last retrier"),
            (DiagnosticSeverity.Error, "/States/Charge/Retry/0/BackoffRate", "Retry.BackoffRate", "must be >= 1.0, found 0.5"),
            (DiagnosticSeverity.Error, "/States/Charge/Retry/1/ErrorEquals", "Retry.ErrorEquals", "must contain at least one error name, found none"),
            (DiagnosticSeverity.Warning, "/States/Decide", "State.Unreachable", "state \"Decide\" cannot be reached from StartAt \"Charge\""),
            (DiagnosticSeverity.Error, "/States/Decide/Choices/0/NumericEquals", "Choice.Operand", "must be a number, found \"1\""),
            (DiagnosticSeverity.Error, "/States/Sleep", "Wait.Duration", "must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath, found Seconds and Timestamp"),
            (DiagnosticSeverity.Error, "/States/Sleep", "Transition.Missing", "must have Next or End: true, found neither"),
            (DiagnosticSeverity.Warning, "/States/Sleep", "State.Unreachable", "state \"Sleep\" cannot be reached from StartAt \"Charge\""),
            (DiagnosticSeverity.Error, "/States/Sleep/Seconds", "Field.Value", "must be a non-negative integer, found -1"),
            (DiagnosticSeverity.Warning, "/States/Stop", "State.Unreachable", "state \"Stop\" cannot be reached from StartAt \"Charge\""),
            (DiagnosticSeverity.Error, "/States/Stop/ErrorPath", "Field.Exclusive", "cannot be used together with Error"),
            (DiagnosticSeverity.Error, "/States/Stop/Assign", "Assign.NotAllowed", "Assign is not supported by Fail states"),
            (DiagnosticSeverity.Warning, "/States/Orphan", "State.Unreachable", "state \"Orphan\" cannot be reached from StartAt \"Charge\""));
        result.Diagnostics.Should().OnlyContain(d => d.Line > 0);
    }

    [Fact]
    public void Parse_ValidDefinition_BuildsStatesInOrderWithPointersAndLanguages()
    {
        var machine = AslParser.Parse("""
            {
              "QueryLanguage": "JSONata",
              "StartAt": "Fetch",
              "States": {
                "Fetch": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": { "FunctionName": "f" },
                           "Retry": [ { "ErrorEquals": [ "Lambda.TooManyRequestsException" ], "MaxAttempts": 5 } ],
                           "Catch": [ { "ErrorEquals": [ "States.ALL" ], "Next": "Failed", "Output": "{% $states.errorOutput %}" } ],
                           "Output": "{% $states.result.Payload %}", "Assign": { "count": "{% $count + 1 %}" }, "Next": "Check" },
                "Check": { "Type": "Choice", "Choices": [ { "Condition": "{% $count > 3 %}", "Next": "Done" } ], "Default": "Fetch" },
                "Done": { "Type": "Succeed", "Comment": "ok" },
                "Failed": { "Type": "Fail", "Error": "Failed" }
              }
            }
            """).ShouldBeValid();

        machine.States.Select(s => (s.Name, s.Type, s.Pointer, s.QueryLanguage)).Should().Equal(
            ("Fetch", StateType.Task, "/States/Fetch", QueryLanguage.JSONata),
            ("Check", StateType.Choice, "/States/Check", QueryLanguage.JSONata),
            ("Done", StateType.Succeed, "/States/Done", QueryLanguage.JSONata),
            ("Failed", StateType.Fail, "/States/Failed", QueryLanguage.JSONata));
        var fetch = (TaskState)machine.Find("Fetch")!;
        fetch.Next.Should().Be("Check");
        fetch.Retry.Should().ContainSingle().Which.Pointer.Should().Be("/States/Fetch/Retry/0");
        fetch.Catch.Should().ContainSingle().Which.Pointer.Should().Be("/States/Fetch/Catch/0");
        fetch.Output.Should().NotBeNull();
        fetch.Assign.Should().NotBeNull();
        machine.Find("Done")!.Comment.Should().Be("ok");
        machine.Find("Done")!.End.Should().BeTrue();
        machine.Find("Check")!.End.Should().BeFalse();
    }

    [Fact]
    public void Diagnostic_ToString_PrintsPointerAndMessage() =>
        new Diagnostic(DiagnosticSeverity.Error, "", "Input.Malformed", "bad").ToString().Should().Be("/: bad");
}
