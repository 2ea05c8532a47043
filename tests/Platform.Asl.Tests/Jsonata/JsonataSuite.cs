using Platform.Asl.Json;
using Platform.Asl.Jsonata;
using Platform.Asl.Tests.TestSupport;

namespace Platform.Asl.Tests.Jsonata;

/// <summary>Loads and runs the official JSONata 2.0.6 test suite (../shared/jsonata-test-suite).</summary>
public static class JsonataSuite
{
    private static readonly Lazy<IReadOnlyList<SuiteCase>> Cases = new(Load);
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Skips = new(LoadSkips);
    private static readonly Lazy<IReadOnlyDictionary<string, CaseOutcome>> Outcomes = new(RunAll);

    public static string SuiteDirectory => Path.Combine(SharedFiles.SharedDirectory, "jsonata-test-suite");

    public static IReadOnlyList<SuiteCase> All => Cases.Value;

    public static IReadOnlyDictionary<string, string> SkipList => Skips.Value;

    public static IReadOnlyDictionary<string, CaseOutcome> Results => Outcomes.Value;

    public static IEnumerable<string> Groups => All.Select(c => c.Group).Distinct().Order(StringComparer.Ordinal);

    public static CaseOutcome Run(SuiteCase c)
    {
        if (Skips.Value.TryGetValue(c.Id, out string? reason))
        {
            return new CaseOutcome(CaseStatus.Skipped, reason);
        }

        if (c.LoadError is not null)
        {
            return Fail("the case file cannot be read by JNode.Parse: " + c.LoadError);
        }

        var options = new JsonataOptions
        {
            MaxDepth = c.Depth ?? JsonataOptions.Default.MaxDepth,
            TimeLimit = TimeSpan.FromMilliseconds(c.TimeLimit ?? 10_000),
        };
        try
        {
            var expr = JsonataExpression.Compile(c.Expr);
            var result = expr.Evaluate(c.Input, c.Bindings, options);

            // Input documents (the shared datasets too) keep the evaluator's views of them between evaluations, so a
            // second run over the same nodes must give the same answer: nothing may have changed them.
            if (!ReadsClock(c.Expr) && !JNode.DeepEquals(expr.Evaluate(c.Input, c.Bindings, options), result))
            {
                return Fail("a second evaluation over the same input gave a different result");
            }

            if (c.Code is not null)
            {
                return Fail($"expected error {c.Code}, got {result?.ToString() ?? "undefined"}");
            }

            if (c.UndefinedResult)
            {
                return result is null ? Pass() : Fail($"expected undefined, got {result}");
            }

            if (c.Unordered && result is JArray got && c.Result is JArray want)
            {
                return got.Count == want.Count && want.All(w => got.Any(g => JNode.DeepEquals(g, w))) ? Pass() : Fail($"expected {want}, got {got}");
            }

            return JNode.DeepEquals(result, c.Result) ? Pass() : Fail($"expected {c.Result}, got {result?.ToString() ?? "undefined"}");
        }
        catch (JsonataException e)
        {
            return c.Code == e.Code ? Pass() : Fail($"expected {(object?)c.Code ?? c.Result?.ToString() ?? "undefined"}, got error {e.Message}");
        }
        catch (Exception e)
        {
            return Fail($"CRASH {e.GetType().Name}: {e.Message} {e.StackTrace?.Split('\n').FirstOrDefault()}");
        }
    }

    private static bool ReadsClock(string expr) =>
        expr.Contains("$now", StringComparison.Ordinal) || expr.Contains("$millis", StringComparison.Ordinal) || expr.Contains("$random", StringComparison.Ordinal);

    private static CaseOutcome Pass() => new(CaseStatus.Passed, string.Empty);

    private static CaseOutcome Fail(string message) => new(CaseStatus.Failed, message);

    private static Dictionary<string, CaseOutcome> RunAll() => All.ToDictionary(c => c.Id, c =>
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = Run(c);
        return outcome with { Elapsed = clock.Elapsed };
    });

    private static Dictionary<string, string> LoadSkips()
    {
        string path = Path.Combine(SharedFiles.RepositoryRoot, "tests", "Platform.Asl.Tests", "Jsonata", "skip-list.json");
        var root = (JObject)JNode.Parse(File.ReadAllText(path));
        return root.ToDictionary(p => p.Key, p => ((JString)p.Value).Value);
    }

    private static List<SuiteCase> Load()
    {
        var datasets = new Dictionary<string, JNode>(StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(Path.Combine(SuiteDirectory, "datasets"), "*.json"))
        {
            datasets[Path.GetFileNameWithoutExtension(file)] = JNode.Parse(File.ReadAllText(file));
        }

        var cases = new List<SuiteCase>();
        foreach (string dir in Directory.GetDirectories(Path.Combine(SuiteDirectory, "groups")).Order(StringComparer.Ordinal))
        {
            string group = Path.GetFileName(dir);
            foreach (string file in Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal))
            {
                string name = group + "/" + Path.GetFileNameWithoutExtension(file);
                JNode node;
                try
                {
                    node = ParseCaseFile(File.ReadAllText(file));
                }
                catch (Exception e) when (e is InvalidOperationException or JsonParseException)
                {
                    cases.Add(new SuiteCase(group, name, string.Empty, null, null, null, false, null, false, null, null) { LoadError = e.Message });
                    continue;
                }

                if (node is JArray many)
                {
                    for (int i = 0; i < many.Count; i++)
                    {
                        cases.Add(ToCase(group, $"{name}[{i}]", (JObject)many[i], datasets));
                    }
                }
                else
                {
                    cases.Add(ToCase(group, name, (JObject)node, datasets));
                }
            }
        }

        return cases;
    }

    /// <summary>Parses a case file; a lone-surrogate escape (which JNode cannot hold) is left for the JSONata lexer to decode.</summary>
    private static JNode ParseCaseFile(string text)
    {
        try
        {
            return JNode.Parse(text);
        }
        catch (InvalidOperationException)
        {
            string escaped = System.Text.RegularExpressions.Regex.Replace(text, @"\\(u[dD][89a-fA-F][0-9a-fA-F]{2})", @"\\$1");
            return JNode.Parse(escaped);
        }
    }

    private static SuiteCase ToCase(string group, string id, JObject o, Dictionary<string, JNode> datasets)
    {
        JNode? input = o["data"];
        if (input is null && o["dataset"] is JString ds)
        {
            input = datasets[ds.Value];
        }

        var bindings = o["bindings"] is JObject b ? b.ToDictionary(p => p.Key, p => p.Value) : null;
        string? code = (o["code"] as JString)?.Value ?? ((o["error"] as JObject)?["code"] as JString)?.Value;
        return new SuiteCase(group, id, ((JString)o["expr"]!).Value, input, bindings, o["result"], o["undefinedResult"] is JBool { Value: true },
            code, o["unordered"] is JBool { Value: true }, (o["timelimit"] as JNumber)?.Value is double t ? (int)t : null,
            (o["depth"] as JNumber)?.Value is double d ? (int)d : null);
    }
}
