using Platform.Asl.Json;
using Platform.Asl.Jsonata;

namespace Platform.Asl.Tests.Jsonata;

/// <summary>The shapes that <see cref="JsonataExpression.Evaluate"/> answers straight on JSON must give exactly what the
/// evaluator gives (the same JSON text, member order included, or the same error code), for every kind of bound value.</summary>
public sealed class JsonShortcutTests
{
    private static readonly string[] Values =
    [
        """{"a":1,"k":0,"nested":{"b":[1,2]}}""", """{}""", """[{"a":1},{"b":2}]""", """[]""", """[5]""", "3", "\"text\"",
        "null", "true",
    ];

    public static TheoryData<string> Shortcuts() => new()
    {
        "$x",
        "$x.a",
        "$x.nested.b",
        "$x.a.b",
        "$merge([$x, {'k': $y}])",
        "$merge([$x, {'k': $y.a}, $z])",
        "$merge([$x])",
        "$merge([$missing, {'k': 1}])",
        "$merge([{'a': 1}, {'a': 2, 'b': 'x'}])",
        "$merge([$x, $y])",
        "$merge([])",
        "{'a': $x, 'b': 1, 'c': 'text', 'd': true, 'e': null, 'f': false}",
        "{'a': $missing}",
        "{'a': {'b': $x.nested}}",
    };

    [Theory]
    [MemberData(nameof(Shortcuts))]
    public void A_shortcut_gives_what_the_evaluator_gives_for_every_kind_of_bound_value(string expression)
    {
        var compiled = JsonataExpression.Compile(expression);
        compiled.HasShortcut.Should().BeTrue();
        int compared = 0;
        foreach (var x in Values)
        {
            foreach (var y in Values)
            {
                var bindings = new Dictionary<string, JNode>
                {
                    ["x"] = JNode.Parse(x),
                    ["y"] = JNode.Parse(y),
                    ["z"] = JNode.Parse("""{"z":true,"a":"last"}"""),
                };

                Outcome(() => compiled.Evaluate(null, bindings)).Should().Be(
                    Outcome(() => compiled.EvaluateWithEvaluator(null, bindings)), $"$x = {x}, $y = {y}");
                compared++;
            }
        }

        compared.Should().Be(Values.Length * Values.Length);
    }

    [Fact]
    public void A_variable_named_merge_hides_the_function_for_the_shortcut_too()
    {
        var compiled = JsonataExpression.Compile("$merge([$x, {'k': 1}])");
        var bindings = new Dictionary<string, JNode> { ["x"] = JNode.Parse("""{"a":1}"""), ["merge"] = JNode.From(1) };

        Outcome(() => compiled.Evaluate(null, bindings)).Should().Be(Outcome(() => compiled.EvaluateWithEvaluator(null, bindings)))
            .And.StartWith("error T1006");
    }

    [Fact]
    public void A_merge_keeps_the_json_nodes_of_the_members_it_does_not_replace()
    {
        var input = JNode.Parse("""{"a":{"deep":[1,2,3]},"k":0}""");
        var bindings = new Dictionary<string, JNode> { ["x"] = input, ["y"] = JNode.From(7) };

        var merged = (JObject)JsonataExpression.Compile("$merge([$x, {'k': $y}])").Evaluate(null, bindings)!;

        ReferenceEquals(merged["a"], ((JObject)input)["a"]).Should().BeTrue();
        JsonWriter.Write(merged, indented: false).Should().Be("""{"a":{"deep":[1,2,3]},"k":7}""");
    }

    [Theory]
    [InlineData("$x[0]")]
    [InlineData("$x.a[0]")]
    [InlineData("$merge([$x, {'k': $y}])[0]")]
    [InlineData("{$string($x): 1}")]
    [InlineData("{'a': 1, 'a': 2}")]
    [InlineData("$merge([$x, [$y]])")]
    [InlineData("$merge($x)")]
    [InlineData("$merge([$x, {'k': $y + 1}])")]
    [InlineData("$merge([a, {'k': 1}])")]
    [InlineData("{'a': b}")]
    [InlineData("$")]
    [InlineData("$$")]
    public void Other_shapes_go_to_the_evaluator(string expression) =>
        JsonataExpression.Compile(expression).HasShortcut.Should().BeFalse();

    private static string Outcome(Func<JNode?> evaluate)
    {
        try
        {
            return evaluate() is { } result ? JsonWriter.Write(result, indented: false) : "undefined";
        }
        catch (JsonataException e)
        {
            return "error " + e.Code;
        }
    }
}
