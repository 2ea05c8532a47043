using System.Text;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Parsing;

namespace Platform.Asl.Tests.Parsing;

public class InputFormatTests
{
    private const string Json = """
        {
          "Comment": "demo",
          "StartAt": "Start",
          "States": {
            "Start": { "Type": "Pass", "Result": { "n": 1, "s": "1", "b": true, "z": null, "f": 1.5 }, "Next": "Wait" },
            "Wait": { "Type": "Wait", "Seconds": 5, "End": true }
          }
        }
        """;

    private const string Yaml = """
        # The same machine as YAML
        Comment: demo
        StartAt: Start
        States:
          Start:
            Type: Pass
            Result:
              n: 1
              s: "1"
              b: true
              z: null
              f: 1.5
            Next: Wait
          Wait:
            Type: Wait
            Seconds: 5
            End: true
        """;

    [Fact]
    public void Parse_MalformedJson_ReportsOneDiagnosticWithLineAndColumn()
    {
        var result = AslParser.Parse("{\n  \"StartAt\": \"A\",\n  \"States\": { ]\n}");

        result.Definition.Should().BeNull();
        var error = result.Diagnostics.Should().ContainSingle().Which;
        error.Pointer.Should().Be("");
        error.Rule.Should().Be("Input.Malformed");
        error.Message.Should().StartWith("invalid JSON at line 3, column 15: ");
        error.Line.Should().Be(3);
    }

    [Fact]
    public void Parse_DuplicateJsonKey_ReportsPointer()
    {
        var result = AslParser.Parse("""
            { "StartAt": "A", "States": { "A": { "Type": "Succeed" },
              "A": { "Type": "Fail" } } }
            """);

        var error = result.Diagnostics.Should().ContainSingle().Which;
        (error.Pointer, error.Rule, error.Message, error.Line).Should().Be(("/States/A", "Input.DuplicateKey", "duplicate key 'A' at line 2, column 3", 2));
    }

    [Fact]
    public void Parse_Yaml_BuildsTheSameModelAsJson()
    {
        var fromJson = AslParser.Parse(Json).ShouldBeValid();
        var fromYaml = AslParser.Parse(Yaml).ShouldBeValid();

        ((JNode)fromYaml.Source!).Should().Be(fromJson.Source);
        fromYaml.States.Select(s => (s.Name, s.Type, s.Next)).Should().Equal(fromJson.States.Select(s => (s.Name, s.Type, s.Next)));
        ((WaitState)fromYaml.States[1]).Seconds.Should().Be(JNode.From(5));
    }

    [Fact]
    public void Parse_YamlScalars_ResolvePlainAndKeepQuotedAsStrings()
    {
        var state = (PassState)AslParser.Parse("""
            StartAt: A
            States:
              A:
                Type: Pass
                End: true
                Result: { int: 42, neg: -7, hex: 0x1F, float: 2.5e3, yes: yes, t: True, f: FALSE, tilde: ~, empty:, quoted: "42", single: 'true', text: hello world, date: 2024-01-01 }
            """).ShouldBeValid().States[0];

        state.Result.Should().Be(JsonParser.Parse("""
            { "int": 42, "neg": -7, "hex": 31, "float": 2500, "yes": "yes", "t": true, "f": false, "tilde": null, "empty": null,
              "quoted": "42", "single": "true", "text": "hello world", "date": "2024-01-01" }
            """));
    }

    [Fact]
    public void Parse_YamlAliases_ShareTheAnchoredValue()
    {
        var machine = AslParser.Parse("""
            StartAt: A
            States:
              A: &pass
                Type: Pass
                Next: B
              B: { Type: Pass, End: true, Result: *pass }
            """).ShouldBeValid();

        ((PassState)machine.States[1]).Result.Should().Be(JsonParser.Parse("""{ "Type": "Pass", "Next": "B" }"""));
    }

    [Fact]
    public void Parse_MalformedYaml_ReportsLine()
    {
        var result = AslParser.Parse("StartAt: A\nStates:\n  A: [1, 2\n");

        var error = result.Diagnostics.Should().ContainSingle().Which;
        error.Pointer.Should().Be("");
        error.Rule.Should().Be("Input.Malformed");
        error.Message.Should().StartWith("invalid YAML at line ");
        error.Line.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Parse_DuplicateYamlKey_ReportsPointer()
    {
        var result = AslParser.Parse("StartAt: A\nStates:\n  A:\n    Type: Succeed\n    Type: Fail\n");

        var error = result.Diagnostics.Should().ContainSingle().Which;
        (error.Pointer, error.Rule, error.Message, error.Line).Should().Be(("/States/A/Type", "Input.DuplicateKey", "duplicate key 'Type' at line 5, column 5", 5));
    }

    [Fact]
    public void Parse_SeveralYamlDocuments_ReportsMalformed() =>
        AslParser.Parse("StartAt: A\n---\nStartAt: B\n").Diagnostics.Should().ContainSingle()
            .Which.Message.Should().Be("invalid YAML at line 2, column 1: a definition must be a single YAML document");

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void Parse_EmptyText_ReportsMalformed(string text) =>
        AslParser.Parse(text).Diagnostics.Should().ContainSingle().Which.Rule.Should().Be("Input.Malformed");

    [Fact]
    public void Parse_YamlValidationErrors_CarryLines()
    {
        var result = AslParser.Parse("StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: Missing\n");

        var error = result.Errors.Should().ContainSingle().Which;
        (error.Pointer, error.Line).Should().Be(("/States/A/Next", 5));
    }

    [Fact]
    public void Parse_JsonValidationErrors_CarryLines()
    {
        var result = AslParser.Parse("""
            {
              "StartAt": "A",
              "States": {
                "A": {
                  "Type": "Task",
                  "End": true,
                  "Retry": [ { "ErrorEquals": [ "E" ], "BackoffRate": 0 } ]
                }
              }
            }
            """);

        result.Errors.Select(e => (e.Pointer, e.Line)).Should().Equal(("/States/A", 4), ("/States/A/Retry/0/BackoffRate", 7));
    }

    [Fact]
    public void Parse_JsonWithByteOrderMark_KeepsLines()
    {
        var result = AslParser.Parse("\uFEFF{\n\"StartAt\": \"A\",\n\"States\": {\n\"A\": { \"Type\": \"Pass\" }\n}\n}");

        var error = result.Errors.Should().ContainSingle().Which;
        (error.Pointer, error.Rule, error.Line).Should().Be(("/States/A", "Transition.Missing", 4));
    }

    [Fact]
    public void Parse_DefinitionOverOneMegabyte_ReportsTooLarge()
    {
        string padding = new('x', 1024 * 1024);
        var result = AslParser.Parse($$"""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Result": "{{padding}}", "End": true } } }""");

        var error = result.Diagnostics.Should().ContainSingle().Which;
        error.Rule.Should().Be("Input.TooLarge");
        error.Message.Should().StartWith("the definition must be at most 1048576 bytes (1 MB), found 10486");
    }

    [Fact]
    public void Parse_YamlAliasBomb_ReportsTooLargeQuickly()
    {
        var yaml = new StringBuilder("StartAt: A\nStates:\n  A: { Type: Pass, End: true }\nx0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int i = 1; i < 10; i++)
        {
            yaml.Append($"x{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        AslParser.Parse(yaml.ToString()).Diagnostics.Should().ContainSingle().Which.Rule.Should().Be("Input.TooLarge");
    }

    [Fact]
    public void Parse_DeeplyNestedJson_ReportsTooDeepWithoutCrashing()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);
        var result = AslParser.Parse($$"""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Result": {{deep}}, "End": true } } }""");

        var error = result.Diagnostics.Should().ContainSingle().Which;
        error.Rule.Should().Be("Input.TooDeep");
        error.Pointer.Should().StartWith("/States/A/Result/0/0");
    }

    [Fact]
    public void Parse_DeeplyNestedYaml_ReportsTooDeepWithoutCrashing()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);
        var result = AslParser.Parse($"StartAt: A\nStates:\n  A: {{ Type: Pass, End: true, Result: {deep} }}\n");

        result.Diagnostics.Should().ContainSingle().Which.Rule.Should().Be("Input.TooDeep");
    }

    [Fact]
    public void Parse_DeeplyNestedChoiceRulesBuiltInCode_ReportsTooDeepWithoutCrashing()
    {
        JNode rule = JsonParser.Parse("""{ "Variable": "$.x", "IsNull": true }""");
        for (int i = 0; i < 100_000; i++)
        {
            rule = new JObject(["Not"], [rule]);
        }

        var definition = JsonParser.Parse("""{ "StartAt": "A", "States": { "A": { "Type": "Choice", "Choices": [] } } }""");
        var states = (JObject)((JObject)definition)["States"]!;
        var choice = ((JObject)states["A"]!).With("Choices", new JArray([((JObject)rule).With("Next", JNode.From("A"))]));
        definition = ((JObject)definition).With("States", states.With("A", choice));

        var result = AslParser.Parse(definition);

        result.Diagnostics.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Pointer = "",
            Rule = "Input.TooDeep",
            Message = "the definition nests deeper than 512 levels",
        });
    }

    [Fact]
    public void Parse_JNodeDefinition_MatchesTextParsing()
    {
        var node = JsonParser.Parse(Json);

        var machine = AslParser.Parse(node).ShouldBeValid();

        ((object?)machine.Source).Should().BeSameAs(node);
        machine.States.Should().HaveCount(2);
    }
}
