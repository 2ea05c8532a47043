using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.Tests.Paths;

public class JsonPathContextTests
{
    private sealed class TestContext(JNode input, JNode contextObject, Dictionary<string, JNode> variables) : EvaluationContext
    {
        public int ContextReads { get; private set; }

        public override JNode Input => input;

        public override JNode ContextObject
        {
            get
            {
                ContextReads++;
                return contextObject;
            }
        }

        public override bool TryGetVariable(string name, out JNode value)
        {
            if (variables.TryGetValue(name, out var found))
            {
                value = found;
                return true;
            }

            value = JNode.Null;
            return false;
        }

        public override Guid NewGuid() => Guid.Empty;
    }

    private static TestContext Create() => new(
        JNode.Parse("""{"who":"input","items":[1,2]}"""),
        JNode.Parse("""{"Execution":{"Id":"arn:exec"},"Map":{"Item":{"Value":{"k":"v"},"Index":3}}}"""),
        new Dictionary<string, JNode>
        {
            ["myVar"] = JNode.Parse("""{"a":[10,20]}"""),
            ["answer"] = JNode.From(42),
            ["nothing"] = JNode.Null,
        });

    private static string Eval(string path, EvaluationContext context)
    {
        JsonPath.Parse(path).TryEvaluate(context, out var result).Should().BeTrue($"'{path}' should evaluate");
        return result!.ToString();
    }

    [Theory]
    [InlineData("$.who", "\"input\"")]
    [InlineData("$.items[*]", "[1,2]")]
    [InlineData("$$.Execution.Id", "\"arn:exec\"")]
    [InlineData("$$.Map.Item.Value", """{"k":"v"}""")]
    [InlineData("$$.Map.Item.Index", "3")]
    [InlineData("$myVar", """{"a":[10,20]}""")]
    [InlineData("$myVar.a[1]", "20")]
    [InlineData("$myVar.a[*]", "[10,20]")]
    [InlineData("$answer", "42")]
    [InlineData("$nothing", "null")]
    public void TryEvaluate_Context_PicksTheRootThePathNames(string path, string expected)
    {
        Eval(path, Create()).Should().Be(expected);
    }

    [Fact]
    public void TryEvaluate_Input_DoesNotBuildContextObject()
    {
        var context = Create();
        JsonPath.Parse("$.who").TryEvaluate(context, out _).Should().BeTrue();
        context.ContextReads.Should().Be(0);
        JsonPath.Parse("$$").TryEvaluate(context, out _).Should().BeTrue();
        context.ContextReads.Should().Be(1);
    }

    [Theory]
    [InlineData("$noSuchVar")]
    [InlineData("$noSuchVar.noSuchMember")]
    [InlineData("$noSuchVar[*]")]
    [InlineData("$myVar.noSuchMember")]
    [InlineData("$$.Execution.Input.no_such_jsonpath")]
    public void TryEvaluate_MissingVariableOrMember_IsNotFound(string path)
    {
        JsonPath.Parse(path).TryEvaluate(Create(), out var result).Should().BeFalse();
        result.Should().BeNull();
    }

    [Fact]
    public void TryEvaluate_FilterDollarInVariablePath_RefersToTheVariable()
    {
        var context = new TestContext(
            JNode.Parse("""{"limit":100}"""),
            JObject.Empty,
            new Dictionary<string, JNode> { ["v"] = JNode.Parse("""{"limit":15,"xs":[10,20,30]}""") });
        Eval("$v.xs[?(@ > $.limit)]", context).Should().Be("[20,30]");
    }
}
