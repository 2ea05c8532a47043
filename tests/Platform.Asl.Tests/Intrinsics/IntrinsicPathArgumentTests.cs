using Platform.Asl.Errors;
using Platform.Asl.Intrinsics;
using Platform.Asl.Json;
using Platform.Asl.Tests.TestSupport;

namespace Platform.Asl.Tests.Intrinsics;

public class IntrinsicPathArgumentTests
{
    private static readonly TestEvaluationContext Context = new TestEvaluationContext(
            "{\"name\":\"World\",\"items\":[3,1,2],\"obj\":{\"a,b\":\"comma\",\"x\":1},\"n\":2.5}",
            "{\"Execution\":{\"Id\":\"arn:exec\",\"Input\":{\"csv\":\"a,b\"}},\"StateMachine\":{\"Id\":\"arn:sm\",\"Name\":\"sm\"}}")
        .WithVariable("greeting", "\"Hi {}\"")
        .WithVariable("cfg", "{\"sep\":\",\"}");

    [Theory]
    [InlineData("States.Format('Hello, {}!', $.name)", "\"Hello, World!\"")]
    [InlineData("States.Format('{}', $)", "\"{name=World, items=[3, 1, 2], obj={a,b=comma, x=1}, n=2.5}\"")]
    [InlineData("States.Format($greeting, $.name)", "\"Hi World\"")]
    [InlineData("States.Format('{} {}', $$.Execution.Id, $$.StateMachine)", "\"arn:exec {Id=arn:sm, Name=sm}\"")]
    [InlineData("States.StringSplit($$.Execution.Input.csv, $cfg.sep)", "[\"a\",\"b\"]")]
    [InlineData("States.Array($.obj['a,b'], $.items[0])", "[\"comma\",3]")]
    [InlineData("States.Array($.items[?(@ > 1)])", "[[3,2]]")]
    [InlineData("States.ArrayLength($.items[*])", "3")]
    [InlineData("States.Array( $.name , $.n )", "[\"World\",2.5]")]
    [InlineData("States.MathAdd($.items.length(), -1)", "2")]
    [InlineData("States.JsonToString($.obj)", "\"{\\\"a,b\\\":\\\"comma\\\",\\\"x\\\":1}\"")]
    public void PathArguments_EvaluateAgainstInputContextAndVariables(string text, string expected)
    {
        IntrinsicFunction.Parse(text).Evaluate(Context).Should().Be(JNode.Parse(expected));
    }

    [Fact]
    public void PathArgument_ThatFindsNothing_IsRuntimeErrorNamingPathFieldAndInput()
    {
        var function = IntrinsicFunction.Parse("States.Format('{}', $.missing)");
        var ex = FluentActions.Invoking(() => function.Evaluate(new TestEvaluationContext("{\"a\":1}"), "value.$"))
            .Should().Throw<StatesException>().Which;
        ex.Error.Should().Be(StatesErrors.Runtime);
        ex.Cause.Should().Be("The JSONPath '$.missing' specified for the field 'value.$' could not be found in the input '{\"a\":1}'");

        FluentActions.Invoking(() => function.Evaluate(new TestEvaluationContext("{\"a\":1}")))
            .Should().Throw<StatesException>().Which.Cause.Should().Be("The JSONPath '$.missing' could not be found in the input '{\"a\":1}'");
    }

    [Fact]
    public void PathArgument_UndefinedVariable_IsRuntimeError()
    {
        FluentActions.Invoking(() => IntrinsicFunction.Parse("States.Format('{}', $nope.x)").Evaluate(new TestEvaluationContext(), "f.$"))
            .Should().Throw<StatesException>().Which.Cause.Should().Be("The variable '$nope' referenced by the JSONPath '$nope.x' specified for the field 'f.$' is not defined");
    }

    [Fact]
    public void PathArgument_Invalid_IsSyntaxErrorInsideThePath()
    {
        var ex = FluentActions.Invoking(() => IntrinsicFunction.Parse("States.Array(1, $.a[)")).Should().Throw<IntrinsicSyntaxException>().Which;
        ex.Position.Should().BeGreaterThanOrEqualTo(16);
        ex.Reason.Should().StartWith("invalid path '$.a[)':");
    }

    [Fact]
    public void PathArgument_WrongKindAtRuntime_IsIntrinsicFailure()
    {
        var ex = FluentActions.Invoking(() => IntrinsicFunction.Parse("States.ArrayLength($.name)").Evaluate(Context))
            .Should().Throw<StatesException>().Which;
        ex.Error.Should().Be(StatesErrors.IntrinsicFailure);
        ex.Cause.Should().Be("The intrinsic function 'States.ArrayLength($.name)' failed: argument 1 must be an array, but was a string: \"World\".");
    }

    [Fact]
    public void NestedCallsLikeTheAwsDocumentationExample_Work()
    {
        var ctx = new TestEvaluationContext("{\"ImageRecipe\":{\"Arn\":\"arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe.v1/1.0.0\"}}");
        // AWS's own example has three placeholders for two values, which the definition-time check rejects.
        const string text = "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
        IntrinsicFunction.Parse(text).Evaluate(ctx).Should().Be(JNode.From("1.0"));
    }

    [Fact]
    public void StateMachineNameSuffix_FromNestedCalls()
    {
        var ctx = new TestEvaluationContext("{}", "{\"StateMachine\":{\"Name\":\"my-state-machine-42\"}}");
        IntrinsicFunction.Parse("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))")
            .Evaluate(ctx).Should().Be(JNode.From("42"));
    }
}
