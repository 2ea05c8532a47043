using Platform.Asl.Jsonata;

namespace Platform.Asl.Tests.Jsonata;

public sealed class JsonataAnalysisTests
{
    private static IReadOnlyList<string> TopLevel(string expression) =>
        JsonataAnalysis.TopLevelContextReferences(JsonataExpression.Compile(expression));

    private static IReadOnlyList<string> Members(string expression) =>
        JsonataAnalysis.StatesMembers(JsonataExpression.Compile(expression));

    [Theory]
    [InlineData("phone", "phone")]
    [InlineData("phone.number", "phone")]
    [InlineData("`first name`", "first name")]
    [InlineData("phone[0]", "phone")]
    [InlineData("phone[]", "phone")]
    [InlineData("$", "$")]
    [InlineData("$.phone", "$")]
    [InlineData("$$", "$$")]
    [InlineData("$$.phone", "$$")]
    [InlineData("$count(items)", "items")]
    [InlineData("$states.input.a + b", "b")]
    [InlineData("-a", "a")]
    [InlineData("[a, 1]", "a")]
    [InlineData("[1..n]", "n")]
    [InlineData("{'k': v}", "v")]
    [InlineData("{k: 1}", "k")]
    [InlineData("a ? 1 : 2", "a")]
    [InlineData("$states.input.x ? a : 2", "a")]
    [InlineData("($x := a; $x)", "a")]
    [InlineData("($states.input; a)", "a")]
    [InlineData("$states.input ~> $filter(a)", "a")]
    [InlineData("a ~> $sum()", "a")]
    [InlineData("$exists(a) and true", "a")]
    [InlineData("\"x\" & a", "a")]
    [InlineData("$states.input.x in a", "a")]
    [InlineData("$map(a, function($v){ $v })", "a")]
    [InlineData("[a][0]", "a")]
    public void TopLevelContextReferences_finds_references_to_the_root_context(string expression, string reference) =>
        TopLevel(expression).Should().Equal(reference);

    [Theory]
    [InlineData("$states.input.phone")]
    [InlineData("$states.input.items[price > 10]")]
    [InlineData("$states.input.items[$.price > 10]")]
    [InlineData("$states.input.list[$ > 1]")]
    [InlineData("$map($states.input.xs, function($v){ $v.a })")]
    [InlineData("$map($states.input.xs, function($v){ a })")]
    [InlineData("$states.input.xs.(a + b)")]
    [InlineData("$states.input.{ 'a': b }")]
    [InlineData("$states.input{ type: $sum(price) }")]
    [InlineData("$states.input.items^(price, >name)")]
    [InlineData("$states.input ~> $sort()")]
    [InlineData("$states.input ~> |a|{'b': c}|")]
    [InlineData("$count($states.input.items)")]
    [InlineData("( $x := $states.input; $x.a )")]
    [InlineData("$x.a")]
    [InlineData("$states.context.Execution.Input.phone")]
    [InlineData("$lookup($states.input, 'phone')")]
    [InlineData("'phone'")]
    [InlineData("1 + 2")]
    [InlineData("$states.input.items#$i[$i > 0]")]
    [InlineData("$states.input.items@$it.$it.a")]
    [InlineData("$sift($states.input, function($v, $k){ $k = 'a' })")]
    [InlineData("$states.input.a.b[c = 1].d")]
    [InlineData("*")]
    [InlineData("**")]
    public void TopLevelContextReferences_ignores_references_to_a_local_context(string expression) =>
        TopLevel(expression).Should().BeEmpty();

    [Fact]
    public void TopLevelContextReferences_lists_each_name_once_in_source_order() =>
        TopLevel("b + a + b + $").Should().Equal("b", "a", "$");

    [Fact]
    public void Analysis_handles_every_expression_of_the_official_suite()
    {
        int analysed = 0;
        foreach (var c in JsonataSuite.All)
        {
            JsonataExpression expression;
            try
            {
                expression = JsonataExpression.Compile(c.Expr);
            }
            catch (JsonataException)
            {
                continue;
            }

            var analyse = () => (JsonataAnalysis.TopLevelContextReferences(expression), JsonataAnalysis.StatesMembers(expression));
            analyse.Should().NotThrow($"case {c.Id}: {c.Expr}");
            analysed++;
        }

        analysed.Should().BeGreaterThan(1000);
    }

    [Theory]
    [InlineData("$states.result", "result")]
    [InlineData("$states.result.total", "result")]
    [InlineData("$states.errorOutput.Cause", "errorOutput")]
    [InlineData("$states.`result`", "result")]
    [InlineData("$states.input.items[$states.result.n > 1]", "input", "result")]
    [InlineData("$map($states.input, function($v){ $states.errorOutput })", "input", "errorOutput")]
    [InlineData("$states.input.x & $states.context.y", "input", "context")]
    public void StatesMembers_finds_names_read_from_states(string expression, params string[] members) =>
        Members(expression).Should().Equal(members);

    [Theory]
    [InlineData("$states")]
    [InlineData("$lookup($states, 'result')")]
    [InlineData("result")]
    [InlineData("$s.result")]
    [InlineData("function($states){ $states.result }")]
    public void StatesMembers_ignores_other_shapes(string expression) =>
        Members(expression).Should().BeEmpty();
}
