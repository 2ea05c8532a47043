using Platform.Asl.Intrinsics;
using Platform.Asl.Json;
using Platform.Asl.Tests.TestSupport;

namespace Platform.Asl.Tests.Intrinsics;

public class IntrinsicParserTests
{
    [Fact]
    public void Parse_Call_KeepsTextAndName()
    {
        var function = IntrinsicFunction.Parse("States.Format('Hello, {}!', 'World')");
        function.Text.Should().Be("States.Format('Hello, {}!', 'World')");
        function.Name.Should().Be("States.Format");
        function.Evaluate(new TestEvaluationContext()).Should().Be(JNode.From("Hello, World!"));
    }

    [Fact]
    public void FunctionNames_AreTheEighteenOfTheLanguage()
    {
        IntrinsicFunction.FunctionNames.Should().HaveCount(18).And.OnlyContain(n => n.StartsWith("States.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("States.Foo(1)", 0, "unknown intrinsic function 'States.Foo'")]
    [InlineData("States.format('x')", 0, "unknown intrinsic function 'States.format'")]
    [InlineData("Format('x')", 0, "unknown intrinsic function 'Format'")]
    [InlineData("States.Array(foo)", 13, "unknown intrinsic function 'foo'")]
    [InlineData("States.ArrayLength()", 0, "States.ArrayLength takes exactly 1 argument, but 0 were given")]
    [InlineData("States.MathAdd(1, 2, 3)", 0, "States.MathAdd takes exactly 2 arguments, but 3 were given")]
    [InlineData("States.UUID(1)", 0, "States.UUID takes exactly 0 arguments, but 1 was given")]
    [InlineData("States.Format()", 0, "States.Format takes at least 1 argument, but 0 were given")]
    [InlineData("States.MathRandom(1)", 0, "States.MathRandom takes 2 to 3 arguments, but 1 was given")]
    [InlineData("States.Array(1, 2", 17, "missing ')' to close the call of States.Array opened at position 0")]
    [InlineData("States.Array(1 2)", 15, "expected ',' or ')' but found '2'")]
    [InlineData("States.Array(1,)", 15, "expected an argument but found ')'")]
    [InlineData("States.Array(,1)", 13, "expected an argument but found ','")]
    [InlineData("States.Array (1)", 12, "expected '(' after 'States.Array' but found ' '")]
    [InlineData("States.Array", 12, "expected '(' after 'States.Array'")]
    [InlineData("States.UUID() x", 14, "unexpected 'x' after the end of the call")]
    [InlineData("", 0, "the expression is empty")]
    [InlineData("   ", 3, "the expression is empty")]
    [InlineData("$.a", 0, "a path is not an intrinsic function call")]
    [InlineData("(1)", 0, "expected an intrinsic function name but found '('")]
    [InlineData("States.Array(#)", 13, "unexpected '#'")]
    [InlineData("States.Array(01)", 14, "unexpected '1' after the number")]
    [InlineData("States.Array(-)", 14, "expected a digit after '-'")]
    [InlineData("States.Array(1.)", 15, "expected a digit after the decimal point")]
    [InlineData("States.Array(1e)", 15, "expected a digit in the exponent")]
    [InlineData("States.Array(1e999)", 13, "the number 1e999 is out of range")]
    [InlineData("States.Format('abc", 14, "the string literal is not closed")]
    [InlineData("States.Format('abc\\')", 14, "the string literal is not closed")]
    [InlineData("States.Format('a\\nb')", 16, "invalid escape sequence '\\n'")]
    [InlineData("States.Format('a\\", 16, "a backslash at the end escapes nothing")]
    [InlineData("States.ArrayLength('abc')", 19, "argument 1 of States.ArrayLength must be an array, but is a string literal")]
    [InlineData("States.ArrayLength(States.Format('x'))", 19, "argument 1 of States.ArrayLength must be an array, but is a call of States.Format")]
    [InlineData("States.MathAdd(1, 'two')", 18, "argument 2 of States.MathAdd must be a number, but is a string literal")]
    [InlineData("States.StringSplit('a', null)", 24, "argument 2 of States.StringSplit must be a string, but is the null literal")]
    [InlineData("States.Format(1)", 14, "argument 1 of States.Format must be a string, but is a number literal")]
    [InlineData("States.Format('{} and {}', 1)", 14, "the template of States.Format has 2 placeholders '{}' but 1 value follows it")]
    [InlineData("States.Format('{}')", 14, "the template of States.Format has 1 placeholder '{}' but 0 values follow it")]
    [InlineData("States.JsonMerge(States.StringToJson('{}'), States.StringToJson('{}'), true)", 71, "States.JsonMerge supports only false as argument 3")]
    [InlineData("States.Hash('a', 'SHA-2')", 17, "the algorithm of States.Hash must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but is 'SHA-2'")]
    [InlineData("States.ArrayRange(1, 5, 0)", 24, "the step of States.ArrayRange must not be 0")]
    [InlineData("States.ArrayRange(0, 1000, 1)", 0, "States.ArrayRange would produce 1001 items, more than the maximum of 1000")]
    [InlineData("States.MathRandom(5, 5)", 21, "the end of States.MathRandom must be greater than its start, but is 5")]
    [InlineData("States.ArrayRange(1, 5.5, 1)", 21, "argument 2 of States.ArrayRange must be an integer, but is 5.5")]
    [InlineData("States.ArrayPartition(States.Array(), 0)", 38, "the chunk size of States.ArrayPartition must be a positive integer, but is 0")]
    [InlineData("States.ArrayGetItem(States.Array(1), -1)", 37, "the index of States.ArrayGetItem must be a non-negative integer, but is -1")]
    public void Parse_Invalid_ReportsPositionAndReason(string text, int position, string reason)
    {
        var ex = FluentActions.Invoking(() => IntrinsicFunction.Parse(text)).Should().Throw<IntrinsicSyntaxException>().Which;
        ex.Reason.Should().StartWith(reason);
        ex.Position.Should().Be(position);
        ex.Text.Should().Be(text);
        ex.Message.Should().Contain($"at position {position}");
    }

    [Fact]
    public void TryParse_Invalid_ReturnsTheMessage()
    {
        IntrinsicFunction.TryParse("States.Nope()", out var function, out var error).Should().BeFalse();
        function.Should().BeNull();
        error.Should().Be("Invalid intrinsic function 'States.Nope()' at position 0: unknown intrinsic function 'States.Nope'");

        IntrinsicFunction.TryParse("States.UUID()", out function, out error).Should().BeTrue();
        function!.Name.Should().Be("States.UUID");
        error.Should().BeNull();
    }

    [Fact]
    public void Parse_Escapes_DecodeQuotesBracesAndBackslashes()
    {
        Evaluate(@"States.Format('It\'s \{\} {} \\ done', 'x')").Should().Be(JNode.From(@"It's {} x \ done"));
        Evaluate(@"States.Format('\{\}')").Should().Be(JNode.From("{}"));
        Evaluate(@"States.Format('\{}{}', 'a')").Should().Be(JNode.From("{}a"), "an escaped opening brace does not start a placeholder");
        Evaluate(@"States.StringSplit('a\\b', '\\')").Should().Be(JNode.Parse(@"[""a"",""b""]"));
    }

    [Fact]
    public void Parse_UnescapedBracesOutsideFormat_AreOrdinaryCharacters()
    {
        Evaluate("States.StringToJson('{\"a\": {\"b\": [1, 2]}}')").Should().Be(JNode.Parse("{\"a\":{\"b\":[1,2]}}"));
    }

    [Fact]
    public void Parse_StringLiteral_KeepsNewLinesAndQuotesOfJson()
    {
        Evaluate("States.StringSplit('Hello\nWorld', '\n')").Should().Be(JNode.Parse("[\"Hello\",\"World\"]"));
        Evaluate("States.Format('say \"{}\"', 'hi')").Should().Be(JNode.From("say \"hi\""));
    }

    [Fact]
    public void Parse_Literals_NumbersBooleansAndNull()
    {
        Evaluate("States.Array(-1.5e2, 0, 3, 2.25, 1E3)").Should().Be(JNode.Parse("[-150,0,3,2.25,1000]"));
        Evaluate("States.Array(true, false, null, 'x')").Should().Be(JNode.Parse("[true,false,null,\"x\"]"));
        Evaluate("States.Array()").Should().Be(JArray.Empty);
    }

    [Fact]
    public void Parse_WhitespaceBetweenTokens_IsAllowed()
    {
        Evaluate("  States.Array( 1 ,\t2 ,\n States.Array( ) )  ").Should().Be(JNode.Parse("[1,2,[]]"));
    }

    [Fact]
    public void Parse_NestingOfTenCalls_IsAllowed()
    {
        var text = Nest(IntrinsicFunction.MaxNestingDepth);
        Evaluate(text).ToString().Should().Be("[[[[[[[[[[]]]]]]]]]]");
    }

    [Fact]
    public void Parse_NestingOfElevenCalls_FailsAtTheEleventhCall()
    {
        var text = Nest(IntrinsicFunction.MaxNestingDepth + 1);
        var ex = FluentActions.Invoking(() => IntrinsicFunction.Parse(text)).Should().Throw<IntrinsicSyntaxException>().Which;
        ex.Position.Should().Be(10 * "States.Array(".Length);
        ex.Reason.Should().Be("intrinsic function calls are nested more than 10 levels deep");
    }

    [Fact]
    public void IsIntrinsicSyntax_TellsCallsFromPaths()
    {
        IntrinsicFunction.IsIntrinsicSyntax("States.UUID()").Should().BeTrue();
        IntrinsicFunction.IsIntrinsicSyntax("$.a").Should().BeFalse();
        IntrinsicFunction.IsIntrinsicSyntax("$$.Execution.Id").Should().BeFalse();
        IntrinsicFunction.IsIntrinsicSyntax(string.Empty).Should().BeFalse();
    }

    private static string Nest(int depth) =>
        string.Concat(Enumerable.Repeat("States.Array(", depth)) + new string(')', depth);

    private static JNode Evaluate(string text) => IntrinsicFunction.Parse(text).Evaluate(new TestEvaluationContext());
}
