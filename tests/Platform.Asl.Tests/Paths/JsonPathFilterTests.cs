using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.Tests.Paths;

public class JsonPathFilterTests
{
    private static readonly JNode Store = JNode.Parse("""
        {
          "store": {
            "book": [
              { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95, "tags": ["classic"] },
              { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99, "tags": [] },
              { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99, "tags": ["classic", "sea"] },
              { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99, "tags": ["fantasy"] }
            ],
            "bicycle": { "color": "red", "price": 19.95 }
          },
          "expensive": 10,
          "wanted": ["Moby Dick", "Sword of Honour"]
        }
        """);

    private static string Titles(string filter)
    {
        JsonPath.Parse("$.store.book[?(" + filter + ")].title").TryEvaluate(Store, out var result).Should().BeTrue();
        return result!.ToString();
    }

    [Theory]
    [InlineData("@.price < 10", """["Sayings of the Century","Moby Dick"]""")]
    [InlineData("@.price <= 8.99", """["Sayings of the Century","Moby Dick"]""")]
    [InlineData("@.price > 12.99", """["The Lord of the Rings"]""")]
    [InlineData("@.price >= 12.99", """["Sword of Honour","The Lord of the Rings"]""")]
    [InlineData("@.category == 'reference'", """["Sayings of the Century"]""")]
    [InlineData("@.category == \"reference\"", """["Sayings of the Century"]""")]
    [InlineData("@.category != 'fiction'", """["Sayings of the Century"]""")]
    [InlineData("@.isbn", """["Moby Dick","The Lord of the Rings"]""")]
    [InlineData("!@.isbn", """["Sayings of the Century","Sword of Honour"]""")]
    [InlineData("@.price > $.expensive", """["Sword of Honour","The Lord of the Rings"]""")]
    [InlineData("@.category == 'fiction' && @.price < 10", """["Moby Dick"]""")]
    [InlineData("@.price < 9 || @.price > 20", """["Sayings of the Century","Moby Dick","The Lord of the Rings"]""")]
    [InlineData("(@.price < 9 || @.price > 20) && @.isbn", """["Moby Dick","The Lord of the Rings"]""")]
    [InlineData("!(@.price < 9 || @.price > 20)", """["Sword of Honour"]""")]
    [InlineData("@.author =~ /.*rees/i", """["Sayings of the Century"]""")]
    [InlineData("@.author =~ /.*rees/", "[]")]
    [InlineData("@.author =~ /Rees/", "[]")]
    [InlineData("@.title in $.wanted", """["Sword of Honour","Moby Dick"]""")]
    [InlineData("@.title in ['Moby Dick', \"nothing\"]", """["Moby Dick"]""")]
    [InlineData("@.category nin ['fiction']", """["Sayings of the Century"]""")]
    [InlineData("@.tags contains 'classic'", """["Sayings of the Century","Moby Dick"]""")]
    [InlineData("@.title contains 'of the'", """["Sayings of the Century","The Lord of the Rings"]""")]
    [InlineData("@.tags subsetof ['classic','sea']", """["Sayings of the Century","Sword of Honour","Moby Dick"]""")]
    [InlineData("@.tags anyof ['sea','fantasy']", """["Moby Dick","The Lord of the Rings"]""")]
    [InlineData("@.tags noneof ['sea','fantasy']", """["Sayings of the Century","Sword of Honour"]""")]
    [InlineData("@.tags size 2", """["Moby Dick"]""")]
    [InlineData("@.isbn size 13", """["Moby Dick","The Lord of the Rings"]""")]
    [InlineData("@.tags empty true", """["Sword of Honour"]""")]
    [InlineData("@.tags empty false", """["Sayings of the Century","Moby Dick","The Lord of the Rings"]""")]
    [InlineData("@.isbn exists false", """["Sayings of the Century","Sword of Honour"]""")]
    [InlineData("@.tags.length() > 1", """["Moby Dick"]""")]
    [InlineData("@.tags[0] == 'classic'", """["Sayings of the Century","Moby Dick"]""")]
    [InlineData("@['category'] === 'reference'", """["Sayings of the Century"]""")]
    [InlineData("@.tags == ['classic', 'sea']", """["Moby Dick"]""")]
    [InlineData("@.missing == null", "[]")]
    [InlineData("@.missing != 'x'", """["Sayings of the Century","Sword of Honour","Moby Dick","The Lord of the Rings"]""")]
    [InlineData("@.price < 'abc'", "[]")]
    [InlineData("@.price<10", """["Sayings of the Century","Moby Dick"]""")]
    [InlineData("@.category=='fiction'&&@.price>20", """["The Lord of the Rings"]""")]
    [InlineData("@.price<9||@.isbn=~/0-395.*/", """["Sayings of the Century","Moby Dick","The Lord of the Rings"]""")]
    [InlineData("@.author =~ / j\\. \\s r\\. .* /xi", """["The Lord of the Rings"]""")]
    [InlineData("@.category=='fiction'&&!@.isbn", """["Sword of Honour"]""")]
    [InlineData("@", """["Sayings of the Century","Sword of Honour","Moby Dick","The Lord of the Rings"]""")]
    public void Filter_Operators_SelectExpectedBooks(string filter, string expected)
    {
        Titles(filter).Should().Be(expected);
    }

    [Theory]
    [InlineData("""[{"v":1},{"v":"1"},{"v":1.5},{"v":"x"},{"v":true}]""", "@.v == '1'", """[{"v":1},{"v":"1"}]""")]
    [InlineData("""[{"v":1},{"v":"1"},{"v":1.5},{"v":"x"},{"v":true}]""", "@.v == 1", """[{"v":1},{"v":"1"}]""")]
    [InlineData("""[{"v":1},{"v":"1"},{"v":1.5},{"v":"x"},{"v":true}]""", "@.v === 1", """[{"v":1}]""")]
    [InlineData("""[{"v":1},{"v":"1"},{"v":1.5},{"v":"x"},{"v":true}]""", "@.v !== 1", """[{"v":"1"},{"v":1.5},{"v":"x"},{"v":true}]""")]
    [InlineData("""[{"v":1},{"v":"1"},{"v":1.5},{"v":"x"},{"v":true}]""", "@.v == true", """[{"v":true}]""")]
    [InlineData("""[{"v":null},{"w":1}]""", "@.v == null", """[{"v":null}]""")]
    [InlineData("""[{"v":null},{"w":1}]""", "@.v", """[{"v":null}]""")]
    [InlineData("""["b","a","c"]""", "@ > 'a'", """["b","c"]""")]
    [InlineData("""[1,5,10]""", "@ >= 5", """[5,10]""")]
    [InlineData("""[{"a":{"b":1}},{"a":{"b":2}}]""", "@.a == {'b': 2}", """[{"a":{"b":2}}]""")]
    [InlineData("""[{"s":"line1\nline2"}]""", "@.s =~ /line1.line2/", "[]")]
    [InlineData("""[{"s":"line1\nline2"}]""", "@.s =~ /line1.line2/s", """[{"s":"line1\nline2"}]""")]
    [InlineData("""[{"n":42},{"n":7}]""", "@.n =~ /4\\d/", """[{"n":42}]""")]
    [InlineData("""[{"p":"a/b"}]""", "@.p =~ /a\\/b/", """[{"p":"a/b"}]""")]
    [InlineData("""[{"x":[{"y":1}]},{"x":[{"z":1}]}]""", "@.x[?(@.y)]", """[{"x":[{"y":1}]}]""")]
    [InlineData("""[{"x":[]},{"x":[1]}]""", "@.x[*]", """[{"x":[1]}]""")]
    [InlineData("""[{"s":"it's"}]""", "@.s == 'it\\'s'", """[{"s":"it's"}]""")]
    [InlineData("""[{"s":"\u00e9"}]""", "@.s == '\\u00e9'", """[{"s":"\u00e9"}]""")]
    public void Filter_Semantics_FollowJayway(string json, string filter, string expected)
    {
        JsonPath.Parse("$[?(" + filter + ")]").TryEvaluate(JNode.Parse(json), out var result).Should().BeTrue();
        JNode.DeepEquals(result, JNode.Parse(expected)).Should().BeTrue($"expected {expected} but got {result}");
    }

    [Fact]
    public void Filter_OnObject_TestsTheObjectItself()
    {
        JsonPath.Parse("$.store.bicycle[?(@.color == 'red')].price").TryEvaluate(Store, out var hit).Should().BeTrue();
        hit!.ToString().Should().Be("[19.95]");
        JsonPath.Parse("$.store.bicycle[?(@.color == 'blue')]").TryEvaluate(Store, out var miss).Should().BeTrue();
        miss!.ToString().Should().Be("[]");
    }

    [Fact]
    public void Filter_RegexCompiledOnce_UsesLinearEngineWhenPossible()
    {
        var path = JsonPath.Parse("$[?(@ =~ /(a+)+$/)]");
        var doc = new JArray([JNode.From(new string('a', 50_000) + "!"), JNode.From("aaa")]);
        var started = System.Diagnostics.Stopwatch.StartNew();
        path.TryEvaluate(doc, out var result).Should().BeTrue();
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        result!.ToString().Should().Be("[\"aaa\"]");
    }

    [Fact]
    public void Filter_HostileBacktrackingRegex_TimesOutAsStatesRuntime()
    {
        // A backreference forces the backtracking engine; the match timeout must stop it.
        var path = JsonPath.Parse("$[?(@ =~ /(a|aa)+\\1b/)]");
        var doc = new JArray([JNode.From(new string('a', 5_000))]);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var act = () => path.TryEvaluate(doc, out _);
        var ex = act.Should().Throw<Platform.Asl.Errors.StatesException>().Which;
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        ex.Error.Should().Be(Platform.Asl.Errors.StatesErrors.Runtime);
        ex.Cause.Should().Contain("/(a|aa)+\\1b/");
    }

    [Fact]
    public void Filter_BackreferenceRegex_StillMatchesNormalInput()
    {
        JsonPath.Parse("$[?(@ =~ /(ab)\\1/)]").TryEvaluate(JNode.Parse("""["abab","abba"]"""), out var result).Should().BeTrue();
        result!.ToString().Should().Be("[\"abab\"]");
    }
}
