using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Runtime.Testing;
using static Platform.Runtime.Tests.Testing.CaseBuilder;

namespace Platform.Runtime.Tests.Testing;

public class TestCaseLoaderTests
{
    private const string Definition = """{ "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }""";

    [Fact]
    public void Parse_MinimalCase_DefaultsInputToEmptyObject()
    {
        var testCase = Case($$"""{ "name": "n", "tags": ["a", "b"], "definition": {{Definition}}, "expect": { "status": "SUCCEEDED", "output": {} } }""");

        testCase.Name.Should().Be("n");
        testCase.Tags.Should().Equal("a", "b");
        testCase.Input.Should().Be(JObject.Empty);
        testCase.Expect.Status.Should().Be(ExecutionStatus.Succeeded);
        testCase.Expect.Output.Should().Be(JObject.Empty);
        testCase.Mocks.Should().BeEmpty();
    }

    [Fact]
    public void Parse_Mocks_ReadsNumbersAndRanges()
    {
        var testCase = Case($$"""
            {
              "definition": {{Definition}},
              "mocks": { "S": { "3": { "Return": 3 }, "0-2": { "Throw": { "Error": "E", "Cause": "C" } } } },
              "expect": { "status": "SUCCEEDED" }
            }
            """);

        var mock = testCase.Mocks["S"];
        mock.Coverage.Should().Be("0-2, 3");
        mock.Find(1).Should().Be(MockResponse.Throwing("E", "C"));
        mock.Find(3)!.Return.Should().Be(JNode.From(3));
        mock.Find(4).Should().BeNull();
    }

    [Fact]
    public void Parse_NameDefaultsToTheFileName()
    {
        Case($$"""{ "definition": {{Definition}}, "expect": { "status": "SUCCEEDED" } }""", "/cases/my-case.json").Name.Should().Be("my-case");
    }

    [Theory]
    [InlineData("""{ "name": """, "", "not valid JSON: line 1")]
    [InlineData("""[1]""", "/", "a test case must be a JSON object, found array")]
    [InlineData("""{ "name": "n", "definition": {}, "expect": { "status": "SUCCEEDED" }, "mock": {} }""", "/mock", "unknown field")]
    [InlineData("""{ "name": 3, "definition": {}, "expect": { "status": "SUCCEEDED" } }""", "/name", "must be a non-empty string, found number 3")]
    [InlineData("""{ "name": "n", "expect": { "status": "SUCCEEDED" } }""", "/", "missing field: definition")]
    [InlineData("""{ "name": "n", "definition": "x", "expect": { "status": "SUCCEEDED" } }""", "/definition", "must be the state machine as a JSON object")]
    [InlineData("""{ "name": "n", "definition": {}, "definitionFile": "a.json", "expect": { "status": "SUCCEEDED" } }""", "/definitionFile", "not both")]
    [InlineData("""{ "name": "n", "definition": {}, "tags": ["a", 1], "expect": { "status": "SUCCEEDED" } }""", "/tags/1", "must be a string")]
    [InlineData("""{ "name": "n", "definition": {}, "context": [], "expect": { "status": "SUCCEEDED" } }""", "/context", "must be an object")]
    [InlineData("""{ "name": "n", "definition": {} }""", "/", "missing field: expect")]
    [InlineData("""{ "name": "n", "definition": {}, "expect": {} }""", "/expect", "missing field: status")]
    [InlineData("""{ "name": "n", "definition": {}, "expect": { "status": "OK" } }""", "/expect/status", "must be SUCCEEDED, FAILED or TIMED_OUT, found string \"OK\"")]
    [InlineData("""{ "name": "n", "definition": {}, "expect": { "status": "FAILED" } }""", "/expect", "missing field: error")]
    [InlineData("""{ "name": "n", "definition": {}, "expect": { "status": "FAILED", "error": 1 } }""", "/expect/error", "must be a string or null")]
    [InlineData("""{ "name": "n", "definition": {}, "expect": { "status": "FAILED", "error": "E", "output": {} } }""", "/expect/output", "only compared when status is SUCCEEDED")]
    [InlineData("""{ "name": "n", "definition": {}, "expect": { "status": "SUCCEEDED", "cause": "c" } }""", "/expect/cause", "only compared when status is FAILED")]
    [InlineData("""{ "name": "n", "definition": {}, "expect": { "status": "SUCCEEDED", "outptu": 1 } }""", "/expect/outptu", "unknown field")]
    [InlineData("""{ "name": "n", "definition": {}, "mocks": [], "expect": { "status": "SUCCEEDED" } }""", "/mocks", "must be an object of Task state names")]
    [InlineData("""{ "name": "n", "definition": {}, "mocks": { "S": {} }, "expect": { "status": "SUCCEEDED" } }""", "/mocks/S", "must be a non-empty object")]
    [InlineData("""{ "name": "n", "definition": {}, "mocks": { "S": { "first": { "Return": 1 } } }, "expect": { "status": "SUCCEEDED" } }""", "/mocks/S/first", "zero-based invocation number")]
    [InlineData("""{ "name": "n", "definition": {}, "mocks": { "S": { "2-1": { "Return": 1 } } }, "expect": { "status": "SUCCEEDED" } }""", "/mocks/S/2-1", "the range is empty")]
    [InlineData("""{ "name": "n", "definition": {}, "mocks": { "S": { "0-2": { "Return": 1 }, "2": { "Return": 2 } } }, "expect": { "status": "SUCCEEDED" } }""", "/mocks/S/2", "overlaps entry \"0-2\"")]
    [InlineData("""{ "name": "n", "definition": {}, "mocks": { "S": { "0": { "Return": 1, "Throw": {} } } }, "expect": { "status": "SUCCEEDED" } }""", "/mocks/S/0", "exactly one of Return")]
    [InlineData("""{ "name": "n", "definition": {}, "mocks": { "S": { "0": { "Throw": { "Cause": "c" } } } }, "expect": { "status": "SUCCEEDED" } }""", "/mocks/S/0/Throw/Error", "must be a non-empty string")]
    [InlineData("""{ "name": "n", "definition": {}, "mocks": { "S": { "0": { "Throw": { "Error": "E", "Reason": "r" } } } }, "expect": { "status": "SUCCEEDED" } }""", "/mocks/S/0/Throw/Reason", "unknown field")]
    [InlineData("""{ "name": "n", "name": "m", "definition": {}, "expect": { "status": "SUCCEEDED" } }""", "", "duplicate key 'name'")]
    public void Parse_MalformedCase_NamesTheFileTheFieldAndWhy(string json, string field, string reason)
    {
        var act = () => TestCaseLoader.Parse(json, "cases/bad.json");

        var error = act.Should().Throw<TestCaseFormatException>().Which;
        error.File.Should().Be("cases/bad.json");
        error.Message.Should().StartWith("cases/bad.json: ");
        if (field.Length > 0)
        {
            error.Message.Should().StartWith($"cases/bad.json: {field}: ");
        }

        error.Reason.Should().Contain(reason);
    }

    [Fact]
    public void Load_DefinitionFile_IsReadRelativeToTheCaseFile()
    {
        string dir = Directory.CreateTempSubdirectory("cases").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "machines"));
            File.WriteAllText(Path.Combine(dir, "machines", "m.asl.json"), Definition);
            string casePath = Path.Combine(dir, "case.json");
            File.WriteAllText(casePath, """{ "name": "n", "definitionFile": "machines/m.asl.json", "expect": { "status": "SUCCEEDED" } }""");
            File.WriteAllText(Path.Combine(dir, "missing.json"), """{ "name": "n", "definitionFile": "nope.json", "expect": { "status": "SUCCEEDED" } }""");

            TestCaseLoader.Load(casePath).DefinitionText.Should().Be(Definition);
            var act = () => TestCaseLoader.Load(Path.Combine(dir, "missing.json"));
            act.Should().Throw<TestCaseFormatException>().Which.Message.Should().Contain("/definitionFile: file not found");
            TestCaseLoader.FindCaseFiles(dir).Select(Path.GetFileName).Should().Equal("case.json", "missing.json");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var act = () => TestCaseLoader.Load("/no/such/case.json");

        act.Should().Throw<TestCaseFormatException>().WithMessage("/no/such/case.json: /: file not found: /no/such/case.json");
    }

    [Fact]
    public void FindCaseFiles_MissingPath_Throws()
    {
        var act = () => TestCaseLoader.FindCaseFiles("/no/such/dir");

        act.Should().Throw<FileNotFoundException>();
    }
}
