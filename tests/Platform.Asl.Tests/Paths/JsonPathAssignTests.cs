using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.Tests.Paths;

public class JsonPathAssignTests
{
    [Fact]
    public void Assign_Root_ReplacesWholeDocument()
    {
        var value = JNode.From("result");
        JsonPath.Parse("$").Assign(JNode.Parse("""{"a":1}"""), value).Should().BeSameAs(value);
    }

    [Fact]
    public void Assign_NewTopLevelName_AppendsKeyAndSharesOthers()
    {
        var doc = (JObject)JNode.Parse("""{"keep":{"deep":[1,2]},"other":"x"}""");
        var result = (JObject)JsonPath.Parse("$.taskresult").Assign(doc, JNode.From(5));

        result.Keys.ToArray().Should().Equal("keep", "other", "taskresult");
        result["keep"].Should().BeSameAs(doc["keep"]);
        ((JNumber)result["taskresult"]!).Value.Should().Be(5);
        doc.ContainsKey("taskresult").Should().BeFalse("the input must not change");
    }

    [Fact]
    public void Assign_MissingIntermediates_CreatesObjects()
    {
        var result = JsonPath.Parse("$.a.b.c").Assign(JNode.Parse("""{"x":1}"""), JNode.True);
        JNode.DeepEquals(result, JNode.Parse("""{"x":1,"a":{"b":{"c":true}}}""")).Should().BeTrue(result.ToString());
    }

    [Fact]
    public void Assign_ExistingNestedObject_CopiesOnlyAlongPath()
    {
        var doc = (JObject)JNode.Parse("""{"strings":{"string1":"a","nested":{"n":1}},"sibling":{"s":2}}""");
        var result = (JObject)JsonPath.Parse("$.strings.lambdaresult").Assign(doc, JNode.From("r"));

        var strings = (JObject)result["strings"]!;
        ((object)strings).Should().NotBeSameAs(doc["strings"]);
        strings["nested"].Should().BeSameAs(((JObject)doc["strings"]!)["nested"]);
        result["sibling"].Should().BeSameAs(doc["sibling"]);
        JNode.DeepEquals(result, JNode.Parse("""{"strings":{"string1":"a","nested":{"n":1},"lambdaresult":"r"},"sibling":{"s":2}}""")).Should().BeTrue();
    }

    [Fact]
    public void Assign_ExistingKey_ReplacesValueInPlace()
    {
        var result = (JObject)JsonPath.Parse("$.b").Assign(JNode.Parse("""{"a":1,"b":2,"c":3}"""), JNode.From(9));
        result.Keys.ToArray().Should().Equal("a", "b", "c");
        JNode.DeepEquals(result, JNode.Parse("""{"a":1,"b":9,"c":3}""")).Should().BeTrue();
    }

    [Fact]
    public void Assign_IndexInRange_ReplacesItemAndSharesOtherItems()
    {
        var doc = (JObject)JNode.Parse("""{"list":[{"a":1},{"b":2},{"c":3}]}""");
        var result = (JObject)JsonPath.Parse("$.list[1].x").Assign(doc, JNode.From(7));
        var list = (JArray)result["list"]!;
        var original = (JArray)doc["list"]!;
        list[0].Should().BeSameAs(original[0]);
        list[2].Should().BeSameAs(original[2]);
        JNode.DeepEquals(list[1], JNode.Parse("""{"b":2,"x":7}""")).Should().BeTrue();
    }

    [Theory]
    [InlineData("$.x", "\"abc\"")]
    [InlineData("$.x", "42")]
    [InlineData("$.x", "[1,2]")]
    [InlineData("$.a.b", """{"a":"text"}""")]
    [InlineData("$.a.b", """{"a":null}""")]
    [InlineData("$.a[0]", """{"a":{"0":1}}""")]
    [InlineData("$.a[2]", """{"a":[1]}""")]
    [InlineData("$.a[0]", """{}""")]
    public void Assign_PathDoesNotFitDocument_ThrowsResultPathMatchFailure(string path, string json)
    {
        var doc = JNode.Parse(json);
        var act = () => JsonPath.Parse(path).Assign(doc, JNode.True);
        var ex = act.Should().Throw<StatesException>().Which;
        ex.Error.Should().Be(StatesErrors.ResultPathMatchFailure);
        ex.Cause.Should().Be($"Unable to apply ReferencePath {path} to input {doc}");
    }

    [Fact]
    public void Assign_StringInput_CauseQuotesTheInput()
    {
        var act = () => JsonPath.Parse("$.x").Assign(JNode.From("abc"), JNode.True);
        act.Should().Throw<StatesException>().Which.Cause.Should().Be("Unable to apply ReferencePath $.x to input \"abc\"");
    }

    [Theory]
    [InlineData("$.a[*]")]
    [InlineData("$$.Execution")]
    [InlineData("$var.a")]
    [InlineData("$.a[-1]")]
    public void Assign_NotAReferencePath_ThrowsInvalidOperation(string path)
    {
        var act = () => JsonPath.Parse(path).Assign(JObject.Empty, JNode.True);
        act.Should().Throw<InvalidOperationException>();
    }
}
