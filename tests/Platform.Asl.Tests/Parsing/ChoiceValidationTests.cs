using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Parsing;

namespace Platform.Asl.Tests.Parsing;

public class ChoiceValidationTests
{
    private static ParseResult Choice(string rules, string extra = "") =>
        Asl.ParseState($$"""{ "Type": "Choice", "Choices": {{rules}}{{extra}} }""");

    [Fact]
    public void Parse_MissingChoices_ReportsRequired() =>
        Asl.ParseState("""{ "Type": "Choice", "Default": "A" }""").ShouldFailWith(("/States/A", "Field.Required", "missing required field 'Choices'"));

    [Fact]
    public void Parse_EmptyChoices_ReportsEmpty() =>
        Choice("[]").ShouldFailWith(("/States/A/Choices", "Choice.Empty", "must contain at least one rule, found none"));

    [Fact]
    public void Parse_RuleNotAnObject_ReportsType() =>
        Choice("[true]").ShouldFailWith(("/States/A/Choices/0", "Field.Type", "must be a Choice rule (an object), found true"));

    [Fact]
    public void Parse_TopLevelRuleWithoutNext_ReportsRequired() =>
        Choice("""[{ "Variable": "$.x", "IsNull": true }]""").ShouldFailWith(("/States/A/Choices/0", "Field.Required", "missing required field 'Next'"));

    [Fact]
    public void Parse_NestedRuleWithNext_ReportsRuleNext() =>
        Choice("""[{ "And": [ { "Variable": "$.x", "IsNull": true, "Next": "A" } ], "Next": "A" }]""")
            .ShouldFailWith(("/States/A/Choices/0/And/0/Next", "Choice.RuleNext", "a nested rule (inside And, Or or Not) cannot have Next"));

    [Theory]
    [InlineData("And", "[]", "must be a non-empty array of rules, found an empty array")]
    [InlineData("Or", "{}", "must be a non-empty array of rules, found an object")]
    [InlineData("Not", "[]", "must be a single rule (an object), found an array")]
    public void Parse_BadCombinator_ReportsCombinator(string op, string value, string message) =>
        Choice($$"""[{ "{{op}}": {{value}}, "Next": "A" }]""").ShouldFailWith(($"/States/A/Choices/0/{op}", "Choice.Combinator", message));

    [Fact]
    public void Parse_RuleWithoutOperator_ReportsOperator() =>
        Choice("""[{ "Variable": "$.x", "Next": "A" }]""").ShouldFailWith(("/States/A/Choices/0", "Choice.Operator",
            "must have exactly one comparison operator (such as StringEquals) or one of And, Or, Not, found none"));

    [Fact]
    public void Parse_RuleWithTwoOperators_ReportsOperator() =>
        Choice("""[{ "Variable": "$.x", "StringEquals": "a", "NumericEquals": 1, "Next": "A" }]""").ShouldFailWith(("/States/A/Choices/0", "Choice.Operator",
            "must have exactly one comparison operator (such as StringEquals) or one of And, Or, Not, found StringEquals, NumericEquals"));

    [Fact]
    public void Parse_ComparisonWithoutVariable_ReportsRequired() =>
        Choice("""[{ "StringEquals": "a", "Next": "A" }]""").ShouldFailWith(("/States/A/Choices/0", "Field.Required", "missing required field 'Variable'"));

    [Fact]
    public void Parse_VariableWithCombinator_ReportsOperator() =>
        Choice("""[{ "Variable": "$.x", "Not": { "Variable": "$.x", "IsNull": true }, "Next": "A" }]""")
            .ShouldFailWith(("/States/A/Choices/0/Variable", "Choice.Operator", "Variable cannot be used with Not"));

    [Fact]
    public void Parse_UnknownRuleField_ReportsUnsupported() =>
        Choice("""[{ "Variable": "$.x", "IsNull": true, "Next": "A", "Then": "B" }]""")
            .ShouldFailWith(("/States/A/Choices/0/Then", "Field.Unsupported", "field 'Then' is not supported in a Choice rule"));

    [Theory]
    [InlineData("StringEquals", "5", "must be a string, found 5")]
    [InlineData("StringLessThanEquals", "null", "must be a string, found null")]
    [InlineData("StringMatches", "[]", "must be a string, found an array")]
    [InlineData("NumericEquals", "\"5\"", "must be a number, found \"5\"")]
    [InlineData("NumericGreaterThan", "true", "must be a number, found true")]
    [InlineData("BooleanEquals", "\"true\"", "must be a boolean, found \"true\"")]
    [InlineData("TimestampEquals", "1", "must be a timestamp (a string), found 1")]
    [InlineData("IsNull", "1", "must be a boolean, found 1")]
    [InlineData("IsTimestamp", "\"yes\"", "must be a boolean, found \"yes\"")]
    [InlineData("StringEqualsPath", "5", "must be a path (a string), found 5")]
    [InlineData("NumericLessThanPath", "{}", "must be a path (a string), found an object")]
    public void Parse_OperandOfWrongType_ReportsOperand(string op, string operand, string message) =>
        Choice($$"""[{ "Variable": "$.x", "{{op}}": {{operand}}, "Next": "A" }]""").ShouldFailWith(($"/States/A/Choices/0/{op}", "Choice.Operand", message));

    [Fact]
    public void Parse_PathOperandNotAPath_ReportsPath() =>
        Choice("""[{ "Variable": "$.x", "TimestampLessThanPath": "x", "Next": "A" }]""")
            .ShouldFailWithPrefix("/States/A/Choices/0/TimestampLessThanPath", "Path.Invalid", "must be a valid JSONPath, found \"x\": ");

    [Theory]
    [InlineData("2016-03-14t01:59:00Z")]
    [InlineData("2016-03-14T01:59:00z")]
    [InlineData("2016-03-14T01:59:00")]
    [InlineData("2016-03-14 01:59:00Z")]
    [InlineData("2016-13-14T01:59:00Z")]
    [InlineData("2016-02-30T01:59:00Z")]
    [InlineData("2016-03-14T24:00:00Z")]
    [InlineData("2016-03-14T01:59:00.Z")]
    [InlineData("2016-03-14T01:59:00+0100")]
    [InlineData("2016-03-14")]
    public void Parse_TimestampOperandNotRfc3339_ReportsTimestamp(string timestamp) =>
        Choice($$"""[{ "Variable": "$.x", "TimestampEquals": "{{timestamp}}", "Next": "A" }]""").ShouldFailWith(("/States/A/Choices/0/TimestampEquals", "Value.Timestamp",
            $"must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z (uppercase T, and Z or an offset), found \"{timestamp}\""));

    [Theory]
    [InlineData("2016-03-14T01:59:00Z")]
    [InlineData("2016-03-14T01:59:00.243167252Z")]
    [InlineData("2016-03-14T01:59:00+01:00")]
    [InlineData("2016-03-14T01:59:00-08:30")]
    [InlineData("2016-02-29T00:00:00Z")]
    public void Parse_TimestampOperandRfc3339_IsValid(string timestamp) =>
        Choice($$"""[{ "Variable": "$.x", "TimestampGreaterThanEquals": "{{timestamp}}", "Next": "A" }]""").ShouldBeValid();

    [Theory]
    [InlineData(@"a\\x", @"'\x' at position 1")]
    [InlineData(@"abc\\", @"a trailing '\' at position 3")]
    public void Parse_StringMatchesBadEscape_WarnsBecauseAwsFailsOnlyWhenEvaluated(string pattern, string found)
    {
        var result = Choice($$"""[{ "Variable": "$.x", "StringMatches": "{{pattern}}", "Next": "A" }]""");
        result.ShouldBeValid();
        var warning = result.Diagnostics.Should().ContainSingle(d => d.Rule == "Choice.StringMatches").Which;
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        warning.Pointer.Should().Be("/States/A/Choices/0/StringMatches");
        warning.Message.Should().StartWith($@"'\' may only escape '*' or '\', found {found}");
    }

    [Fact]
    public void Parse_StringMatchesEscapes_AreValid() =>
        Choice("""[{ "Variable": "$.x", "StringMatches": "log-\\*-\\\\-*.txt", "Next": "A" }]""").ShouldBeValid();

    [Fact]
    public void Parse_JsonataRuleWithoutCondition_ReportsRequired() =>
        Asl.ParseJsonataState("""{ "Type": "Choice", "Choices": [ { "Next": "A" } ] }""")
            .ShouldFailWith(("/States/A/Choices/0", "Field.Required", "missing required field 'Condition'"));

    [Theory]
    [InlineData("\"$states.input.x\"", "\"$states.input.x\"")]
    [InlineData("1", "1")]
    public void Parse_JsonataConditionNotBooleanOrExpression_ReportsCondition(string condition, string found) =>
        Asl.ParseJsonataState($$"""{ "Type": "Choice", "Choices": [ { "Condition": {{condition}}, "Next": "A" } ] }""")
            .ShouldFailWith(("/States/A/Choices/0/Condition", "Choice.Condition", $"must be a boolean or a JSONata expression {{% ... %}}, found {found}"));

    [Fact]
    public void Parse_JsonataRuleWithVariable_ReportsJsonPathField() =>
        Asl.ParseJsonataState("""{ "Type": "Choice", "Choices": [ { "Condition": true, "Variable": "$.x", "Next": "A" } ] }""")
            .ShouldFailWith(("/States/A/Choices/0/Variable", "QueryLanguage.JsonPathField", "field 'Variable' is not supported in JSONata states; use Condition"));

    [Fact]
    public void Parse_ConditionInJsonPathRule_ReportsJsonataField() =>
        Choice("""[{ "Condition": true, "Next": "A" }]""").ShouldFailWith(
            ("/States/A/Choices/0", "Choice.Operator", "must have exactly one comparison operator (such as StringEquals) or one of And, Or, Not, found none"),
            ("/States/A/Choices/0/Condition", "QueryLanguage.JsonataField", "field 'Condition' is only supported in JSONata states"));

    [Fact]
    public void Parse_Rules_BuildTheRuleTree()
    {
        var state = (ChoiceState)Asl.ParseStates("""
            "C": { "Type": "Choice", "Default": "D", "Choices": [
              { "Variable": "$.n", "NumericGreaterThan": 5, "Next": "D", "Assign": { "big": true } },
              { "And": [ { "Variable": "$.s", "StringEquals": "x" }, { "Not": { "Variable": "$.b", "BooleanEqualsPath": "$.c" } } ], "Next": "D" },
              { "Or": [ { "Variable": "$$.Execution.Name", "IsPresent": true } ], "Next": "D" } ] },
            "D": { "Type": "Succeed" }
            """, startAt: "C").ShouldBeValid().States[0];

        state.Default.Should().Be("D");
        state.Choices.Should().HaveCount(3);
        var first = state.Choices[0].Should().BeOfType<ComparisonRule>().Which;
        first.Should().BeEquivalentTo(new { Variable = "$.n", Operator = ComparisonOperator.NumericGreaterThan, Next = "D", Pointer = "/States/C/Choices/0" });
        first.Operand.Should().Be(JNode.From(5));
        first.Assign.Should().NotBeNull();
        var and = state.Choices[1].Should().BeOfType<AndRule>().Which;
        and.Rules.Should().HaveCount(2);
        and.Rules[0].Next.Should().BeNull();
        and.Rules[0].Pointer.Should().Be("/States/C/Choices/1/And/0");
        var not = and.Rules[1].Should().BeOfType<NotRule>().Which;
        not.Rule.Should().BeOfType<ComparisonRule>().Which.Operand.Should().Be(JNode.From("$.c"));
        not.Rule.Pointer.Should().Be("/States/C/Choices/1/And/1/Not");
        state.Choices[2].Should().BeOfType<OrRule>();
    }

    [Fact]
    public void Parse_JsonataRules_BuildConditionRules()
    {
        var state = (ChoiceState)Asl.ParseJsonataState("""
            { "Type": "Choice", "Choices": [ { "Condition": "{% $states.input.x > 1 %}", "Next": "A", "Output": { "o": 1 }, "Assign": { "v": 2 } },
                                             { "Condition": false, "Next": "A" } ] }
            """).ShouldBeValid().States[0];

        var rule = state.Choices[0].Should().BeOfType<ConditionRule>().Which;
        rule.Condition.Should().Be(JNode.From("{% $states.input.x > 1 %}"));
        rule.Output.Should().NotBeNull();
        rule.Assign.Should().NotBeNull();
        state.Choices[1].Should().BeOfType<ConditionRule>().Which.Condition.Should().Be(JNode.False);
        state.QueryLanguage.Should().Be(QueryLanguage.JSONata);
    }
}
