using System.Diagnostics;
using System.Text;
using Platform.Asl.Json;
using Platform.Asl.Jsonata;
using Xunit.Abstractions;

namespace Platform.Asl.Tests.Jsonata;

/// <summary>Random and mutated expressions must compile and evaluate to a value or a <see cref="JsonataException"/>, quickly.</summary>
public sealed class JsonataFuzzTests
{
    private static readonly string[] Fragments =
    [
        "a", "b", "$", "$$", "$x", "*", "**", "%", ".", "[", "]", "{", "}", "(", ")", ",", ";", ":", "?", "??", "?:", "+", "-",
        "*", "/", "%", "&", "=", "!=", "<", "<=", ">", ">=", "and", "or", "in", "..", ":=", "~>", "^(", "@$v", "#$i", "|",
        "1", "0", "-1", "2.5", "1e3", "\"s\"", "'t'", "true", "false", "null", "/a+/i", "function($x){$x}", "$string",
        "$sum", "$map", "$reduce", "$sort", "$keys", "$lookup", "$count", "$substring", "$pad", "$replace", "$split",
        "$match", "$join", "$each", "$sift", "$merge", "$spread", "$zip", "$append", "$formatNumber", "$fromMillis",
        "$number", "$round", "$power", "$exists", "$type", "$distinct", "$filter", "$single", "$error", "$assert", " ",
    ];

    private static readonly JNode Data = JNode.Parse(
        """{"a": [1, 2, {"b": "x", "c": [3, 4]}], "b": {"a": 5, "d": null, "e": true}, "s": "hello", "n": 3.5}""");

    private readonly ITestOutputHelper _output;

    public JsonataFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Random_expressions_end_in_a_value_or_a_JSONata_error()
    {
        var random = new Random(20261121);
        var expressions = new List<string>();
        for (int i = 0; i < 3000; i++)
        {
            var sb = new StringBuilder();
            int length = random.Next(1, 12);
            for (int k = 0; k < length; k++)
            {
                sb.Append(Fragments[random.Next(Fragments.Length)]);
            }

            expressions.Add(sb.ToString());
        }

        RunAll(expressions);
    }

    [Fact]
    public void Mutated_suite_expressions_end_in_a_value_or_a_JSONata_error()
    {
        var random = new Random(42);
        var sources = JsonataSuite.All.Where(c => c.LoadError is null && c.Expr.Length < 400).Select(c => c.Expr).ToList();
        var expressions = new List<string>();
        for (int i = 0; i < 3000; i++)
        {
            var text = new StringBuilder(sources[random.Next(sources.Count)]);
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits && text.Length > 0; e++)
            {
                int at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0:
                        text.Remove(at, 1);
                        break;
                    case 1:
                        text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                        break;
                    default:
                        text[at] = "()[]{}.,;:$\"'|/*-+"[random.Next(18)];
                        break;
                }
            }

            expressions.Add(text.ToString());
        }

        RunAll(expressions);
    }

    private void RunAll(List<string> expressions)
    {
        var options = new JsonataOptions { TimeLimit = TimeSpan.FromMilliseconds(500), MaxDepth = 300, MaxResultSize = 100_000 };
        int values = 0;
        int errors = 0;
        var failures = new List<string>();
        foreach (string expression in expressions)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                JsonataExpression.Compile(expression).Evaluate(Data, null, options);
                values++;
            }
            catch (JsonataException)
            {
                errors++;
            }
            catch (Exception e)
            {
                failures.Add($"{expression} => {e.GetType().Name}: {e.Message} {e.StackTrace?.Split('\n').FirstOrDefault()}");
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(3))
            {
                failures.Add($"{expression} => took {clock.Elapsed.TotalMilliseconds:F0} ms");
            }
        }

        _output.WriteLine($"{values} values, {errors} JSONata errors, {failures.Count} failures");
        failures.Should().BeEmpty();
    }
}
