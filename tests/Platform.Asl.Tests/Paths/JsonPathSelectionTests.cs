using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.Tests.Paths;

public class JsonPathSelectionTests
{
    private static readonly JNode Numbers = JNode.Parse("""{"n":[0,1,2,3,4,5,6,7,8,9]}""");

    private static string Eval(string path, JNode document)
    {
        JsonPath.Parse(path).TryEvaluate(document, out var result).Should().BeTrue($"'{path}' should evaluate");
        return result!.ToString();
    }

    [Theory]
    [InlineData("$.n[1:3]", "[1,2]")]
    [InlineData("$.n[7:]", "[7,8,9]")]
    [InlineData("$.n[:2]", "[0,1]")]
    [InlineData("$.n[-2:]", "[8,9]")]
    [InlineData("$.n[:-8]", "[0,1]")]
    [InlineData("$.n[-3:-1]", "[7,8]")]
    [InlineData("$.n[::3]", "[0,3,6,9]")]
    [InlineData("$.n[1:8:3]", "[1,4,7]")]
    [InlineData("$.n[::-1]", "[9,8,7,6,5,4,3,2,1,0]")]
    [InlineData("$.n[8:2:-2]", "[8,6,4]")]
    [InlineData("$.n[-1:-4:-1]", "[9,8,7]")]
    [InlineData("$.n[5:2]", "[]")]
    [InlineData("$.n[20:]", "[]")]
    [InlineData("$.n[-100:2]", "[0,1]")]
    [InlineData("$.n[:100]", "[0,1,2,3,4,5,6,7,8,9]")]
    [InlineData("$.n[:]", "[0,1,2,3,4,5,6,7,8,9]")]
    [InlineData("$.n[100:-100:-1]", "[9,8,7,6,5,4,3,2,1,0]")]
    [InlineData("$.n[0:10:2147483647]", "[0]")]
    public void Slice_PythonSemantics(string path, string expected)
    {
        Eval(path, Numbers).Should().Be(expected);
    }

    [Fact]
    public void Slice_OnEmptyArrayOrObject_ReturnsEmpty()
    {
        Eval("$[1:]", JArray.Empty).Should().Be("[]");
        Eval("$[::-1]", JArray.Empty).Should().Be("[]");
        Eval("$[0:2]", JNode.Parse("""{"0":1}""")).Should().Be("[]");
    }

    [Theory]
    [InlineData("$.n[0,2]", "[0,2]")]
    [InlineData("$.n[2,0]", "[2,0]")]
    [InlineData("$.n[-1,0,99]", "[9,0]")]
    [InlineData("$.n[1,1]", "[1,1]")]
    public void IndexUnion_ReturnsItemsInWrittenOrderSkippingMissing(string path, string expected)
    {
        Eval(path, Numbers).Should().Be(expected);
    }

    [Fact]
    public void NameUnion_LastStep_MergesPresentNamesIntoOneObjectLikeJayway()
    {
        var doc = JNode.Parse("""{"a":1,"b":{"x":2},"c":3}""");
        Eval("$['b','a','zz']", doc).Should().Be("""{"b":{"x":2},"a":1}""");
        Eval("$['zz','yy']", doc).Should().Be("{}");
    }

    [Fact]
    public void NameUnion_NotLast_YieldsEachValue()
    {
        var doc = JNode.Parse("""{"a":{"v":1},"b":{"v":2},"c":{"v":3}}""");
        Eval("$['c','a'].v", doc).Should().Be("[3,1]");
    }

    [Fact]
    public void NameUnion_AfterWildcard_MergesPerItem()
    {
        var doc = JNode.Parse("""{"items":[{"id":1,"n":"a","x":0},{"id":2,"x":0},5]}""");
        Eval("$.items[*]['id','n']", doc).Should().Be("""[{"id":1,"n":"a"},{"id":2}]""");
    }

    [Fact]
    public void NameUnion_OnNonObject_IsNotFound()
    {
        JsonPath.Parse("$.a['x','y']").TryEvaluate(JNode.Parse("""{"a":[1]}"""), out _).Should().BeFalse();
    }

    [Fact]
    public void Descent_Name_FindsAllInDocumentOrder()
    {
        var doc = JNode.Parse("""
            {"store":{"book":[{"author":"A","price":1},{"author":"B","price":2}],"bicycle":{"price":3}},"price":0}
            """);
        Eval("$..author", doc).Should().Be("""["A","B"]""");
        Eval("$..price", doc).Should().Be("[0,1,2,3]");
        Eval("$.store..price", doc).Should().Be("[1,2,3]");
        Eval("$..book[1].author", doc).Should().Be("""["B"]""");
        Eval("$..nothing", doc).Should().Be("[]");
    }

    [Fact]
    public void Descent_Wildcard_YieldsChildrenBeforeDescending()
    {
        var doc = JNode.Parse("""{"a":{"x":1},"b":[2,3]}""");
        Eval("$..*", doc).Should().Be("""[{"x":1},[2,3],1,2,3]""");
    }

    [Fact]
    public void Descent_Index_AppliesToEveryArray()
    {
        var doc = JNode.Parse("""{"a":[[1,2],[3]],"b":{"c":[4,5]}}""");
        Eval("$..[0]", doc).Should().Be("[[1,2],1,3,4]");
        Eval("$..[-1]", doc).Should().Be("[[3],2,3,5]");
        Eval("$..[1:]", doc).Should().Be("[[3],2,5]");
    }

    [Fact]
    public void Descent_Filter_TestsEveryNodeIncludingStart()
    {
        var doc = JNode.Parse("""{"price":50,"items":[{"price":5},{"price":15,"sub":{"price":25}}]}""");
        Eval("$..[?(@.price > 10)]", doc).Should().Be("""[{"price":50,"items":[{"price":5},{"price":15,"sub":{"price":25}}]},{"price":15,"sub":{"price":25}},{"price":25}]""");
    }

    [Fact]
    public void Descent_NameUnion_OnlyObjectsHavingAllNames()
    {
        var doc = JNode.Parse("""{"a":1,"k":[{"a":2,"b":3},{"a":4}]}""");
        Eval("$..['a','b']", doc).Should().Be("""[{"a":2,"b":3}]""");
    }

    [Fact]
    public void Descent_OnScalar_FindsNothing()
    {
        Eval("$..a", JNode.From(3)).Should().Be("[]");
    }

    [Theory]
    [InlineData("$.a.length()", "3")]
    [InlineData("$.a.size()", "3")]
    [InlineData("$.o.length()", "2")]
    [InlineData("$.s.length()", "5")]
    [InlineData("$.a.sum()", "6")]
    [InlineData("$.a.min()", "1")]
    [InlineData("$.a.max()", "3")]
    [InlineData("$.a.avg()", "2")]
    [InlineData("$.a.first()", "1")]
    [InlineData("$.a.last()", "3")]
    [InlineData("$.o.keys()", """["x","y"]""")]
    [InlineData("$.mixed.sum()", "4")]
    [InlineData("$..v.length()", "2")]
    [InlineData("$..v.sum()", "3")]
    [InlineData("$.k[*].length()", "[1,1]")]
    [InlineData("$.nested[*].sum()", "[3,4]")]
    [InlineData("$.o.*.sum()", "[]")]
    [InlineData("$.none[*].length()", "[]")]
    [InlineData("$.length()", "7")]
    public void Function_AtEndOfPath_AppliesToValueOrMatches(string path, string expected)
    {
        var doc = JNode.Parse("""{"a":[1,2,3],"o":{"x":10,"y":20},"s":"hello","mixed":[1,"x",3,null],"k":[{"v":1},{"v":2}],"none":[],"nested":[[1,2],"x",[4]]}""");
        Eval(path, doc).Should().Be(expected);
    }

    [Fact]
    public void Function_StdDev_IsPopulationStandardDeviation()
    {
        JsonPath.Parse("$.stddev()").TryEvaluate(JNode.Parse("[2,4,4,4,5,5,7,9]"), out var result).Should().BeTrue();
        ((JNumber)result!).Value.Should().BeApproximately(2.0, 1e-12);
    }

    [Theory]
    [InlineData("$.s.sum()")]
    [InlineData("$.none.min()")]
    [InlineData("$.none.first()")]
    [InlineData("$.a.keys()")]
    [InlineData("$.n.length()")]
    [InlineData("$.missing.length()")]
    public void Function_InputDoesNotFit_IsNotFound(string path)
    {
        var doc = JNode.Parse("""{"a":[1],"s":"x","none":[],"n":5}""");
        JsonPath.Parse(path).TryEvaluate(doc, out var result).Should().BeFalse();
        result.Should().BeNull();
    }
}
