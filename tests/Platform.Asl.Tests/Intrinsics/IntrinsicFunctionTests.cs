using Platform.Asl.Errors;
using Platform.Asl.Intrinsics;
using Platform.Asl.Json;
using Platform.Asl.Tests.TestSupport;

namespace Platform.Asl.Tests.Intrinsics;

/// <summary>Each function's results and runtime failures, with literal arguments (paths are covered in <see cref="IntrinsicPathArgumentTests"/>).</summary>
public class IntrinsicFunctionTests
{
    private const string Obj = "States.StringToJson('{\"Arg1\": 1, \"Arg2\": []}')";

    // --- States.Format ---
    [Theory]
    [InlineData("States.Format('Hello, {}!', 'World')", "Hello, World!")]
    [InlineData("States.Format('{}{}', 1, 1.1)", "11.1")]
    [InlineData("States.Format('{} {} {}', null, true, false)", "null true false")]
    [InlineData("States.Format('no placeholders')", "no placeholders")]
    [InlineData("States.Format('{}', 0.0001)", "1.0E-4")]
    [InlineData("States.Format('{}', 12345678.5)", "1.23456785E7")]
    [InlineData("States.Format('{}', -0.5)", "-0.5")]
    [InlineData("States.Format('{}', 100)", "100")]
    [InlineData("States.Format('x={}', " + Obj + ")", "x={Arg1=1, Arg2=[]}")]
    [InlineData("States.Format('{}', States.StringToJson('[1, \"a\", [null], {\"k\": {\"n\": 2.5}}]'))", "[1, a, [null], {k={n=2.5}}]")]
    [InlineData("States.Format('{}', States.Format('{}-{}', 'a', 'b'))", "a-b")]
    public void Format_ReplacesPlaceholdersWithJavaTextForms(string text, string expected)
    {
        Evaluate(text).Should().Be(JNode.From(expected));
    }

    [Fact]
    public void Format_TemplateFromACall_CountsItsPlaceholdersAtRuntime()
    {
        Evaluate("States.Format(States.Format('{}', '{} + {}'), 1, 2)").Should().Be(JNode.From("1 + 2"));
        Fails("States.Format(States.Format('{}', '{} + {}'), 1)")
            .Should().Be("The intrinsic function 'States.Format(States.Format('{}', '{} + {}'), 1)' failed: the template has 2 placeholders but 1 value was given.");
    }

    [Fact]
    public void Format_TemplateNotAString_Fails()
    {
        Fails("States.Format(States.ArrayGetItem(States.Array(1), 0))")
            .Should().EndWith("failed: argument 1 must be a string, but was a number: 1.");
    }

    // --- States.StringToJson / JsonToString / JsonMerge ---
    [Theory]
    [InlineData("''", "null")]
    [InlineData("' '", "null")]
    [InlineData("'null'", "null")]
    [InlineData("'-0'", "0")]
    [InlineData("'1.1'", "1.1")]
    [InlineData("'true'", "true")]
    [InlineData("'\"HelloWorld\"'", "\"HelloWorld\"")]
    [InlineData("'[1, 2, \"HelloWorld\"]'", "[1,2,\"HelloWorld\"]")]
    [InlineData("' {\"Arg1\": 1, \"Arg2\": []} '", "{\"Arg1\":1,\"Arg2\":[]}")]
    public void StringToJson_ParsesJson(string argument, string expected)
    {
        Evaluate($"States.StringToJson({argument})").Should().Be(JNode.Parse(expected));
    }

    [Fact]
    public void StringToJson_InvalidJson_Fails()
    {
        Fails("States.StringToJson('{\"a\":')").Should().StartWith("The intrinsic function 'States.StringToJson('{\"a\":')' failed: argument 1 is not valid JSON (");
    }

    [Theory]
    [InlineData("null", "null")]
    [InlineData("1", "1")]
    [InlineData("1.1", "1.1")]
    [InlineData("0.0000001", "1.0E-7")]
    [InlineData("true", "true")]
    [InlineData("\"HelloWorld\"", "\"HelloWorld\"")]
    [InlineData("[1, 2, \"HelloWorld\"]", "[1,2,\"HelloWorld\"]")]
    [InlineData("{\"Arg1\": 1, \"Arg2\": [], \"s\": \"a\\\"b\\\\c\\n\\u0001\"}", "{\"Arg1\":1,\"Arg2\":[],\"s\":\"a\\\"b\\\\c\\n\\u0001\"}")]
    public void JsonToString_WritesCompactJson(string json, string expected)
    {
        var ctx = new TestEvaluationContext();
        var value = IntrinsicFunction.Parse($"States.StringToJson('{json.Replace("\\", "\\\\", StringComparison.Ordinal)}')").Evaluate(ctx);
        value.Should().Be(JNode.Parse(json));
        Evaluate($"States.JsonToString(States.StringToJson('{json.Replace("\\", "\\\\", StringComparison.Ordinal)}'))").Should().Be(JNode.From(expected));
    }

    [Fact]
    public void JsonMerge_Shallow_SecondWins()
    {
        var merged = Evaluate("States.JsonMerge(States.StringToJson('{\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2, \"d\": 3}'), States.StringToJson('{\"a\": {\"a3\": 1, \"a4\": 2}, \"c\": 3, \"d\": 4}'), false)");
        merged.ToString().Should().Be("{\"a\":{\"a3\":1,\"a4\":2},\"b\":2,\"d\":4,\"c\":3}");
    }

    [Fact]
    public void JsonMerge_Errors()
    {
        Fails("States.JsonMerge(States.StringToJson('[]'), States.StringToJson('{}'), false)")
            .Should().EndWith("failed: argument 1 must be an object, but was an array: [].");
        Fails("States.JsonMerge(States.StringToJson('{}'), States.StringToJson('{}'), States.ArrayContains(States.Array(1), 1))")
            .Should().EndWith("failed: deep merging (true as argument 3) is not supported; only false (a shallow merge) is.");
    }

    // --- Arrays ---
    [Fact]
    public void Array_CollectsArgumentsInOrder()
    {
        Evaluate("States.Array('a', 1, States.Array(), null)").Should().Be(JNode.Parse("[\"a\",1,[],null]"));
    }

    [Theory]
    [InlineData("[]", 1, "[]")]
    [InlineData("[0]", 4, "[[0]]")]
    [InlineData("[0, 1, 2]", 2, "[[0,1],[2]]")]
    [InlineData("[0, 1, 2, 3]", 1, "[[0],[1],[2],[3]]")]
    [InlineData("[0, 1, 2, 3]", 2, "[[0,1],[2,3]]")]
    [InlineData("[0, 1, 2, 3]", 5, "[[0,1,2,3]]")]
    public void ArrayPartition_MakesChunks(string array, int size, string expected)
    {
        Evaluate($"States.ArrayPartition(States.StringToJson('{array}'), {size})").Should().Be(JNode.Parse(expected));
    }

    [Fact]
    public void ArrayPartition_Errors()
    {
        Fails("States.ArrayPartition(States.Array(1), States.MathAdd(0, 0))").Should().EndWith("failed: the chunk size (argument 2) must be greater than 0, but was 0.");
        Fails("States.ArrayPartition(States.Array(1), States.StringToJson('1.5'))").Should().EndWith("failed: argument 2 must be an integer between -2147483648 and 2147483647, but was 1.5.");
        Fails("States.ArrayPartition(States.StringToJson('{}'), 1)").Should().EndWith("failed: argument 1 must be an array, but was an object: {}.");
    }

    [Theory]
    [InlineData("[]", "null", false)]
    [InlineData("[[1, 2, 3], 2]", "null", false)]
    [InlineData("[[1, 2, 3], 2]", "[1, 2, 3]", true)]
    [InlineData("[{\"1\": 2, \"2\": []}]", "[]", false)]
    [InlineData("[{\"1\": 2, \"2\": []}]", "{\"2\": [], \"1\": 2}", true)]
    [InlineData("[true, false]", "false", true)]
    [InlineData("[1, 2]", "2.0", true)]
    [InlineData("[\"1\"]", "1", false)]
    public void ArrayContains_ComparesStructurally(string array, string value, bool expected)
    {
        Evaluate($"States.ArrayContains(States.StringToJson('{array}'), States.StringToJson('{value}'))").Should().Be(JNode.From(expected));
    }

    [Theory]
    [InlineData("0, 9, 3", "[0,3,6,9]")]
    [InlineData("0, 10, 3", "[0,3,6,9]")]
    [InlineData("1, 9, 9", "[1]")]
    [InlineData("1, 9, 2", "[1,3,5,7,9]")]
    [InlineData("5, 5, 1", "[5]")]
    [InlineData("5, 1, -2", "[5,3,1]")]
    [InlineData("-3, 0, 1", "[-3,-2,-1,0]")]
    [InlineData("5, 1, 1", "[]")]
    public void ArrayRange_IncludesTheEnd(string arguments, string expected)
    {
        Evaluate($"States.ArrayRange({arguments})").Should().Be(JNode.Parse(expected));
    }

    [Fact]
    public void ArrayRange_AtMostAThousandItems()
    {
        ((JArray)Evaluate("States.ArrayRange(1, 1000, 1)")).Count.Should().Be(1000);
        Fails("States.ArrayRange(0, States.MathAdd(1000, 0), 1)").Should().Be("The intrinsic function 'States.ArrayRange(0, States.MathAdd(1000, 0), 1)' failed: the range would have 1001 items, more than the maximum of 1000.");
        Fails("States.ArrayRange(0, 1, States.MathAdd(0, 0))").Should().EndWith("failed: the step (argument 3) must not be 0.");
    }

    [Fact]
    public void ArrayGetItem_ReturnsTheItemOrFails()
    {
        Evaluate("States.ArrayGetItem(States.Array(1, 2, 3, 4, 5, 6, 7, 8, 9), 5)").Should().Be(JNode.From(6));
        Evaluate("States.ArrayGetItem(States.StringToJson('[{\"a\": 1}]'), 0)").Should().Be(JNode.Parse("{\"a\":1}"));
        Fails("States.ArrayGetItem(States.Array(1, 2, 3), 3)").Should().EndWith("failed: the index 3 is out of bounds for an array of length 3.");
        Fails("States.ArrayGetItem(States.Array(1), States.MathAdd(-1, 0))").Should().EndWith("failed: the index -1 is out of bounds for an array of length 1.");
    }

    [Fact]
    public void ArrayLength_CountsItems()
    {
        Evaluate("States.ArrayLength(States.Array(1, 2, 3, 4, 5, 6, 7, 8, 9))").Should().Be(JNode.From(9));
        Evaluate("States.ArrayLength(States.Array())").Should().Be(JNode.From(0));
        Fails("States.ArrayLength(States.StringToJson('\"abc\"'))").Should().EndWith("failed: argument 1 must be an array, but was a string: \"abc\".");
        Fails("States.ArrayLength(States.StringToJson('null'))").Should().EndWith("failed: argument 1 must be an array, but was null.");
    }

    [Fact]
    public void ArrayUnique_KeepsFirstOfEachValue()
    {
        const string input = "[null, null, true, true, false, false, 1, 1, 1.1, 0, -0, \"HelloWorld\", \"HelloWorld\", [], [], [null], [null], {\"a\": 1, \"b\": 2}, {\"b\": 2, \"a\": 1}, {\"a\": 1, \"b\": 1}]";
        Evaluate($"States.ArrayUnique(States.StringToJson('{input}'))")
            .ToString().Should().Be("[null,true,false,1,1.1,0,\"HelloWorld\",[],[null],{\"a\":1,\"b\":2},{\"a\":1,\"b\":1}]");
        Evaluate("States.ArrayUnique(States.Array(1, 2, 3))").Should().Be(JNode.Parse("[1,2,3]"));
    }

    // --- Encoding ---
    [Theory]
    [InlineData("", "")]
    [InlineData("Data to encode", "RGF0YSB0byBlbmNvZGU=")]
    [InlineData("héllo wörld ✓", "aMOpbGxvIHfDtnJsZCDinJM=")]
    public void Base64_RoundTripsUtf8(string text, string encoded)
    {
        Evaluate($"States.Base64Encode('{text}')").Should().Be(JNode.From(encoded));
        Evaluate($"States.Base64Decode('{encoded}')").Should().Be(JNode.From(text));
    }

    [Fact]
    public void Base64Decode_ToleratesLineBreaksAndMissingPadding()
    {
        Evaluate("States.Base64Decode('RGF0YSB0\nbyBlbmNvZGU')").Should().Be(JNode.From("Data to encode"));
    }

    [Fact]
    public void Base64_Errors()
    {
        Fails("States.Base64Decode('not*base64')").Should().EndWith("failed: argument 1 is not valid Base64: \"not*base64\".");
        Fails("States.Base64Encode(States.StringToJson('1'))").Should().EndWith("failed: argument 1 must be a string, but was a number: 1.");
    }

    [Fact]
    public void Base64_InputLongerThanTenThousandCharacters_Fails()
    {
        var ctx = new TestEvaluationContext(JNode.Parse("{}"));
        string ok = new('a', 10_000);
        IntrinsicFunction.Parse($"States.Base64Encode('{ok}')").Evaluate(ctx).Should().BeOfType<JString>();
        string tooLong = new('a', 10_001);
        FluentActions.Invoking(() => IntrinsicFunction.Parse($"States.Base64Encode('{tooLong}')").Evaluate(ctx))
            .Should().Throw<StatesException>().Which.Cause.Should().EndWith("failed: the string to encode has 10001 characters, more than the maximum of 10000.");
        FluentActions.Invoking(() => IntrinsicFunction.Parse($"States.Base64Decode('{tooLong}')").Evaluate(ctx))
            .Should().Throw<StatesException>().Which.Cause.Should().EndWith("failed: the string to decode has 10001 characters, more than the maximum of 10000.");
    }

    [Theory]
    [InlineData("MD5", "812f45842bc6d66ee14572ce20db8e86")]
    [InlineData("SHA-1", "aaff4a450a104cd177d28d18d74485e8cae074b7")]
    [InlineData("SHA-256", "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")]
    [InlineData("SHA-384", "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562")]
    [InlineData("SHA-512", "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4")]
    public void Hash_MatchesTheAlgorithm(string algorithm, string expected)
    {
        Evaluate($"States.Hash('input data', '{algorithm}')").Should().Be(JNode.From(expected));
    }

    [Fact]
    public void Hash_NonStringData_HashesItsJsonText()
    {
        Evaluate("States.Hash(States.StringToJson('{\"a\": 1}'), 'SHA-256')").Should().Be(JNode.From("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"));
    }

    [Fact]
    public void Hash_Errors()
    {
        Fails("States.Hash('x', States.Format('sha-256'))").Should().EndWith("failed: the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was 'sha-256'.");
        Fails($"States.Hash('{new string('x', 10_001)}', 'MD5')").Should().EndWith("failed: the data to hash has 10001 characters, more than the maximum of 10000.");
    }

    // --- Math ---
    [Theory]
    [InlineData("-9, 3", -6)]
    [InlineData("1.49, 1.5", 3)]
    [InlineData("1.5, 1.51", 4)]
    [InlineData("-1.49, -1.5", -2)]
    [InlineData("-1.5, -1.51", -3)]
    [InlineData("1.49, -1.49", 0)]
    [InlineData("0.5, 0", 1)]
    [InlineData("2.5, 0", 3)]
    [InlineData("-0.5, 0.5", 1)]
    [InlineData("-0.5, 0", 0)]
    [InlineData("-2.5, 0", -2)]
    [InlineData("-3.5, 0", -3)]
    [InlineData("0.49999999999999994, 0", 0)]
    [InlineData("2147483647, 1", 2147483648)]
    public void MathAdd_RoundsEachArgumentHalfUp(string arguments, long expected)
    {
        Evaluate($"States.MathAdd({arguments})").Should().Be(JNode.From(expected));
    }

    [Fact]
    public void MathAdd_Errors()
    {
        Fails("States.MathAdd(States.StringToJson('\"1\"'), 1)").Should().EndWith("failed: argument 1 must be a number, but was a string: \"1\".");
        Fails("States.MathAdd(3000000000, 1)").Should().EndWith("failed: argument 1 must be between -2147483648 and 2147483647, but was 3000000000.");
    }

    [Fact]
    public void MathRandom_Seeded_IsJavaRandomNextIntFromStart()
    {
        Evaluate("States.MathRandom(0, 10, 42)").Should().Be(JNode.From(0), "new java.util.Random(42).nextInt(10) is 0");
        var expected = 100 + new JavaRandom(7).NextInt(900);
        Evaluate("States.MathRandom(100, 1000, 7)").Should().Be(JNode.From(expected));
        Evaluate("States.MathRandom(0, 999, 3)").Should().Be(Evaluate("States.MathRandom(0, 999, 3)"), "the same seed gives the same number");
    }

    [Fact]
    public void MathRandom_Unseeded_IsWithinRangeAndUsesTheContextIdSource()
    {
        var ctx = new TestEvaluationContext();
        var function = IntrinsicFunction.Parse("States.MathRandom(12.5, 44.51)");
        for (int i = 0; i < 50; i++)
        {
            var value = ((JNumber)function.Evaluate(ctx)).Value;
            value.Should().BeInRange(13, 44);
            double.IsInteger(value).Should().BeTrue();
        }

        ctx.GuidsIssued.Should().Be(50);
        var replay = new TestEvaluationContext();
        var first = function.Evaluate(new TestEvaluationContext());
        function.Evaluate(replay).Should().Be(first, "a replay issues the same ids, so the same numbers");
    }

    [Fact]
    public void MathRandom_Errors()
    {
        Fails("States.MathRandom(5, States.MathAdd(5, 0))").Should().EndWith("failed: the end (5) must be greater than the start (5).");
        Fails("States.MathRandom(-2147483648, 2147483647)").Should().EndWith("failed: the range from -2147483648 to 2147483647 is wider than 2147483647.");
        Fails("States.MathRandom(1, 2, States.StringToJson('\"x\"'))").Should().EndWith("failed: argument 3 must be a number, but was a string: \"x\".");
    }

    // --- Strings ---
    [Theory]
    [InlineData(" ", ",", "[\" \"]")]
    [InlineData(",,,,", ",", "[]")]
    [InlineData("", ",", "[]")]
    [InlineData("1,2,3,4,5", ",", "[\"1\",\"2\",\"3\",\"4\",\"5\"]")]
    [InlineData("This.is+a,test=string", ".+,=", "[\"This\",\"is\",\"a\",\"test\",\"string\"]")]
    [InlineData("split on T and \nnew line", "T\n", "[\"split on \",\" and \",\"new line\"]")]
    [InlineData("abc", "", "[\"abc\"]")]
    public void StringSplit_SplitsOnEachDelimiterCharacterDroppingEmptyTokens(string text, string delimiters, string expected)
    {
        Evaluate($"States.StringSplit('{text}', '{delimiters}')").Should().Be(JNode.Parse(expected));
    }

    [Fact]
    public void KnownResultKinds_AreCheckedAtDefinitionTime()
    {
        FluentActions.Invoking(() => IntrinsicFunction.Parse("States.StringSplit(States.Array(), ',')"))
            .Should().Throw<IntrinsicSyntaxException>().Which.Reason.Should().Be("argument 1 of States.StringSplit must be a string, but is a call of States.Array");
    }

    [Fact]
    public void StringSplit_Errors()
    {
        Fails("States.StringSplit(States.StringToJson('[]'), ',')").Should().EndWith("failed: argument 1 must be a string, but was an array: [].");
    }

    // --- UUID ---
    [Fact]
    public void Uuid_IsVersion4FromTheContextIdSource()
    {
        var ctx = new TestEvaluationContext();
        var uuid = ((JString)IntrinsicFunction.Parse("States.UUID()").Evaluate(ctx)).Value;
        uuid.Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        ctx.GuidsIssued.Should().Be(1);
        IntrinsicFunction.Parse("States.UUID()").Evaluate(new TestEvaluationContext()).Should().Be(JNode.From(uuid), "the same id source gives the same UUID");
        IntrinsicFunction.Parse("States.UUID()").Evaluate(ctx).Should().NotBe(JNode.From(uuid));
    }

    [Fact]
    public void Failure_IsIntrinsicFailureNamingTheInnermostFailingCall()
    {
        var ex = FluentActions.Invoking(() => IntrinsicFunction.Parse("States.Format('{}', States.ArrayGetItem(States.Array(), 0))").Evaluate(new TestEvaluationContext()))
            .Should().Throw<StatesException>().Which;
        ex.Error.Should().Be(StatesErrors.IntrinsicFailure);
        ex.Cause.Should().Be("The intrinsic function 'States.ArrayGetItem(States.Array(), 0)' failed: the index 0 is out of bounds for an array of length 0.");
    }

    private static JNode Evaluate(string text) => IntrinsicFunction.Parse(text).Evaluate(new TestEvaluationContext());

    private static string Fails(string text)
    {
        var ex = FluentActions.Invoking(() => Evaluate(text)).Should().Throw<StatesException>().Which;
        ex.Error.Should().Be(StatesErrors.IntrinsicFailure);
        return ex.Cause;
    }
}
