using Platform.Asl.Jsonata;
using Platform.Asl.Tests.TestSupport;

namespace Platform.Asl.Tests.Jsonata;

public sealed class JsonataParserTests
{
    [Theory]
    [InlineData("1 +", "S0207", 3)]
    [InlineData("\"abc", "S0101", 4)]
    [InlineData("[1,2", "S0203", 4)]
    [InlineData("foo bar", "S0201", 7)]
    [InlineData("1 ! 2", "S0204", 3)]
    [InlineData("(1; 2", "S0203", 5)]
    [InlineData("{\"a\" 1}", "S0202", 6)]
    [InlineData("function($x, y){1}", "S0208", 14)]
    [InlineData("/*abc", "S0106", 0)]
    [InlineData("`abc", "S0105", 4)]
    [InlineData("\"\\q\"", "S0103", 2)]
    [InlineData("\"\\u12\"", "S0104", 2)]
    [InlineData("1e999", "S0102", 0)]
    [InlineData("a.1", "S0213", 3)]
    [InlineData("a.true", "S0213", 6)]
    [InlineData("/a", "S0302", 2)]
    [InlineData("a@b", "S0214", 3)]
    [InlineData("a#b", "S0214", 3)]
    [InlineData("1 := 2", "S0212", 1)]
    [InlineData(")", "S0211", 1)]
    [InlineData("$[0]{\"x\":1}[0]", "S0209", 12)]
    [InlineData("a{\"x\": 1}{\"y\": 2}", "S0210", 10)]
    [InlineData("%.a", "S0217", 1)]
    [InlineData("function($x)<n<n>>{1}", "S0401", 15)]
    [InlineData("function($x)<(s<n>)>{1}", "S0402", 14)]
    public void Compile_reports_syntax_errors_with_code_and_position(string expression, string code, int position)
    {
        var act = () => JsonataExpression.Compile(expression);

        var error = act.Should().Throw<JsonataException>().Which;
        error.Code.Should().Be(code);
        error.Position.Should().Be(position);
    }

    [Theory]
    [InlineData("a.b[0].c")]
    [InlineData("$map([1,2], function($v) { $v * 2 })")]
    [InlineData("Account.Order@$o#$i.Product^(>Price)[0]")]
    [InlineData("$ ~> |a|{'b': 1}, ['c']|")]
    [InlineData("/ab+c/i")]
    [InlineData("($f := λ($n)<n:n>{ $n < 2 ? 1 : $n * $f($n - 1) }; $f(5))")]
    public void Compile_accepts_valid_expressions(string expression)
    {
        var act = () => JsonataExpression.Compile(expression);

        act.Should().NotThrow();
    }

    [Fact]
    public void Compile_turns_very_deep_nesting_into_an_error()
    {
        string text = new string('(', 100_000) + "1" + new string(')', 100_000);
        var act = () => SmallStack.Run(() => JsonataExpression.Compile(text).Evaluate(null));

        act.Should().Throw<JsonataException>().Which.Code.Should().Be("U1001");
    }
}
