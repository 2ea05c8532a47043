using System.Diagnostics;
using System.Text;
using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.Tests.Paths;

public class JsonPathSafetyTests
{
    private static JNode Chain(int depth)
    {
        // Built bottom-up in a loop: deeper than the parser allows, to prove evaluation never recurses on the document.
        JNode node = JNode.From(0);
        for (int i = 0; i < depth; i++)
        {
            node = new JObject(["a"], [node]);
        }

        return node;
    }

    private static int Count(string path, JNode document)
    {
        JsonPath.Parse(path).TryEvaluate(document, out var result).Should().BeTrue();
        return ((JArray)result!).Count;
    }

    [Fact]
    public void Descent_512LevelsFromParser_Works()
    {
        var json = new StringBuilder();
        for (int i = 0; i < 511; i++)
        {
            json.Append("{\"a\":");
        }

        json.Append("[1]").Append('}', 511);
        var doc = JNode.Parse(json.ToString());

        Count("$..a", doc).Should().Be(511);
        Count("$..*", doc).Should().Be(512);
        Count("$..[?(@.a)]", doc).Should().Be(511);
        Count("$..[0]", doc).Should().Be(1);
    }

    [Fact]
    public void Descent_HundredThousandLevels_DoesNotOverflowTheStack()
    {
        var doc = Chain(100_000);
        Count("$..a", doc).Should().Be(100_000);
        Count("$..[?(@.a)]", doc).Should().Be(100_000);
        Count("$..b", doc).Should().Be(0);
    }

    [Fact]
    public void DefinitePath_DeepChain_Works()
    {
        var doc = Chain(1_000);
        string path = "$" + string.Concat(Enumerable.Repeat(".a", 1_000));
        JsonPath.Parse(path).TryEvaluate(doc, out var result).Should().BeTrue();
        ((JNumber)result!).Value.Should().Be(0);
        JsonPath.Parse(path + ".a").TryEvaluate(doc, out _).Should().BeFalse();
    }

    [Fact]
    public void HugeArray_WildcardFilterAndDescent_FinishQuickly()
    {
        var items = new JNode[1_000_000];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = JNode.From(i);
        }

        var doc = new JObject(["xs"], [new JArray(items)]);
        var watch = Stopwatch.StartNew();
        Count("$.xs[*]", doc).Should().Be(1_000_000);
        Count("$.xs[?(@ >= 999990)]", doc).Should().Be(10);
        Count("$..[?(@ == 5)]", doc).Should().Be(1);
        Count("$.xs[::-1000]", doc).Should().Be(1_000);
        Count("$..x", doc).Should().Be(0);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void DefinitePath_Evaluation_DoesNotAllocate()
    {
        var doc = JNode.Parse("""{"a":{"b":[{"c":1},{"c":{"d":"x"}}]},"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13}""");
        var path = JsonPath.Parse("$.a.b[-1].c.d");
        var wide = JsonPath.Parse("$.k13");
        var missing = JsonPath.Parse("$.a.b[5].c");
        path.TryEvaluate(doc, out _).Should().BeTrue();
        wide.TryEvaluate(doc, out _).Should().BeTrue();
        missing.TryEvaluate(doc, out _).Should().BeFalse();

        long before = GC.GetAllocatedBytesForCurrentThread();
        int found = 0;
        for (int i = 0; i < 10_000; i++)
        {
            found += path.TryEvaluate(doc, out _) ? 1 : 0;
            found += wide.TryEvaluate(doc, out _) ? 1 : 0;
            found += missing.TryEvaluate(doc, out _) ? 1 : 0;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        found.Should().Be(20_000);

        // Under 1 byte per evaluation: an evaluation that allocated anything would cost at least 24 bytes each, 720,000
        // in all. Not exactly 0, because the runtime may allocate once on this thread meanwhile (seen once under a loaded
        // CI run: 2,280 bytes), which says nothing about the evaluations.
        allocated.Should().BeLessThan(30_000);
    }

    [Fact]
    public void Parse_HugeUnion_IsLinear()
    {
        string text = "$[" + string.Join(",", Enumerable.Range(0, 50_000)) + "]";
        var watch = Stopwatch.StartNew();
        var path = JsonPath.Parse(text);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        path.IsDefinite.Should().BeFalse();
    }
}
