using Platform.Asl.Parsing;

namespace Platform.Asl.Tests.Parsing;

public class MachineValidationTests
{
    [Fact]
    public void Parse_RootIsArray_ReportsNotObject() =>
        AslParser.Parse("[]").ShouldFailWith(("", "Machine.NotObject", "a state machine definition must be a JSON object, found an array"));

    [Fact]
    public void Parse_MissingStartAt_ReportsRequired() =>
        AslParser.Parse("""{ "States": { "A": { "Type": "Succeed" } } }""")
            .ShouldFailWith(("", "Field.Required", "missing required field 'StartAt'"));

    [Fact]
    public void Parse_StartAtNotAString_ReportsType() =>
        AslParser.Parse("""{ "StartAt": 5, "States": { "A": { "Type": "Succeed" } } }""")
            .ShouldFailWith(("/StartAt", "Field.Type", "must be a string, found 5"));

    [Fact]
    public void Parse_StartAtNamesNoState_ReportsStartAt() =>
        AslParser.Parse("""{ "StartAt": "B", "States": { "A": { "Type": "Succeed" } } }""")
            .ShouldFailWith(("/StartAt", "Machine.StartAt", "must name a state of this States block, found \"B\""));

    [Fact]
    public void Parse_MissingStates_ReportsRequired() =>
        AslParser.Parse("""{ "StartAt": "A" }""").ShouldFailWith(("", "Field.Required", "missing required field 'States'"));

    [Fact]
    public void Parse_StatesNotAnObject_ReportsType() =>
        AslParser.Parse("""{ "StartAt": "A", "States": [] }""").ShouldFailWith(("/States", "Field.Type", "must be an object, found an array"));

    [Fact]
    public void Parse_EmptyStates_ReportsStatesEmpty() =>
        AslParser.Parse("""{ "StartAt": "A", "States": {} }""").ShouldFailWith(("/States", "Machine.StatesEmpty", "must contain at least one state, found none"));

    [Theory]
    [InlineData("0", "Machine.TimeoutSeconds", "must be a positive integer, found 0")]
    [InlineData("-5", "Machine.TimeoutSeconds", "must be a positive integer, found -5")]
    [InlineData("1.5", "Machine.TimeoutSeconds", "must be a positive integer, found 1.5")]
    [InlineData("3000000000", "Machine.TimeoutSeconds", "must be at most 2147483647, found 3000000000")]
    [InlineData("\"60\"", "Field.Type", "must be a positive integer, found \"60\"")]
    public void Parse_BadTimeoutSeconds_Reports(string value, string rule, string message) =>
        AslParser.Parse($$"""{ "StartAt": "A", "TimeoutSeconds": {{value}}, "States": { "A": { "Type": "Succeed" } } }""")
            .ShouldFailWith(("/TimeoutSeconds", rule, message));

    [Fact]
    public void Parse_UnknownTopLevelField_ReportsUnsupported() =>
        AslParser.Parse("""{ "StartAt": "A", "Foo": 1, "States": { "A": { "Type": "Succeed" } } }""")
            .ShouldFailWith(("/Foo", "Field.Unsupported", "field 'Foo' is not supported at the top level of a state machine"));

    [Theory]
    [InlineData("Comment")]
    [InlineData("Version")]
    public void Parse_TextFieldNotAString_ReportsType(string field) =>
        AslParser.Parse($$"""{ "StartAt": "A", "{{field}}": true, "States": { "A": { "Type": "Succeed" } } }""")
            .ShouldFailWith(($"/{field}", "Field.Type", "must be a string, found true"));

    [Fact]
    public void Parse_InvalidQueryLanguage_ReportsInvalid() =>
        AslParser.Parse("""{ "StartAt": "A", "QueryLanguage": "jsonata", "States": { "A": { "Type": "Succeed" } } }""")
            .ShouldFailWith(("/QueryLanguage", "QueryLanguage.Invalid", "must be JSONPath or JSONata, found \"jsonata\""));

    [Fact]
    public void Parse_ValidTopLevelFields_FillTheModel()
    {
        var machine = AslParser.Parse("""
            { "Comment": "c", "Version": "1.0", "TimeoutSeconds": 30, "QueryLanguage": "JSONata", "StartAt": "A",
              "States": { "A": { "Type": "Succeed" } } }
            """).ShouldBeValid();

        machine.StartAt.Should().Be("A");
        machine.Comment.Should().Be("c");
        machine.Version.Should().Be("1.0");
        machine.TimeoutSeconds.Should().Be(30);
        machine.QueryLanguage.Should().Be(Model.QueryLanguage.JSONata);
        machine.Pointer.Should().Be("");
        machine.Source.Should().NotBeNull();
    }

    [Fact]
    public void Parse_MinimalMachine_UsesDefaults()
    {
        var machine = AslParser.Parse("""{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }""").ShouldBeValid();

        machine.Version.Should().Be("1.0");
        machine.TimeoutSeconds.Should().BeNull();
        machine.QueryLanguage.Should().Be(Model.QueryLanguage.JSONPath);
    }
}
