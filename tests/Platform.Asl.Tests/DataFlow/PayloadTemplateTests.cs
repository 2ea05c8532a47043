using Platform.Asl.DataFlow;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Parsing;
using Platform.Asl.Tests.TestSupport;

namespace Platform.Asl.Tests.DataFlow;

public class PayloadTemplateTests
{
    private static readonly TestEvaluationContext Context = new TestEvaluationContext(
            "{\"name\":\"Ada\",\"order\":{\"id\":7,\"lines\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}}",
            "{\"Execution\":{\"Id\":\"arn:exec\",\"Name\":\"run-1\"},\"Map\":{\"Item\":{\"Index\":0,\"Value\":\"x\"}}}")
        .WithVariable("limit", "10");

    [Fact]
    public void DynamicKeys_AreRenamedAndTakeTheirValues()
    {
        var template = Compile("""
            {
              "static": "kept $.as.is",
              "who.$": "$.name",
              "exec.$": "$$.Execution.Name",
              "limit.$": "$limit",
              "greeting.$": "States.Format('Hi {}', $.name)",
              "whole.$": "$",
              "skus.$": "$.order.lines[*].sku"
            }
            """);
        template.IsLiteral.Should().BeFalse();
        template.Evaluate(Context).ToString().Should().Be(
            "{\"static\":\"kept $.as.is\",\"who\":\"Ada\",\"exec\":\"run-1\",\"limit\":10,\"greeting\":\"Hi Ada\",\"whole\":" + Context.Input + ",\"skus\":[\"a\",\"b\"]}");
    }

    [Fact]
    public void NestedObjectsAndArrays_AreTemplatesToo()
    {
        var template = Compile("""
            {"outer": {"inner.$": "$.order.id", "list": [1, {"v.$": "$$.Map.Item.Value"}, [{"deep.$": "States.Array($.name)"}]]}}
            """);
        template.Evaluate(Context).ToString().Should().Be("{\"outer\":{\"inner\":7,\"list\":[1,{\"v\":\"x\"},[{\"deep\":[\"Ada\"]}]]}}");
    }

    [Fact]
    public void TemplateWithoutDynamicKeys_EvaluatesToTheSameNode()
    {
        var source = JNode.Parse("{\"a\":[1,{\"b\":\"$.not.a.path\"}],\"c\":{\"d.x\":null}}");
        var template = PayloadTemplate.Compile(source);
        template.IsLiteral.Should().BeTrue();
        template.Evaluate(Context).Should().BeSameAs(source);
        template.Source.Should().BeSameAs(source);
    }

    [Fact]
    public void LiteralParts_AreSharedByReference_NotCopied()
    {
        var source = (JObject)JNode.Parse("{\"lit\":{\"big\":[1,2,3]},\"arr\":[{\"x\":1},{\"y.$\":\"$.name\"}],\"v.$\":\"$.order\"}");
        var result = (JObject)PayloadTemplate.Compile(source).Evaluate(Context);
        result["lit"].Should().BeSameAs(source["lit"]);
        var sourceArray = (JArray)source["arr"]!;
        var resultArray = (JArray)result["arr"]!;
        resultArray.Should().NotBeSameAs(sourceArray);
        resultArray[0].Should().BeSameAs(sourceArray[0]);
        result["v"].Should().BeSameAs(((JObject)Context.Input)["order"], "a path result is the input's own node");
    }

    [Fact]
    public void ScalarsAndArraysAtTheTop_AreTemplates()
    {
        Compile("42").Evaluate(Context).Should().Be(JNode.From(42));
        Compile("[{\"n.$\":\"$.name\"}, 2]").Evaluate(Context).ToString().Should().Be("[{\"n\":\"Ada\"},2]");
    }

    [Fact]
    public void Evaluate_AllocatesFreshObjectsEachTime()
    {
        var template = Compile("{\"n.$\":\"$.name\"}");
        var first = template.Evaluate(Context);
        var second = template.Evaluate(Context);
        first.Should().Be(second);
        first.Should().NotBeSameAs(second);
    }

    [Fact]
    public void Literal_DoesNotEvaluateDollarKeys()
    {
        var result = JNode.Parse("{\"not_an_intrinsic_function.$\":\"States.StringToJson('{\\\"text\\\":\\\"An \\\\\\\"escaped\\\\\\\" here\\\"}')\",\"p.$\":\"$.nope\"}");
        var template = PayloadTemplate.Literal(result);
        template.IsLiteral.Should().BeTrue();
        template.Evaluate(Context).Should().BeSameAs(result);
    }

    [Fact]
    public void MissingInputPath_IsRuntimeErrorWithAwsCause()
    {
        var template = Compile("{\"value.$\":\"$.no_such_jsonpath\"}");
        var ex = FluentActions.Invoking(() => template.Evaluate(new TestEvaluationContext("{\"int-literal\":0}")))
            .Should().Throw<StatesException>().Which;
        ex.Error.Should().Be(StatesErrors.Runtime);
        ex.Cause.Should().Be("The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'");
    }

    [Fact]
    public void MissingContextPath_IsRuntimeErrorShowingTheContextObject()
    {
        var template = Compile("{\"value.$\":\"$$.Execution.Input.no_such_jsonpath\"}");
        var ex = FluentActions.Invoking(() => template.Evaluate(new TestEvaluationContext("{}", "{\"Execution\":{\"Input\":{}}}")))
            .Should().Throw<StatesException>().Which;
        ex.Error.Should().Be(StatesErrors.Runtime);
        ex.Cause.Should().Be("The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"Execution\":{\"Input\":{}}}'");
    }

    [Fact]
    public void MissingVariable_IsRuntimeError()
    {
        FluentActions.Invoking(() => Compile("{\"v.$\":\"$undefined\"}").Evaluate(Context))
            .Should().Throw<StatesException>().Which.Cause.Should().Be("The variable '$undefined' referenced by the JSONPath '$undefined' specified for the field 'v.$' is not defined");
        FluentActions.Invoking(() => Compile("{\"v.$\":\"$limit.x\"}").Evaluate(Context))
            .Should().Throw<StatesException>().Which.Cause.Should().Be("The JSONPath '$limit.x' specified for the field 'v.$' could not be found in the input '10'");
    }

    [Fact]
    public void FailingIntrinsic_IsIntrinsicFailure()
    {
        var ex = FluentActions.Invoking(() => Compile("{\"a\":{\"v.$\":\"States.ArrayGetItem($.order.lines, 5)\"}}").Evaluate(Context))
            .Should().Throw<StatesException>().Which;
        ex.Error.Should().Be(StatesErrors.IntrinsicFailure);
        ex.Cause.Should().Be("The intrinsic function 'States.ArrayGetItem($.order.lines, 5)' failed: the index 5 is out of bounds for an array of length 2.");
    }

    [Fact]
    public void IntrinsicWithMissingPath_NamesTheTemplateField()
    {
        FluentActions.Invoking(() => Compile("{\"g.$\":\"States.Format('{}', $.nope)\"}").Evaluate(new TestEvaluationContext("{}")))
            .Should().Throw<StatesException>().Which.Cause.Should().Be("The JSONPath '$.nope' specified for the field 'g.$' could not be found in the input '{}'");
    }

    [Fact]
    public void TryCompile_ReportsEveryErrorWithItsPointer()
    {
        var source = JNode.Parse("""
            {
              "n.$": 5,
              "ok.$": "$.a",
              "bad/path.$": "$.a[",
              "nested": {"list": [{"f.$": "States.Nope()"}, {"g.$": ""}], "h.$": "not a call"},
              "dup": 1,
              "dup.$": "$.b",
              "obj.$": {"x": 1}
            }
            """);
        PayloadTemplate.TryCompile(source, "/States/S/Parameters", out var compiled, out var errors).Should().BeFalse();
        compiled.Should().BeNull();
        errors.Select(e => (e.Pointer, e.Rule)).Should().Equal(
            ("/States/S/Parameters/n.$", PayloadTemplate.RuleValueType),
            ("/States/S/Parameters/bad~1path.$", PayloadTemplate.RulePath),
            ("/States/S/Parameters/nested/list/0/f.$", PayloadTemplate.RuleIntrinsic),
            ("/States/S/Parameters/nested/list/1/g.$", PayloadTemplate.RuleIntrinsic),
            ("/States/S/Parameters/nested/h.$", PayloadTemplate.RuleIntrinsic),
            ("/States/S/Parameters/obj.$", PayloadTemplate.RuleValueType),
            ("/States/S/Parameters/dup.$", PayloadTemplate.RuleDuplicateKey));
        errors.Should().OnlyContain(e => e.Severity == DiagnosticSeverity.Error);
        errors[0].Message.Should().Be("The value for the field 'n.$' must be a string that contains a JSONPath or an intrinsic function call, but is a number");
        errors[1].Message.Should().StartWith("The value for the field 'bad/path.$' must be a valid JSONPath: Invalid JSONPath '$.a['");
        errors[2].Message.Should().Be("The value for the field 'f.$' must be a valid JSONPath or a valid intrinsic function call: Invalid intrinsic function 'States.Nope()' at position 0: unknown intrinsic function 'States.Nope'");
        errors[3].Message.Should().Be("The value for the field 'g.$' must be a valid JSONPath or a valid intrinsic function call, but is empty");
        errors[5].Message.Should().Be("The value for the field 'obj.$' must be a string that contains a JSONPath or an intrinsic function call, but is an object");
        errors[6].Message.Should().Be("The field 'dup.$' and the field 'dup' both produce the key 'dup'");
    }

    [Fact]
    public void Compile_Invalid_ThrowsFormatExceptionWithTheErrors()
    {
        var ex = FluentActions.Invoking(() => PayloadTemplate.Compile(JNode.Parse("{\"a.$\":\"States.Format('{}')\"}"), "/P"))
            .Should().Throw<PayloadTemplateException>().Which;
        ex.Should().BeAssignableTo<FormatException>();
        ex.Errors.Should().ContainSingle().Which.Pointer.Should().Be("/P/a.$");
        ex.Message.Should().Contain("/P/a.$: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call: Invalid intrinsic function 'States.Format('{}')' at position 14");
    }

    [Fact]
    public void TryCompile_Valid_ReturnsNoErrors()
    {
        PayloadTemplate.TryCompile(JNode.Parse("{\"a.$\":\"$\"}"), string.Empty, out var compiled, out var errors).Should().BeTrue();
        compiled.Should().NotBeNull();
        errors.Should().BeEmpty();
    }

    private static PayloadTemplate Compile(string json) => PayloadTemplate.Compile(JNode.Parse(json));
}
