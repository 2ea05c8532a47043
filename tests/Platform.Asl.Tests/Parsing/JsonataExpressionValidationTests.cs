using Platform.Asl.Parsing;

namespace Platform.Asl.Tests.Parsing;

public class JsonataExpressionValidationTests
{
    private const string Unsupported = "Jsonata.Unsupported";
    private const string Invalid = "Jsonata.Invalid";
    private const string Processor = """ "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } """;
    private const string ResultMessage =
        "UNSUPPORTED_JSONATA_EXPRESSION: Reference to '$states.result' is not supported here; it is only available in the top-level Output and Assign of Task, Map and Parallel states.";
    private const string ErrorOutputMessage =
        "UNSUPPORTED_JSONATA_EXPRESSION: Reference to '$states.errorOutput' is not supported here; it is only available in the Output and Assign of a Catcher.";

    private static string TopLevel(string name) => $"UNSUPPORTED_JSONATA_EXPRESSION: Reference to '{name}' at the top level is not supported.";

    private static ParseResult PassOutput(string expression) =>
        Asl.ParseJsonataState($$"""{ "Type": "Pass", "End": true, "Output": { "v": "{% {{expression}} %}" } }""");

    [Fact]
    public void Parse_SyntaxError_ReportsInvalidWithJsonataCodeAndMessage() =>
        PassOutput("1 +").ShouldFailWith(("/States/A/Output/v", Invalid, "INVALID_JSONATA_EXPRESSION: S0207: Unexpected end of expression"));

    [Theory]
    [InlineData("$states.input.(")]
    [InlineData("[1, 2")]
    [InlineData("foo bar")]
    [InlineData("")]
    [InlineData("function($x, y){1}")]
    public void Parse_SyntaxErrors_ReportInvalid(string expression) =>
        PassOutput(expression).ShouldFailWithPrefix("/States/A/Output/v", Invalid, "INVALID_JSONATA_EXPRESSION: S0");

    [Fact]
    public void Parse_TopLevelFieldName_ReportsAwsMessageAtTheNestedString()
    {
        var result = Asl.ParseJsonataState("""{ "Type": "Pass", "End": true, "Output": { "a": [ 1, { "v": "{% phone %}" } ] } }""");

        result.ShouldFailWith(("/States/A/Output/a/1/v", Unsupported, TopLevel("phone")));
        result.Errors.First().ToString().Should().Be("/States/A/Output/a/1/v: UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported.");
        result.Errors.First().Line.Should().Be(1);
    }

    [Theory]
    [InlineData("phone.number", "phone")]
    [InlineData("$", "$")]
    [InlineData("$.phone", "$")]
    [InlineData("$count(items)", "items")]
    [InlineData("$states.input.x + y", "y")]
    [InlineData("[a]", "a")]
    [InlineData("{'k': v}", "v")]
    [InlineData("a ? 1 : 2", "a")]
    [InlineData("($x := a; $x)", "a")]
    public void Parse_TopLevelContextReference_ReportsUnsupported(string expression, string name) =>
        PassOutput(expression).ShouldFailWith(("/States/A/Output/v", Unsupported, TopLevel(name)));

    [Fact]
    public void Parse_DoubleDollar_ReportsAwsMessage() =>
        PassOutput("$$.Execution.Id").ShouldFailWith(("/States/A/Output/v", Unsupported, "UNSUPPORTED_JSONATA_EXPRESSION: Reference to '$$' is not supported."));

    [Fact]
    public void Parse_SeveralTopLevelReferences_ReportsEachOnce() =>
        PassOutput("a & b & a").ShouldFailWith(
            ("/States/A/Output/v", Unsupported, TopLevel("a")),
            ("/States/A/Output/v", Unsupported, TopLevel("b")));

    [Theory]
    [InlineData("$states.input.items[price > 10]")]
    [InlineData("$states.input.list[$ > 1]")]
    [InlineData("$map($states.input.xs, function($v){ $v.a })")]
    [InlineData("$states.input.{ 'a': b }")]
    [InlineData("$states.input{ type: $sum(price) }")]
    [InlineData("$states.input.items^(>price)")]
    [InlineData("$states.input ~> $sort()")]
    [InlineData("$count($states.input.items)")]
    [InlineData("( $x := $states.input; $x.a )")]
    [InlineData("$states.context.Execution.Id")]
    [InlineData("$myVariable.a")]
    [InlineData("'phone'")]
    public void Parse_LocalContextReferences_AreValid(string expression) =>
        PassOutput(expression).ShouldBeValid();

    [Fact]
    public void Parse_LiteralStringsThatAreNotExpressions_AreNotChecked() =>
        Asl.ParseJsonataState("""{ "Type": "Pass", "End": true, "Output": { "a": " {% phone %}", "b": "{% phone %} ", "c": "phone" } }""").ShouldBeValid();

    [Fact]
    public void Parse_JsonPathState_IsNotChecked() =>
        Asl.ParseStates("""
            "A": { "Type": "Pass", "Parameters": { "a": "{% phone %}", "b.$": "$.x" }, "Assign": { "v": "{% $$ %}" }, "Next": "B" },
            "B": { "Type": "Pass", "Result": "{% 1 + %}", "End": true }
            """).ShouldBeValid();

    [Fact]
    public void Parse_JsonataStateInJsonPathMachine_IsChecked() =>
        Asl.ParseStates("""
            "A": { "Type": "Pass", "Parameters": { "a": "{% phone %}" }, "Next": "B" },
            "B": { "Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% phone %}", "End": true }
            """).ShouldFailWith(("/States/B/Output", Unsupported, TopLevel("phone")));

    [Fact]
    public void Parse_StatesInsideJsonataMap_AreChecked() =>
        Asl.ParseJsonataState("""
            { "Type": "Map", "End": true, "Items": "{% $states.input %}",
              "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Pass", "Output": "{% value %}", "End": true } } } }
            """).ShouldFailWith(("/States/A/ItemProcessor/States/X/Output", Unsupported, TopLevel("value")));

    [Fact]
    public void Parse_EveryJsonataField_IsChecked() =>
        Asl.ParseJsonataState("""
            { "Type": "Task", "Resource": "r", "End": true,
              "Arguments": { "a": "{% a %}" }, "TimeoutSeconds": "{% b %}", "HeartbeatSeconds": "{% c %}",
              "Credentials": { "RoleArn": "{% d %}" }, "Output": "{% e %}", "Assign": { "x": "{% f %}" },
              "Catch": [ { "ErrorEquals": [ "States.ALL" ], "Next": "A", "Output": "{% g %}", "Assign": { "y": [ "{% h %}" ] } } ] }
            """).ShouldFailWith(
                ("/States/A/Arguments/a", Unsupported, TopLevel("a")),
                ("/States/A/TimeoutSeconds", Unsupported, TopLevel("b")),
                ("/States/A/HeartbeatSeconds", Unsupported, TopLevel("c")),
                ("/States/A/Credentials/RoleArn", Unsupported, TopLevel("d")),
                ("/States/A/Output", Unsupported, TopLevel("e")),
                ("/States/A/Assign/x", Unsupported, TopLevel("f")),
                ("/States/A/Catch/0/Output", Unsupported, TopLevel("g")),
                ("/States/A/Catch/0/Assign/y/0", Unsupported, TopLevel("h")));

    [Fact]
    public void Parse_MapJsonataFields_AreChecked() =>
        Asl.ParseJsonataState($$"""
            { "Type": "Map", "End": true, {{Processor}},
              "Items": [ 1, "{% a %}" ], "ItemSelector": { "v": "{% b %}" }, "MaxConcurrency": "{% c %}",
              "ToleratedFailureCount": "{% d %}", "ToleratedFailurePercentage": "{% e %}",
              "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "Arguments": { "Bucket": "{% f %}" }, "ReaderConfig": { "MaxItems": "{% g %}" } },
              "ItemBatcher": { "MaxItemsPerBatch": "{% h %}", "MaxInputBytesPerBatch": "{% i %}", "BatchInput": { "k": "{% j %}" } },
              "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Arguments": { "Bucket": "{% k %}" } } }
            """).ShouldFailWith(
                ("/States/A/Items/1", Unsupported, TopLevel("a")),
                ("/States/A/ItemSelector/v", Unsupported, TopLevel("b")),
                ("/States/A/MaxConcurrency", Unsupported, TopLevel("c")),
                ("/States/A/ToleratedFailureCount", Unsupported, TopLevel("d")),
                ("/States/A/ToleratedFailurePercentage", Unsupported, TopLevel("e")),
                ("/States/A/ItemReader/Arguments/Bucket", Unsupported, TopLevel("f")),
                ("/States/A/ItemReader/ReaderConfig/MaxItems", Unsupported, TopLevel("g")),
                ("/States/A/ItemBatcher/MaxItemsPerBatch", Unsupported, TopLevel("h")),
                ("/States/A/ItemBatcher/MaxInputBytesPerBatch", Unsupported, TopLevel("i")),
                ("/States/A/ItemBatcher/BatchInput/k", Unsupported, TopLevel("j")),
                ("/States/A/ResultWriter/Arguments/Bucket", Unsupported, TopLevel("k")));

    [Fact]
    public void Parse_ChoiceWaitFailFields_AreChecked() =>
        Asl.ParseStates("""
            "A": { "Type": "Choice", "QueryLanguage": "JSONata", "Output": "{% a %}", "Assign": { "x": "{% b %}" }, "Default": "W",
                   "Choices": [ { "Condition": "{% c %}", "Output": { "o": "{% d %}" }, "Assign": { "y": "{% e %}" }, "Next": "W" } ] },
            "W": { "Type": "Wait", "QueryLanguage": "JSONata", "Seconds": "{% f %}", "Next": "T" },
            "T": { "Type": "Wait", "QueryLanguage": "JSONata", "Timestamp": "{% g %}", "Next": "F" },
            "F": { "Type": "Fail", "QueryLanguage": "JSONata", "Error": "{% h %}", "Cause": "{% $string( %}" }
            """).ShouldFailWith(
                ("/States/A/Output", Unsupported, TopLevel("a")),
                ("/States/A/Assign/x", Unsupported, TopLevel("b")),
                ("/States/A/Choices/0/Condition", Unsupported, TopLevel("c")),
                ("/States/A/Choices/0/Output/o", Unsupported, TopLevel("d")),
                ("/States/A/Choices/0/Assign/y", Unsupported, TopLevel("e")),
                ("/States/W/Seconds", Unsupported, TopLevel("f")),
                ("/States/T/Timestamp", Unsupported, TopLevel("g")),
                ("/States/F/Error", Unsupported, TopLevel("h")),
                ("/States/F/Cause", Invalid, "INVALID_JSONATA_EXPRESSION: S0207: Unexpected end of expression"));

    [Fact]
    public void Parse_ResultInTopLevelOutputAndAssign_IsValid()
    {
        Asl.ParseJsonataState("""
            { "Type": "Task", "Resource": "r", "End": true, "Output": { "r": "{% $states.result.total %}" }, "Assign": { "x": "{% $states.result %}" } }
            """).ShouldBeValid();
        Asl.ParseJsonataState($$"""{ "Type": "Map", "End": true, {{Processor}}, "Output": "{% $count($states.result) %}" }""").ShouldBeValid();
        Asl.ParseJsonataState("""
            { "Type": "Parallel", "End": true, "Output": "{% $states.result[0] %}",
              "Branches": [ { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } ] }
            """).ShouldBeValid();
    }

    [Fact]
    public void Parse_ResultInArguments_ReportsUnsupported() =>
        Asl.ParseJsonataState("""{ "Type": "Task", "Resource": "r", "End": true, "Arguments": { "a": "{% $states.result.x %}" } }""")
            .ShouldFailWith(("/States/A/Arguments/a", Unsupported, ResultMessage));

    [Fact]
    public void Parse_ResultInParallelArguments_ReportsUnsupported() =>
        Asl.ParseJsonataState("""
            { "Type": "Parallel", "End": true, "Arguments": "{% $states.result %}",
              "Branches": [ { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } ] }
            """).ShouldFailWith(("/States/A/Arguments", Unsupported, ResultMessage));

    [Theory]
    [InlineData("""{ "Type": "Pass", "End": true, "Output": "{% $states.result %}" }""", "/States/A/Output")]
    [InlineData("""{ "Type": "Pass", "End": true, "Assign": { "x": "{% $states.result %}" } }""", "/States/A/Assign/x")]
    [InlineData("""{ "Type": "Wait", "End": true, "Seconds": "{% $states.result %}" }""", "/States/A/Seconds")]
    [InlineData("""{ "Type": "Task", "Resource": "r", "End": true, "TimeoutSeconds": "{% $states.result.t %}" }""", "/States/A/TimeoutSeconds")]
    [InlineData("""{ "Type": "Task", "Resource": "r", "End": true, "Catch": [ { "ErrorEquals": [ "States.ALL" ], "Next": "A", "Output": "{% $states.result %}" } ] }""", "/States/A/Catch/0/Output")]
    public void Parse_ResultOutsideTopLevelOutputAndAssign_ReportsUnsupported(string state, string pointer) =>
        Asl.ParseJsonataState(state).ShouldFailWith((pointer, Unsupported, ResultMessage));

    [Fact]
    public void Parse_ResultInMapItemSelector_ReportsUnsupported() =>
        Asl.ParseJsonataState($$"""{ "Type": "Map", "End": true, {{Processor}}, "ItemSelector": { "v": "{% $states.result %}" } }""")
            .ShouldFailWith(("/States/A/ItemSelector/v", Unsupported, ResultMessage));

    [Fact]
    public void Parse_ErrorOutputInCatcher_IsValid() =>
        Asl.ParseJsonataState("""
            { "Type": "Task", "Resource": "r", "End": true,
              "Catch": [ { "ErrorEquals": [ "States.ALL" ], "Next": "A", "Output": "{% $states.errorOutput %}", "Assign": { "e": "{% $states.errorOutput.Error %}" } } ] }
            """).ShouldBeValid();

    [Theory]
    [InlineData("""{ "Type": "Task", "Resource": "r", "End": true, "Output": "{% $states.errorOutput %}" }""", "/States/A/Output")]
    [InlineData("""{ "Type": "Task", "Resource": "r", "End": true, "Arguments": { "e": "{% $states.errorOutput.Cause %}" } }""", "/States/A/Arguments/e")]
    [InlineData("""{ "Type": "Pass", "End": true, "Assign": { "e": "{% $states.errorOutput %}" } }""", "/States/A/Assign/e")]
    public void Parse_ErrorOutputOutsideCatcher_ReportsUnsupported(string state, string pointer) =>
        Asl.ParseJsonataState(state).ShouldFailWith((pointer, Unsupported, ErrorOutputMessage));

    [Fact]
    public void Parse_AssignToStatesInJsonataState_ReportsReservedName() =>
        Asl.ParseJsonataState("""{ "Type": "Pass", "End": true, "Assign": { "states": "{% $states.input %}" } }""")
            .ShouldFailWith(("/States/A/Assign/states", "Assign.Name", "the variable name \"states\" is reserved"));

    [Fact]
    public void Parse_FieldRejectedForTheQueryLanguage_IsNotCheckedAgain() =>
        Asl.ParseJsonataState("""{ "Type": "Pass", "End": true, "Parameters": { "a": "{% phone %}" } }""")
            .ShouldFailWith(("/States/A/Parameters", "QueryLanguage.JsonPathField", "field 'Parameters' is not supported in JSONata states; use Arguments"));
}
