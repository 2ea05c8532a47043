using Platform.Asl.DataFlow;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Paths;
using Platform.Asl.Tests.TestSupport;

namespace Platform.Asl.Tests.DataFlow;

/// <summary>
/// Runs every AWS-recorded conformance case whose definition is a single JSONPath Pass state with Parameters: the
/// template is evaluated against the case input (with InputPath, ResultPath and OutputPath applied when present) and
/// compared with what AWS produced.
/// </summary>
public class PassParametersConformanceTests
{
    private const string CausePrefixEnd = "). ";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SharedFiles.AwsRecordedDirectory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (TryGetPassState(JNode.Parse(File.ReadAllText(file)), out _, out _))
            {
                data.Add(Path.GetRelativePath(SharedFiles.AwsRecordedDirectory, file).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Fact]
    public void Cases_IncludeTheIntrinsicsFolder()
    {
        var cases = new List<string>();
        foreach (string row in Cases())
        {
            cases.Add(row);
        }

        cases.Count(c => c.StartsWith("intrinsics/", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(80);
        cases.Should().Contain("scenarios/invalid-jsonpath-invalid-jsonpath-in-string-expr-jsonpath.json");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PassStateWithParameters_MatchesAwsRecording(string caseFile)
    {
        var testCase = (JObject)JNode.Parse(File.ReadAllText(Path.Combine(SharedFiles.AwsRecordedDirectory, caseFile)));
        TryGetPassState(testCase, out string stateName, out var state).Should().BeTrue();
        var input = testCase["input"] ?? JObject.Empty;
        var contextObject = BuildContextObject(input, stateName, testCase["context"] as JObject);
        var expect = (JObject)testCase["expect"]!;
        string status = ((JString)expect["status"]!).Value;

        JNode output;
        try
        {
            output = Run(state, input, contextObject);
        }
        catch (StatesException ex)
        {
            status.Should().Be("FAILED", $"the case expects {expect["output"]} but evaluation failed with {ex.Error}: {ex.Cause}");
            ex.Error.Should().Be(((JString)expect["error"]!).Value);
            if (expect["cause"] is JString { Value: var cause })
            {
                int cut = cause.IndexOf(CausePrefixEnd, StringComparison.Ordinal);
                ex.Cause.Should().Be(cut >= 0 ? cause[(cut + CausePrefixEnd.Length)..] : cause);
            }

            return;
        }

        status.Should().Be("SUCCEEDED", $"AWS failed with {expect["error"]} ({expect["cause"]}) but evaluation gave {output}");
        JNode.DeepEquals(output, expect["output"]).Should().BeTrue($"expected {expect["output"]} but got {output}");
    }

    private static JNode Run(JObject state, JNode input, JNode contextObject)
    {
        var effective = Select(state, "InputPath", input, contextObject) ?? input;
        var template = PayloadTemplate.Compile(state["Parameters"]!, "/Parameters");
        var result = template.Evaluate(new TestEvaluationContext(effective, contextObject));
        var output = state["ResultPath"] switch
        {
            null => result,
            JNull => input,
            JString path => JsonPath.Parse(path.Value).Assign(input, result),
            _ => throw new InvalidOperationException("ResultPath must be a string or null"),
        };
        return Select(state, "OutputPath", output, contextObject) ?? output;
    }

    private static JNode? Select(JObject state, string field, JNode document, JNode contextObject) => state[field] switch
    {
        null => null,
        JNull => JObject.Empty,
        JString path => JsonPath.Parse(path.Value).TryEvaluate(new TestEvaluationContext(document, contextObject), out var value)
            ? value
            : throw new StatesException(StatesErrors.Runtime, $"Invalid path '{path.Value}'"),
        _ => throw new InvalidOperationException(field + " must be a string or null"),
    };

    private static bool TryGetPassState(JNode testCase, out string name, out JObject state)
    {
        name = string.Empty;
        state = JObject.Empty;
        if (testCase is not JObject { } obj || obj["definition"] is not JObject definition
            || definition["QueryLanguage"] is JString { Value: "JSONata" }
            || definition["States"] is not JObject { Count: 1 } states
            || states.Values[0] is not JObject single
            || single["Type"] is not JString { Value: "Pass" }
            || single["Parameters"] is null
            || single["QueryLanguage"] is JString { Value: "JSONata" })
        {
            return false;
        }

        foreach (var key in single.Keys)
        {
            if (key is not ("Type" or "Parameters" or "End" or "Comment" or "InputPath" or "ResultPath" or "OutputPath"))
            {
                return false;
            }
        }

        name = states.Keys[0];
        state = single;
        return true;
    }

    private static JObject BuildContextObject(JNode input, string stateName, JObject? overrides)
    {
        var context = (JObject)JNode.Parse($$"""
            {
              "Execution": {
                "Id": "arn:aws:states:us-east-1:123456789012:execution:conformance:run-1",
                "Name": "run-1",
                "RoleArn": "arn:aws:iam::123456789012:role/conformance",
                "StartTime": "2025-01-01T00:00:00.000Z",
                "RedriveCount": 0
              },
              "StateMachine": {
                "Id": "arn:aws:states:us-east-1:123456789012:stateMachine:conformance",
                "Name": "conformance"
              },
              "State": {
                "EnteredTime": "2025-01-01T00:00:00.000Z",
                "Name": {{new JString(stateName)}}
              }
            }
            """);
        var execution = ((JObject)context["Execution"]!).With("Input", input);
        context = context.With("Execution", execution);
        return overrides is null ? context : Merge(context, overrides);
    }

    private static JObject Merge(JObject target, JObject overrides)
    {
        foreach (var (key, value) in overrides)
        {
            target = target[key] is JObject existing && value is JObject nested
                ? target.With(key, Merge(existing, nested))
                : target.With(key, value);
        }

        return target;
    }
}
