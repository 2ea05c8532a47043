using Platform.Asl.Model;
using Platform.Asl.Parsing;

namespace Platform.Asl.Tests.Parsing;

/// <summary>Builds small definitions and asserts on their diagnostics.</summary>
internal static class Asl
{
    /// <summary>Parses a machine whose only state is "A", written as <paramref name="state"/>.</summary>
    public static ParseResult ParseState(string state, string queryLanguage = "") =>
        AslParser.Parse($$"""{{{queryLanguage}} "StartAt": "A", "States": { "A": {{state}} } }""");

    /// <summary>Parses a machine whose only state is "A", in a JSONata machine.</summary>
    public static ParseResult ParseJsonataState(string state) => ParseState(state, "\"QueryLanguage\": \"JSONata\",");

    /// <summary>Parses a machine with the given States object body (the text between the braces).</summary>
    public static ParseResult ParseStates(string states, string startAt = "A") =>
        AslParser.Parse($$"""{ "StartAt": "{{startAt}}", "States": { {{states}} } }""");

    /// <summary>Asserts that the only errors are exactly the given ones, in this order.</summary>
    public static void ShouldFailWith(this ParseResult result, params (string Pointer, string Rule, string Message)[] errors)
    {
        result.Definition.Should().BeNull();
        result.Errors.Select(d => (d.Pointer, d.Rule, d.Message)).Should().Equal(errors);
    }

    /// <summary>Asserts that the only error has this pointer and rule, and a message starting with <paramref name="messageStart"/>.</summary>
    /// <remarks>For messages that end with a reason from the JSONPath or intrinsic parser.</remarks>
    public static void ShouldFailWithPrefix(this ParseResult result, string pointer, string rule, string messageStart)
    {
        result.Definition.Should().BeNull();
        var error = result.Errors.Should().ContainSingle().Which;
        error.Pointer.Should().Be(pointer);
        error.Rule.Should().Be(rule);
        error.Message.Should().StartWith(messageStart);
    }

    /// <summary>Asserts that there are no errors and returns the model.</summary>
    public static StateMachineDefinition ShouldBeValid(this ParseResult result)
    {
        result.Errors.Should().BeEmpty();
        result.Definition.Should().NotBeNull();
        return result.Definition!;
    }
}
