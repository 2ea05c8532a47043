using Platform.Asl.Parsing;

namespace Platform.Asl.Tests.Parsing;

public class TransitionValidationTests
{
    [Fact]
    public void Parse_NeitherNextNorEnd_ReportsMissing() =>
        Asl.ParseState("""{ "Type": "Pass" }""").ShouldFailWith(("/States/A", "Transition.Missing", "must have Next or End: true, found neither"));

    [Fact]
    public void Parse_EndFalseWithoutNext_ReportsMissing() =>
        Asl.ParseState("""{ "Type": "Wait", "Seconds": 1, "End": false }""")
            .ShouldFailWith(("/States/A", "Transition.Missing", "must have Next or End: true, found End: false"));

    [Fact]
    public void Parse_NextAndEnd_ReportsConflict() =>
        Asl.ParseStates("""
            "A": { "Type": "Pass", "Next": "B", "End": true },
            "B": { "Type": "Succeed" }
            """).ShouldFailWith(("/States/A", "Transition.Conflict", "must have either Next or End: true, found both"));

    [Fact]
    public void Parse_NextAndEndFalse_IsValid()
    {
        var machine = Asl.ParseStates("""
            "A": { "Type": "Pass", "Next": "B", "End": false },
            "B": { "Type": "Succeed" }
            """).ShouldBeValid();

        machine.States[0].Next.Should().Be("B");
        machine.States[0].End.Should().BeFalse();
        machine.States[1].End.Should().BeTrue();
    }

    [Fact]
    public void Parse_NextNotAString_ReportsType() =>
        Asl.ParseState("""{ "Type": "Pass", "Next": 1 }""").ShouldFailWith(("/States/A/Next", "Field.Type", "must be a state name (a string), found 1"));

    [Fact]
    public void Parse_EndNotABoolean_ReportsType() =>
        Asl.ParseState("""{ "Type": "Pass", "End": "true" }""").ShouldFailWith(("/States/A/End", "Field.Type", "must be a boolean, found \"true\""));

    [Fact]
    public void Parse_ChoiceWithEnd_ReportsNotAllowed() =>
        Asl.ParseState("""{ "Type": "Choice", "Choices": [ { "Variable": "$.x", "IsPresent": true, "Next": "A" } ], "End": true }""")
            .ShouldFailWith(("/States/A/End", "Transition.NotAllowed", "Choice states cannot have End; their transitions come from Choices and Default"));

    [Theory]
    [InlineData("Succeed", "Next")]
    [InlineData("Fail", "End")]
    public void Parse_TerminalStateWithTransition_ReportsNotAllowed(string type, string field) =>
        Asl.ParseStates($$"""
            "A": { "Type": "{{type}}", "{{field}}": {{(field == "Next" ? "\"B\"" : "true")}} },
            "B": { "Type": "Succeed" }
            """).Errors.Should().ContainSingle(d => d.Pointer == $"/States/A/{field}" && d.Rule == "Transition.NotAllowed"
                && d.Message == $"{type} states cannot have {field}; they end their state machine");

    [Fact]
    public void Parse_NextToMissingState_ReportsTarget() =>
        Asl.ParseState("""{ "Type": "Pass", "Next": "Nowhere" }""")
            .ShouldFailWith(("/States/A/Next", "Transition.Target", "must name a state of the same States block, found \"Nowhere\", which does not exist"));

    [Fact]
    public void Parse_NextIntoParallelBranch_ReportsBranchIsolation() =>
        Asl.ParseStates("""
            "A": { "Type": "Pass", "Next": "P" },
            "P": { "Type": "Parallel", "Next": "X", "Branches": [ { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } ] }
            """).ShouldFailWith(("/States/P/Next", "Transition.Target",
                "must name a state of the same States block, found \"X\", which is at /States/P/Branches/0/States/X; transitions cannot cross Parallel branches or Map processors"));

    [Fact]
    public void Parse_BranchStateNextToOuterState_ReportsBranchIsolation() =>
        Asl.ParseStates("""
            "P": { "Type": "Parallel", "Next": "Done", "Branches": [ { "StartAt": "X", "States": { "X": { "Type": "Pass", "Next": "Done" } } } ] },
            "Done": { "Type": "Succeed" }
            """, startAt: "P").ShouldFailWith(("/States/P/Branches/0/States/X/Next", "Transition.Target",
                "must name a state of the same States block, found \"Done\", which is at /States/Done; transitions cannot cross Parallel branches or Map processors"));

    [Fact]
    public void Parse_ChoiceTargetsMissing_ReportsEachTarget() =>
        Asl.ParseState("""{ "Type": "Choice", "Choices": [ { "Variable": "$.x", "IsNull": true, "Next": "B" } ], "Default": "C" }""")
            .ShouldFailWith(
                ("/States/A/Choices/0/Next", "Transition.Target", "must name a state of the same States block, found \"B\", which does not exist"),
                ("/States/A/Default", "Transition.Target", "must name a state of the same States block, found \"C\", which does not exist"));

    [Fact]
    public void Parse_CatchNextMissing_ReportsTarget() =>
        Asl.ParseState("""{ "Type": "Task", "Resource": "r", "End": true, "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Gone" } ] }""")
            .ShouldFailWith(("/States/A/Catch/0/Next", "Transition.Target", "must name a state of the same States block, found \"Gone\", which does not exist"));

    [Fact]
    public void Parse_UnreachableState_WarnsAndStaysValid()
    {
        var result = Asl.ParseStates("""
            "A": { "Type": "Succeed" },
            "B": { "Type": "Succeed" }
            """);

        result.ShouldBeValid();
        result.Diagnostics.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Severity = DiagnosticSeverity.Warning,
            Pointer = "/States/B",
            Rule = "State.Unreachable",
            Message = "state \"B\" cannot be reached from StartAt \"A\"",
        });
    }

    [Fact]
    public void Parse_UnreachableStateInBranch_Warns()
    {
        var result = Asl.ParseStates("""
            "P": { "Type": "Parallel", "End": true, "Branches": [
              { "StartAt": "X", "States": { "X": { "Type": "Succeed" }, "Y": { "Type": "Succeed" } } } ] }
            """, startAt: "P");

        result.ShouldBeValid();
        result.Diagnostics.Should().ContainSingle().Which.Pointer.Should().Be("/States/P/Branches/0/States/Y");
    }

    [Fact]
    public void Parse_StatesReachedByChoiceDefaultAndCatch_DoNotWarn()
    {
        var result = Asl.ParseStates("""
            "C": { "Type": "Choice", "Choices": [ { "Variable": "$.x", "IsNull": true, "Next": "T" } ], "Default": "D" },
            "T": { "Type": "Task", "Resource": "r", "End": true, "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "F" } ] },
            "D": { "Type": "Succeed" },
            "F": { "Type": "Fail" }
            """, startAt: "C");

        result.ShouldBeValid();
        result.Diagnostics.Should().BeEmpty();
    }
}
