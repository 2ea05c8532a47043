using Platform.Asl.Json;
using Platform.Asl.Jsonata;
using Platform.Asl.Tests.TestSupport;

namespace Platform.Asl.Tests.Jsonata;

public sealed class JsonataEvaluationTests
{
    private static JNode? Eval(string expression, string? json = null, JsonataOptions? options = null) =>
        JsonataExpression.Compile(expression).Evaluate(json is null ? null : JNode.Parse(json), null, options);

    [Fact]
    public void Evaluate_returns_null_for_an_undefined_result() => Eval("missing", "{}").Should().BeNull();

    [Fact]
    public void Evaluate_binds_variables()
    {
        var expr = JsonataExpression.Compile("$x + a");
        var result = expr.Evaluate(JNode.Parse("""{"a": 2}"""), new Dictionary<string, JNode> { ["x"] = JNode.From(40) });

        result.Should().Be(JNode.From(42));
    }

    [Theory]
    [InlineData("$x")]
    [InlineData("$x.a")]
    [InlineData("$x.a.b")]
    [InlineData("$x.missing")]
    [InlineData("$x.s.length")]
    [InlineData("$x.items")]
    [InlineData("$x.items.sku")]
    [InlineData("$x.nested.items.sku")]
    [InlineData("$x.n")]
    [InlineData("$x.nil.a")]
    [InlineData("$y")]
    [InlineData("$y.a")]
    [InlineData("$unbound.a")]
    public void A_plain_variable_path_reads_the_same_as_the_evaluator_does(string expression)
    {
        // The block "( … )" is not a plain path, so it always goes through the evaluator: the two must agree.
        var bindings = new Dictionary<string, JNode>
        {
            ["x"] = JNode.Parse("""{"a":{"b":[1,2]},"s":"text","items":[{"sku":"p"},{"sku":"q"}],"nested":{"items":[{"sku":"r"}]},"n":1.5,"nil":null}"""),
            ["y"] = JNode.Parse("""[{"a":1},{"a":[2,3]}]"""),
        };
        var direct = JsonataExpression.Compile(expression).Evaluate(null, bindings);
        var evaluated = JsonataExpression.Compile("(" + expression + ")").Evaluate(null, bindings);

        direct.Should().Be(evaluated);
    }

    [Fact]
    public void A_transform_whose_pattern_reaches_a_bound_variable_leaves_that_shared_JSON_alone()
    {
        var bindings = new Dictionary<string, JNode> { ["x"] = JNode.Parse("""{"a":1}""") };
        var expression = JsonataExpression.Compile("""{"b":2} ~> |$x|{"a":9}|""");

        expression.Evaluate(null, bindings).Should().Be(JNode.Parse("""{"b":2}"""));
        JsonataExpression.Compile("$x.a").Evaluate(null, bindings).Should().Be(JNode.From(1));
    }

    [Fact]
    public void An_unbound_function_name_is_still_a_function()
    {
        var act = () => JsonataExpression.Compile("$count").Evaluate(null, new Dictionary<string, JNode>());

        act.Should().Throw<JsonataException>().Which.Code.Should().Be("T1009");
    }

    [Theory]
    [InlineData("$states.input.a", false)]
    [InlineData("$states.context.State.Name", true)]
    [InlineData("$states", true)]
    [InlineData("$states.*", true)]
    [InlineData("$lookup($states, 'con' & 'text')", true)]
    [InlineData("$keys($states)", true)]
    [InlineData("$map([1], function($v){ $states.input })", false)]
    [InlineData("$states.input[$states.result > 1]", false)]
    [InlineData("$states.input.context", true)]
    public void MayReadMember_is_conservative(string expression, bool expected) =>
        JsonataExpression.Compile(expression).MayReadMember("states", "context").Should().Be(expected);

    [Fact]
    public void Evaluate_reports_a_function_result_as_an_error()
    {
        var act = () => Eval("function($x){$x}");

        act.Should().Throw<JsonataException>().Which.Code.Should().Be("T1009");
    }

    [Fact]
    public void Eval_is_not_provided()
    {
        var act = () => Eval("$eval('1 + 1')");

        act.Should().Throw<JsonataException>().Which.Code.Should().Be("T1006");
    }

    [Fact]
    public void Infinite_recursion_ends_in_a_stack_overflow_error()
    {
        var act = () => Eval("($f := function($n){ 1 + $f($n + 1) }; $f(0))");

        act.Should().Throw<JsonataException>().Which.Code.Should().Be("U1001");
    }

    [Fact]
    public void Infinite_tail_recursion_ends_in_a_timeout()
    {
        var options = new JsonataOptions { TimeLimit = TimeSpan.FromMilliseconds(200) };
        var act = () => Eval("($f := function($n){ $f($n + 1) }; $f(0))", null, options);

        act.Should().Throw<JsonataException>().Which.Code.Should().Be("U1001");
    }

    [Fact]
    public void Tail_recursion_runs_in_constant_depth()
    {
        var options = new JsonataOptions { MaxDepth = 100 };
        var result = Eval("($f := function($n, $acc){ $n = 0 ? $acc : $f($n - 1, $acc + 1) }; $f(10000, 0))", null, options);

        result.Should().Be(JNode.From(10000));
    }

    [Fact]
    public void Huge_ranges_are_refused()
    {
        var options = new JsonataOptions { MaxResultSize = 1000 };
        var act = () => Eval("[1..100000]", null, options);

        act.Should().Throw<JsonataException>().Which.Code.Should().Be("D2014");
    }

    [Fact]
    public void Deeply_nested_results_end_in_an_error_not_a_crash()
    {
        var act = () => SmallStack.Run(() => Eval("$reduce([1..200000], function($a, $v){ {\"a\": $a} }, {})"));

        act.Should().Throw<JsonataException>().Which.Code.Should().Be("U1001");
    }

    [Fact]
    public void A_compiled_expression_is_safe_to_share_between_threads()
    {
        var expr = JsonataExpression.Compile("($sq := function($v){ $v * $v }; $sum(a.$sq($)))");
        var results = new JNode?[64];

        Parallel.For(0, results.Length, i => results[i] = expr.Evaluate(JNode.Parse($$"""{"a": [1, 2, {{i}}]}""")));

        for (int i = 0; i < results.Length; i++)
        {
            results[i].Should().Be(JNode.From(5 + (i * i)));
        }
    }

    [Theory]
    [InlineData("$round(2.5)", "2")]
    [InlineData("$round(3.5)", "4")]
    [InlineData("$round(-2.5)", "-2")]
    [InlineData("$round(1.255, 2)", "1.26")]
    [InlineData("[1,2,3][-1]", "3")]
    [InlineData("$string([1, {\"a\": 0.1 + 0.2}])", "\"[1,{\\\"a\\\":0.3}]\"")]
    [InlineData("$replace(\"abc\", /(b)/, \"[$1]\")", "\"a[b]c\"")]
    [InlineData("$formatNumber(1234.5, \"#,##0.00\")", "\"1,234.50\"")]
    [InlineData("$contains(\"ab\\n\", /b$/)", "false")]
    [InlineData("$replace(\"a1-b2\", /[\\d-]/, \"\")", "\"ab\"")]
    [InlineData("$exists($match(\"x\u0661\", /\\d/))", "false")]
    [InlineData("$exists(/(a+)+$/(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\"))", "false")]
    public void Built_ins_follow_JSONata(string expression, string expected) =>
        Eval(expression).Should().Be(JNode.Parse(expected));
}
