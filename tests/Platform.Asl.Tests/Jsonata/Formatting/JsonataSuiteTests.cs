using Platform.Asl.Json;
using Platform.Asl.Jsonata.Formatting;
using Platform.Asl.Tests.TestSupport;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Platform.Asl.Tests.Jsonata.Formatting;

/// <summary>Runs the official JSONata test suite's cases that are a single direct call with literal arguments.</summary>
public sealed class JsonataSuiteTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static string SuiteDirectory => Path.Combine(SharedFiles.SharedDirectory, "jsonata-test-suite", "groups");

    // Floors are the measured pass counts, with no failures: formatNumber 36/37, formatInteger 64/65, formatBase 7/8,
    // parseInteger 60/61, fromMillis 90/93 (19 composed), tomillis 54/58 (9 composed). The skipped cases pass an
    // undefined input (foo, undefined, nothing) or use paths/$now()/$substring, which belong to the evaluator.
    [Theory]
    [InlineData("function-formatNumber", 36)]
    [InlineData("function-formatInteger", 64)]
    [InlineData("function-formatBase", 7)]
    [InlineData("function-parseInteger", 60)]
    [InlineData("function-fromMillis", 90)]
    [InlineData("function-tomillis", 54)]
    public void SuiteGroup_DirectLiteralCalls_MatchExpected(string group, int floor)
    {
        var outcome = Run(group);
        output.WriteLine($"{group}: {outcome}");
        foreach (var failure in outcome.Failures)
        {
            output.WriteLine("FAIL " + failure);
        }

        foreach (var skipped in outcome.Skipped)
        {
            output.WriteLine("SKIP " + skipped);
        }

        outcome.Passed.Should().BeGreaterThanOrEqualTo(floor, string.Join("\n", outcome.Failures));
    }

    internal static SuiteOutcome Run(string group)
    {
        var outcome = new SuiteOutcome();
        foreach (var file in Directory.GetFiles(Path.Combine(SuiteDirectory, group), "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var testCase = (JObject)JNode.Parse(File.ReadAllText(file));
            var expr = ((JString)testCase["expr"]!).Value;
            var call = SimpleCall.TryParse(expr);
            Func<object?>? invoke = null;
            if (call is not null && TryInvoke(call, out var direct))
            {
                invoke = direct;
            }
            else if (TryCompose(expr, out var composed))
            {
                // Two of these functions composed by a pipe or a variable, which needs no evaluator to follow.
                invoke = composed;
                outcome.Composed++;
            }

            if (invoke is null)
            {
                outcome.Skipped.Add($"{name}: {expr}");
                continue;
            }

            var verdict = Check(testCase, invoke);
            if (verdict is null)
            {
                outcome.Passed++;
            }
            else
            {
                outcome.Failures.Add($"{name}: {expr} => {verdict}");
            }
        }

        return outcome;
    }

    private static string? Check(JObject testCase, Func<object?> invoke)
    {
        object? actual;
        try
        {
            actual = invoke();
        }
        catch (JsonataFormattingException ex)
        {
            return testCase["code"] is JString code && code.Value == ex.Code ? null : $"threw {ex.Code} {ex.Message}";
        }
        catch (Exception ex)
        {
            return $"crashed {ex.GetType().Name}: {ex.Message}";
        }

        if (testCase["code"] is JString expectedCode)
        {
            return $"expected error {expectedCode.Value}, got {Describe(actual)}";
        }

        if (testCase["undefinedResult"] is JBool)
        {
            return actual is null ? null : $"expected undefined, got {Describe(actual)}";
        }

        var expected = testCase["result"];
        var matches = (expected, actual) switch
        {
            (JString s, string a) => s.Value == a,
            (JNumber n, double d) => n.Value == d,
            (JNumber n, long l) => n.Value == l,
            _ => false,
        };
        return matches ? null : $"expected {expected?.ToJson()}, got {Describe(actual)}";
    }

    private static string Describe(object? value) => value switch
    {
        null => "undefined",
        string s => "\"" + s + "\"",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    /// <summary>
    /// Handles <c>$toMillis(...) ~> $fromMillis()</c> and <c>($ts := $toMillis(...); $fromMillis($ts, ...))</c>,
    /// passing the first call's result as the second call's first argument.
    /// </summary>
    private static bool TryCompose(string expr, out Func<object?> invoke)
    {
        invoke = () => null;
        var text = expr.Trim();
        string first;
        string second;
        var pipe = Regex.Match(text, @"^(?<a>\$toMillis\(.*\))\s*~>\s*\$fromMillis\(\)$");
        var bind = Regex.Match(text, @"^\(\s*\$ts\s*:=\s*(?<a>\$toMillis\(.*?\))\s*;\s*\$fromMillis\(\$ts\s*(?<rest>,.*)?\)\s*\)$");
        if (pipe.Success)
        {
            first = pipe.Groups["a"].Value;
            second = "$fromMillis(0)";
        }
        else if (bind.Success)
        {
            first = bind.Groups["a"].Value;
            second = "$fromMillis(0" + bind.Groups["rest"].Value + ")";
        }
        else
        {
            return false;
        }

        var inner = SimpleCall.TryParse(first);
        var outer = SimpleCall.TryParse(second);
        if (inner is null || outer is null || !TryInvoke(inner, out var innerInvoke))
        {
            return false;
        }

        invoke = () =>
        {
            if (innerInvoke() is not long millis)
            {
                return null;
            }

            var args = outer.Arguments.Skip(1).Prepend(JNode.From(millis)).ToList();
            return TryInvoke(outer with { Arguments = args }, out var outerInvoke) ? outerInvoke() : null;
        };
        return true;
    }

    /// <summary>Binds the literal arguments to the C# function, or fails when they do not fit its signature.</summary>
    private static bool TryInvoke(SimpleCall call, out Func<object?> invoke)
    {
        var a = call.Arguments;
        string? Str(int i) => i < a.Count && a[i] is JString s ? s.Value : null;
        double? Num(int i) => i < a.Count && a[i] is JNumber n ? n.Value : null;
        bool Fits(params char[] kinds) =>
            a.Count <= kinds.Length
            && a.Select((node, i) => kinds[i] switch
            {
                's' => node is JString,
                'n' => node is JNumber,
                'o' => node is JObject,
                _ => false,
            }).All(ok => ok);

        invoke = () => null;
        switch (call.Function)
        {
            case "formatNumber" when a.Count >= 2 && Fits('n', 's', 'o'):
                invoke = () => JsonataFormatting.FormatNumber(Num(0)!.Value, Str(1)!, a.Count > 2 ? (JObject)a[2] : null);
                return true;
            case "formatInteger" when a.Count == 2 && Fits('n', 's'):
                invoke = () => JsonataFormatting.FormatInteger(Num(0)!.Value, Str(1)!);
                return true;
            case "formatBase" when a.Count >= 1 && Fits('n', 'n'):
                invoke = () => JsonataFormatting.FormatBase(Num(0)!.Value, Num(1) ?? 10);
                return true;
            case "parseInteger" when a.Count == 2 && Fits('s', 's'):
                invoke = () => JsonataFormatting.ParseInteger(Str(0)!, Str(1)!);
                return true;
            case "fromMillis" when a.Count >= 1 && Fits('n', 's', 's'):
                invoke = () => JsonataFormatting.FromMillis((long)Num(0)!.Value, Str(1), Str(2));
                return true;
            case "toMillis" when a.Count >= 1 && Fits('s', 's'):
                invoke = () => JsonataFormatting.ToMillis(Str(0)!, Str(1), Now);
                return true;
            default:
                return false;
        }
    }
}
