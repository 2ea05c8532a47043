using Platform.Asl.Paths;

namespace Platform.Asl.Tests.Paths;

public class JsonPathParseTests
{
    [Theory]
    [InlineData("$")]
    [InlineData("$$")]
    [InlineData("$.a")]
    [InlineData("$.a.b.c")]
    [InlineData("$.delivery-partner")]
    [InlineData("$.a:b@c")]
    [InlineData("$['a b']")]
    [InlineData("$[\"a\"]")]
    [InlineData("$[ 'a' , \"b\" ]")]
    [InlineData("$[0]")]
    [InlineData("$[-1]")]
    [InlineData("$[ 0 , 2 ]")]
    [InlineData("$.*")]
    [InlineData("$[*]")]
    [InlineData("$[ * ]")]
    [InlineData("$..a")]
    [InlineData("$..*")]
    [InlineData("$..[0]")]
    [InlineData("$..['a','b']")]
    [InlineData("$.['a']")]
    [InlineData("$[1:]")]
    [InlineData("$[:2]")]
    [InlineData("$[1:3]")]
    [InlineData("$[::2]")]
    [InlineData("$[-3:-1:1]")]
    [InlineData("$[:]")]
    [InlineData("$[?(@.price < 10)]")]
    [InlineData("$[?(@.isbn)]")]
    [InlineData("$[?(!@.isbn)]")]
    [InlineData("$[?(@.a == 'x' && (@.b > 1 || @.c != null))]")]
    [InlineData("$[?(@.name =~ /^a.*$/i)]")]
    [InlineData("$[?(@.tags contains 'x')]")]
    [InlineData("$[?(@.size in [1, 2, 'three'])]")]
    [InlineData("$[?(@.o == {'a': [1, {\"b\": null}]})]")]
    [InlineData("$[?(@.a nin [1])]")]
    [InlineData("$[?(@.a subsetof [1])]")]
    [InlineData("$[?(@.a anyof [1])]")]
    [InlineData("$[?(@.a noneof [1])]")]
    [InlineData("$[?(@.a size 2)]")]
    [InlineData("$[?(@.a empty true)]")]
    [InlineData("$[?(@.a exists false)]")]
    [InlineData("$[?(@.a === 1 || @.a !== 2)]")]
    [InlineData("$[?(@.price > $.expensive)]")]
    [InlineData("$[?(@['a b'][0] >= -1.5e2)]")]
    [InlineData("$[?(@.x[?(@.y)])]")]
    [InlineData("$[?(@.length() > 2)]")]
    [InlineData("$[?(@.a) && (@.b)]")]
    [InlineData("$.a.length()")]
    [InlineData("$.a[*].sum()")]
    [InlineData("$$.Execution.Id")]
    [InlineData("$$.Map.Item.Value")]
    [InlineData("$myVar")]
    [InlineData("$myVar.a[0]")]
    [InlineData("$état.x")]
    [InlineData("$x1_y")]
    public void Parse_ValidPath_Succeeds(string text)
    {
        var path = JsonPath.Parse(text);
        path.Text.Should().Be(text);
        JsonPath.TryParse(text, out var parsed, out var error).Should().BeTrue(error);
        parsed!.Text.Should().Be(text);
    }

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("a.b", 0, "must start with '$'")]
    [InlineData(" $.a", 0, "must start with '$'")]
    [InlineData("$.", 1, "must not end with '.'")]
    [InlineData("$.a.", 3, "must not end with '.'")]
    [InlineData("$..", 1, "'..' must be followed")]
    [InlineData("$...a", 3, "'...'")]
    [InlineData("$.a b", 3, "whitespace")]
    [InlineData("$.a ", 3, "whitespace")]
    [InlineData("$a b", 2, "cannot appear in a variable name")]
    [InlineData("$my-var", 3, "cannot appear in a variable name")]
    [InlineData("$_x", 1, "unexpected character '_'")]
    [InlineData("$$$", 2, "unexpected character '$'")]
    [InlineData("$x", -1, "")]
    [InlineData("$.a[", 3, "'[' is not closed")]
    [InlineData("$.a[0", 3, "'[' is not closed")]
    [InlineData("$.a[]", 4, "empty brackets")]
    [InlineData("$.a['b", 4, "quoted name is not closed")]
    [InlineData("$['a' 'b']", 6, "expected ',' or ']'")]
    [InlineData("$['a',]", 6, "expected a quoted name")]
    [InlineData("$[0,]", 4, "expected an index")]
    [InlineData("$[-]", 2, "expected digits after '-'")]
    [InlineData("$[99999999999]", 2, "too large")]
    [InlineData("$[1:2:0]", 6, "step must not be 0")]
    [InlineData("$[1;2]", 3, "expected ']'")]
    [InlineData("$[(@.length-1)]", 2, "script expressions")]
    [InlineData("$[abc]", 2, "unexpected character 'a'")]
    [InlineData("$.*a", 3, "after '*'")]
    [InlineData("$a.foo()", 3, "unknown function 'foo()'")]
    [InlineData("$.length().a", 10, "function must be the last step")]
    [InlineData("$.length(1)", 9, "takes no arguments")]
    [InlineData("$..length()", 9, "function cannot follow '..'")]
    [InlineData("$[?@.a]", 3, "[?(<expression>)]")]
    [InlineData("$[?(@.a == )]", 11, "expected a value")]
    [InlineData("$[?(@.a = 1)]", 8, "use '=='")]
    [InlineData("$[?(@.a like 1)]", 8, "unknown operator 'like'")]
    [InlineData("$[?(@.a == abc)]", 11, "strings must be quoted")]
    [InlineData("$[?(@.a == 'x)]", 11, "string literal is not closed")]
    [InlineData("$[?(@.a =~ /(/)]", 11, "invalid regular expression")]
    [InlineData("$[?(@.a =~ /x/q)]", 14, "unknown regex flag 'q'")]
    [InlineData("$[?(@.a =~ /x)]", 11, "/regex/ is not closed")]
    [InlineData("$[?(@.a == /x/)]", 11, "only be used with '=~'")]
    [InlineData("$[?(@.a == 1]", 12, "expected ')'")]
    [InlineData("$[?(1)]", 5, "expected a comparison operator")]
    [InlineData("$[?($$.a)]", 4, "only '@' and '$' paths")]
    [InlineData("$[?(@.a in [1,2)]", 15, "expected ',' or ']' in the array literal")]
    [InlineData("$[?(@.a)", 1, "'[' is not closed")]
    public void Parse_InvalidPath_ReportsPositionAndReason(string text, int position, string reason)
    {
        if (position < 0)
        {
            JsonPath.TryParse(text, out _, out _).Should().BeTrue("control case: the variant without the defect is valid");
            return;
        }

        var act = () => JsonPath.Parse(text);
        var ex = act.Should().Throw<JsonPathException>().Which;
        ex.Path.Should().Be(text);
        ex.Reason.Should().Contain(reason);
        ex.Position.Should().Be(position, ex.Message);
        ex.Message.Should().Contain($"at position {position}");
    }

    [Fact]
    public void TryParse_InvalidPath_ReturnsErrorInsteadOfThrowing()
    {
        JsonPath.TryParse("$.a b", out var path, out var error).Should().BeFalse();
        path.Should().BeNull();
        error.Should().Be("Invalid JSONPath '$.a b' at position 3: whitespace is not allowed in a dot-notation name; use bracket notation, e.g. ['my name']");
    }

    [Fact]
    public void Parse_DeeplyNestedFilter_FailsCleanlyInsteadOfOverflowing()
    {
        string text = "$[?(" + new string('(', 5000) + "@.a" + new string(')', 5000) + ")]";
        var act = () => JsonPath.Parse(text);
        act.Should().Throw<JsonPathException>().Which.Reason.Should().Contain("nesting is deeper than");
    }

    [Fact]
    public void Parse_DeeplyNestedArrayLiteral_FailsCleanly()
    {
        string text = "$[?(@.a in " + new string('[', 100) + new string(']', 100) + ")]";
        var act = () => JsonPath.Parse(text);
        act.Should().Throw<JsonPathException>().Which.Reason.Should().Contain("nesting is deeper than");
    }

    [Theory]
    [InlineData("$", PathRoot.Input, null)]
    [InlineData("$.a", PathRoot.Input, null)]
    [InlineData("$$", PathRoot.Context, null)]
    [InlineData("$$.Execution.Id", PathRoot.Context, null)]
    [InlineData("$myVar", PathRoot.Variable, "myVar")]
    [InlineData("$myVar.a[0]", PathRoot.Variable, "myVar")]
    [InlineData("$état['x']", PathRoot.Variable, "état")]
    [InlineData("$a1", PathRoot.Variable, "a1")]
    public void Parse_Root_IsRecognised(string text, PathRoot root, string? variable)
    {
        var path = JsonPath.Parse(text);
        path.Root.Should().Be(root);
        path.VariableName.Should().Be(variable);
    }

    [Theory]
    [InlineData("$", true, true)]
    [InlineData("$.a.b", true, true)]
    [InlineData("$['a'][0]", true, true)]
    [InlineData("$.a[-1]", true, false)]
    [InlineData("$$.Execution.Id", true, false)]
    [InlineData("$var.a", true, false)]
    [InlineData("$['a','b']", true, false)]
    [InlineData("$.a.length()", true, false)]
    [InlineData("$..a.length()", true, false)]
    [InlineData("$.a[*].length()", false, false)]
    [InlineData("$.a[*]", false, false)]
    [InlineData("$.a.*", false, false)]
    [InlineData("$.a[0,1]", false, false)]
    [InlineData("$.a[0:1]", false, false)]
    [InlineData("$..a", false, false)]
    [InlineData("$.a[?(@.b)]", false, false)]
    [InlineData("$['a','b'].c", false, false)]
    public void Parse_Classification_IsDefiniteAndIsReferencePath(string text, bool definite, bool reference)
    {
        var path = JsonPath.Parse(text);
        path.IsDefinite.Should().Be(definite);
        path.IsReferencePath.Should().Be(reference);
    }

    [Theory]
    [InlineData("$", "$")]
    [InlineData("$.NoSuchInputPath", "$['NoSuchInputPath']")]
    [InlineData("$.a.b[0]", "$['a']['b'][0]")]
    [InlineData("$[\"a\"][-1]", "$['a'][-1]")]
    [InlineData("$.a.*", "$['a'][*]")]
    [InlineData("$.a[ 0 , 2 ]", "$['a'][0,2]")]
    [InlineData("$[ 'a' , \"b\" ]", "$['a','b']")]
    [InlineData("$..a", "$..['a']")]
    [InlineData("$..*", "$..[*]")]
    [InlineData("$.a[1:]", "$['a'][1:]")]
    [InlineData("$.a[:-1]", "$['a'][:-1]")]
    [InlineData("$.a[::2]", "$['a'][::2]")]
    [InlineData("$.a[?(@.b == 1)]", "$['a'][?(@.b == 1)]")]
    [InlineData("$.a.length()", "$['a'].length()")]
    [InlineData("$$.Execution.Id", "$$['Execution']['Id']")]
    [InlineData("$myVar.a[0]", "$myVar['a'][0]")]
    public void NormalizedText_UsesJaywayBracketNotation(string text, string normalized)
    {
        JsonPath.Parse(text).NormalizedText.Should().Be(normalized);
    }

    [Fact]
    public void Parse_NullText_Throws()
    {
        var act = () => JsonPath.Parse(null!);
        act.Should().Throw<ArgumentNullException>();
    }
}
