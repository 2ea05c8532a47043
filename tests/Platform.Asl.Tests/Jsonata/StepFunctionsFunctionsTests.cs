using Platform.Asl.Json;
using Platform.Asl.Jsonata;

namespace Platform.Asl.Tests.Jsonata;

public class StepFunctionsFunctionsTests
{
    private static JNode? Eval(string expression) => JsonataExpression.Compile(expression).Evaluate(null);

    [Theory]
    [InlineData("$partition([0,1,2], 2)", "[[0,1],[2]]")]
    [InlineData("$partition([0,1,2,3], 5)", "[[0,1,2,3]]")]
    [InlineData("$partition([0,1], 1)", "[[0],[1]]")]
    [InlineData("$range(0, 10, 3)", "[0,3,6,9]")]
    [InlineData("$range(1, 9, 2)", "[1,3,5,7,9]")]
    [InlineData("$range(1, -5, -2)", "[1,-1,-3,-5]")]
    [InlineData("$range(1, 9, 9)", "1")]
    [InlineData("$hash('input data', 'SHA-1')", "\"aaff4a450a104cd177d28d18d74485e8cae074b7\"")]
    [InlineData("$hash('abc', 'MD5')", "\"900150983cd24fb0d6963f7d28e17f72\"")]
    [InlineData("$parse('[1, 2, \"HelloWorld\"]')", "[1,2,\"HelloWorld\"]")]
    [InlineData("$parse('-0')", "0")]
    public void StepFunctionsFunction_RecordedValues_MatchAws(string expression, string expected)
    {
        Eval(expression).Should().Be(JNode.Parse(expected));
    }

    [Theory]
    [InlineData("$partition([], 2)")]
    [InlineData("$partition([1], 0)")]
    [InlineData("$range(1, 9, 0)")]
    [InlineData("$range(9, 1, 1)")]
    public void StepFunctionsFunction_DegenerateArguments_AreUndefined(string expression)
    {
        Eval(expression).Should().BeNull();
    }

    [Fact]
    public void Random_WithSeed_IsReproducibleAndInRange()
    {
        var first = (JNumber)Eval("$random(42)")!;
        first.Should().Be(Eval("$random(42)"));
        first.Value.Should().BeInRange(0, 1);
        Eval("$random(43)").Should().NotBe(first);
    }

    [Fact]
    public void Uuid_IsAVersionFourUuid()
    {
        string uuid = ((JString)Eval("$uuid()")!).Value;
        Guid.TryParse(uuid, out _).Should().BeTrue();
        uuid[14].Should().Be('4');
    }

    [Fact]
    public void Eval_IsNotAvailable_AsOnAws()
    {
        var act = () => Eval("$eval('1 + 1')");
        act.Should().Throw<JsonataException>().Which.Code.Should().Be("T1006");
    }

    [Fact]
    public void Pad_LargeWidth_IsLinear()
    {
        // $pad re-counted its growing padding on every step; 270,000 characters took minutes.
        var result = JsonataExpression.Compile("$length($pad('', 270000, 'xy'))").Evaluate(null, null, new JsonataOptions { TimeLimit = TimeSpan.FromSeconds(5) });
        result.Should().Be(JNode.From(270000));
    }
}
