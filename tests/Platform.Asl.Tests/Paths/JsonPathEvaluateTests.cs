using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.Tests.Paths;

public class JsonPathEvaluateTests
{
    private static readonly JNode Store = JNode.Parse("""
        {
          "store": {
            "book": [
              { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
              { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
              { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 },
              { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 }
            ],
            "bicycle": { "color": "red", "price": 19.95 }
          },
          "expensive": 10
        }
        """);

    private static JNode Eval(string path, JNode document)
    {
        JsonPath.Parse(path).TryEvaluate(document, out var result).Should().BeTrue($"'{path}' should find a value");
        return result!;
    }

    private static void ShouldEqualJson(JNode actual, string expectedJson) =>
        JNode.DeepEquals(actual, JNode.Parse(expectedJson)).Should().BeTrue($"expected {expectedJson} but got {actual}");

    [Fact]
    public void TryEvaluate_RootOnly_ReturnsDocumentItself()
    {
        var doc = JNode.Parse("""{"a":1}""");
        JsonPath.Parse("$").TryEvaluate(doc, out var result).Should().BeTrue();
        result.Should().BeSameAs(doc);
    }

    [Fact]
    public void TryEvaluate_DotNames_ReturnsNestedValue()
    {
        ShouldEqualJson(Eval("$.store.bicycle.color", Store), "\"red\"");
    }

    [Fact]
    public void TryEvaluate_BracketNamesBothQuotes_ReturnsNestedValue()
    {
        ShouldEqualJson(Eval("$['store'][\"bicycle\"]['price']", Store), "19.95");
    }

    [Fact]
    public void TryEvaluate_Index_ReturnsItem()
    {
        ShouldEqualJson(Eval("$.store.book[2].title", Store), "\"Moby Dick\"");
    }

    [Fact]
    public void TryEvaluate_NegativeIndex_CountsFromEnd()
    {
        ShouldEqualJson(Eval("$.store.book[-1].author", Store), "\"J. R. R. Tolkien\"");
    }

    [Fact]
    public void TryEvaluate_JsonNullValue_IsFound()
    {
        var doc = JNode.Parse("""{"a":null}""");
        JsonPath.Parse("$.a").TryEvaluate(doc, out var result).Should().BeTrue();
        result.Should().BeSameAs(JNode.Null);
    }

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.store.missing.deeper")]
    [InlineData("$.store.book[4]")]
    [InlineData("$.store.book[-5]")]
    [InlineData("$.store[0]")]
    [InlineData("$.store.book.title")]
    [InlineData("$.expensive.value")]
    [InlineData("$.expensive[0]")]
    public void TryEvaluate_DefinitePathThatDoesNotFit_ReturnsFalse(string path)
    {
        JsonPath.Parse(path).TryEvaluate(Store, out var result).Should().BeFalse();
        result.Should().BeNull();
    }

    [Fact]
    public void TryEvaluate_WildcardOnArray_ReturnsAllItemsInOrder()
    {
        ShouldEqualJson(Eval("$.store.book[*].author", Store), """["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]""");
    }

    [Fact]
    public void TryEvaluate_DotWildcardOnObject_ReturnsValuesInKeyOrder()
    {
        var doc = JNode.Parse("""{"o":{"x":1,"y":[2],"z":{"k":3}}}""");
        ShouldEqualJson(Eval("$.o.*", doc), """[1,[2],{"k":3}]""");
    }

    [Fact]
    public void TryEvaluate_WildcardOnScalar_ReturnsEmptyArray()
    {
        ShouldEqualJson(Eval("$.expensive[*]", Store), "[]");
    }

    [Theory]
    [InlineData("$.items[*]")]
    [InlineData("$.items[1:]")]
    [InlineData("$.items[:1]")]
    [InlineData("$.item.items[1:]")]
    [InlineData("$.items[1:].itemValue")]
    public void TryEvaluate_IndefinitePathOnEmptyInput_ReturnsEmptyArrayAsAwsDoes(string path)
    {
        // Recorded against AWS: base/json-path-array-wildcard-or-slice-with-no-input-*.
        ShouldEqualJson(Eval(path, JObject.Empty), "[]");
    }

    [Fact]
    public void TryEvaluate_IndefinitePathWithOneMatch_StillReturnsArray()
    {
        var doc = JNode.Parse("""{"users":[{"year":1997,"status":0},{"year":1998,"status":1}]}""");
        // Recorded against AWS: base/state-pass-regex-json-path-base.
        ShouldEqualJson(Eval("$.users[?(@.status == 0)]", doc), """[{"year":1997,"status":0}]""");
    }

    [Fact]
    public void TryEvaluate_EscapedQuoteInBracketName_IsTakenAsWrittenAsAwsDoes()
    {
        // Recorded against AWS: scenarios/escape-sequence-parsing-escape-sequences-jsonpath.
        var doc = new JObject(["Test\\\"\"Name\""], [JNode.From("Value\"\\")]);
        ShouldEqualJson(Eval("$['Test\\\"\"Name\"']", doc), "\"Value\\\"\\\\\"");
    }
}
