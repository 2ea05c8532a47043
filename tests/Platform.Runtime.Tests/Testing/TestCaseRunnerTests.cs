using System.Diagnostics;
using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Testing;
using static Platform.Runtime.Tests.Testing.CaseBuilder;

namespace Platform.Runtime.Tests.Testing;

public class TestCaseRunnerTests
{
    private const string Retry3 = """[{ "ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 1, "MaxAttempts": 3 }]""";

    private readonly TestCaseRunner _runner = new();

    [Fact]
    public async Task Mocks_ByRange_RetriesConsumeInvocationNumbers()
    {
        var testCase = TaskCase(
            """{ "Call": { "0-1": { "Throw": { "Error": "Lambda.TooManyRequestsException", "Cause": "slow down" } }, "2": { "Return": { "ok": true } } } }""",
            """{ "status": "SUCCEEDED", "output": { "ok": true } }""",
            Retry3);

        var result = await _runner.RunAsync(testCase);

        result.Passed.Should().BeTrue(result.Reason);
    }

    [Fact]
    public async Task Mocks_ThrowInRangeWithoutRetry_FailsWithMockedErrorAndCause()
    {
        var testCase = TaskCase(
            """{ "Call": { "0": { "Throw": { "Error": "Custom.Error", "Cause": "boom" } } } }""",
            """{ "status": "FAILED", "error": "Custom.Error", "cause": "boom" }""");

        var result = await _runner.RunAsync(testCase);

        result.Passed.Should().BeTrue(result.Reason);
        JNode.DeepEquals(result.Actual, JNode.Parse("""{ "status": "FAILED", "error": "Custom.Error", "cause": "boom" }""")).Should().BeTrue(result.Actual!.ToString());
    }

    [Fact]
    public async Task Mocks_MissingEntry_FailsTheCaseWithAClearMessage()
    {
        var testCase = TaskCase(
            """{ "Call": { "0": { "Throw": { "Error": "Lambda.TooManyRequestsException", "Cause": "slow down" } } } }""",
            """{ "status": "SUCCEEDED", "output": { "ok": true } }""",
            Retry3);

        var result = await _runner.RunAsync(testCase);

        result.Passed.Should().BeFalse();
        result.Reason.Should().Contain("missing mock").And.Contain("state 'Call'").And.Contain("no entry for invocation 1").And.Contain("cover invocations 0 only");
    }

    [Fact]
    public async Task Mocks_MissingEntryCaughtByTheDefinition_StillFailsTheCase()
    {
        var testCase = TaskCase(
            """{ "Call": { "1": { "Return": 1 } } }""",
            """{ "status": "SUCCEEDED", "output": "caught" }""",
            catchers: """[{ "ErrorEquals": ["States.ALL"], "Next": "Caught" }]""");

        var result = await _runner.RunAsync(testCase);

        result.Passed.Should().BeFalse();
        result.Reason.Should().StartWith("missing mock: state 'Call'").And.Contain("no entry for invocation 0");
    }

    [Fact]
    public async Task UnmockedTask_WithoutHandlers_FailsWithTheEngineNoHandlerError()
    {
        var testCase = TaskCase("{}", """{ "status": "FAILED", "error": "States.Runtime" }""");

        var result = await _runner.RunAsync(testCase);

        result.Passed.Should().BeTrue(result.Reason);
        result.Actual!.ToString().Should().Contain("No task handler named 'work'");
    }

    [Fact]
    public async Task UnmockedTask_GoesToTheInnerHandlers()
    {
        var handlers = new TaskHandlerRegistry().Register("work", (JNode input) => JNode.Parse("""{ "handled": true }"""));
        var runner = new TestCaseRunner(new TestRunnerOptions { Handlers = handlers });
        var testCase = TaskCase("{}", """{ "status": "SUCCEEDED", "output": { "handled": true } }""");

        var result = await runner.RunAsync(testCase);

        result.Passed.Should().BeTrue(result.Reason);
    }

    [Fact]
    public async Task Output_ComparesNumbersByValueAndIgnoresKeyOrder()
    {
        var testCase = PassCase("""{ "a": 1, "b": { "c": [1, 2.5] } }""", """{ "status": "SUCCEEDED", "output": { "b": { "c": [1.0, 25e-1] }, "a": 1e0 } }""");

        var result = await _runner.RunAsync(testCase);

        result.Passed.Should().BeTrue(result.Reason);
    }

    [Fact]
    public async Task Output_Mismatch_PointsAtTheFirstDifference()
    {
        var testCase = PassCase("""{ "a": 1, "b": { "c": [1, 2] } }""", """{ "status": "SUCCEEDED", "output": { "a": 1, "b": { "c": [1, 3] } } }""");

        var result = await _runner.RunAsync(testCase);

        result.Passed.Should().BeFalse();
        result.Reason.Should().StartWith("output differs at /b/c/1: expected 3, actual 2;");
        result.Reason.Should().Contain("""actual output {"a":1,"b":{"c":[1,2]}}""");
    }

    [Fact]
    public async Task Output_MissingKey_IsReportedAsAbsent()
    {
        var testCase = PassCase("""{ "a": 1 }""", """{ "status": "SUCCEEDED", "output": { "a": 1, "b": 2 } }""");

        var result = await _runner.RunAsync(testCase);

        result.Reason.Should().StartWith("output differs at /b: expected 2, actual (absent);");
    }

    [Fact]
    public async Task Status_Mismatch_ShowsTheActualErrorAndCause()
    {
        var testCase = FailCase("""{ "Error": "E", "Cause": "C" }""", """{ "status": "SUCCEEDED", "output": {} }""");

        var result = await _runner.RunAsync(testCase);

        result.Reason.Should().Be("""status: expected SUCCEEDED, actual FAILED (error: "E", cause: "C")""");
    }

    [Fact]
    public async Task Error_NullExpected_MatchesAFailStateWithoutError()
    {
        var passes = await _runner.RunAsync(FailCase("""{ "Cause": "C" }""", """{ "status": "FAILED", "error": null }"""));
        var fails = await _runner.RunAsync(FailCase("""{ "Error": "E" }""", """{ "status": "FAILED", "error": null }"""));

        passes.Passed.Should().BeTrue(passes.Reason);
        fails.Reason.Should().Be("""error: expected null, actual "E" (cause: null)""");
    }

    [Fact]
    public async Task Cause_IsComparedOnlyWhenTheCaseGivesOne()
    {
        var noCause = await _runner.RunAsync(FailCase("""{ "Error": "E", "Cause": "anything" }""", """{ "status": "FAILED", "error": "E" }"""));
        var wrongCause = await _runner.RunAsync(FailCase("""{ "Error": "E", "Cause": "actual" }""", """{ "status": "FAILED", "error": "E", "cause": "expected" }"""));

        noCause.Passed.Should().BeTrue(noCause.Reason);
        wrongCause.Reason.Should().Be("""cause: expected "expected", actual "actual" """.TrimEnd());
    }

    [Fact]
    public async Task Wait_OfOneYear_FinishesAtOnceOnVirtualTime()
    {
        var testCase = Case("""
            {
              "name": "wait/one-year",
              "tags": ["wait"],
              "definition": {
                "StartAt": "Wait",
                "States": {
                  "Wait": { "Type": "Wait", "Seconds": 31536000, "Next": "Done" },
                  "Done": { "Type": "Pass", "Parameters": { "at.$": "$$.State.EnteredTime" }, "End": true }
                }
              },
              "expect": { "status": "SUCCEEDED", "output": { "at": "2024-12-31T00:00:00.000Z" } }
            }
            """);
        var watch = Stopwatch.StartNew();

        var result = await _runner.RunAsync(testCase);

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        result.Actual!["output"].Should().NotBeNull();
        result.Passed.Should().BeTrue(result.Reason);
    }

    [Fact]
    public async Task Context_IsMergedIntoTheContextObject()
    {
        var testCase = Case("""
            {
              "name": "context",
              "definition": { "StartAt": "P", "States": { "P": { "Type": "Pass", "Parameters": { "name.$": "$$.Execution.Name", "custom.$": "$$.Execution.Custom" }, "End": true } } },
              "context": { "Execution": { "Name": "my-run", "Custom": 7 } },
              "expect": { "status": "SUCCEEDED", "output": { "name": "my-run", "custom": 7 } }
            }
            """);

        var result = await _runner.RunAsync(testCase);

        result.Passed.Should().BeTrue(result.Reason);
    }

    [Fact]
    public async Task InvalidDefinition_FailsTheCaseWithTheDiagnostics()
    {
        var testCase = Case("""
            { "name": "bad", "definition": { "StartAt": "Missing", "States": { "P": { "Type": "Pass", "End": true } } }, "expect": { "status": "SUCCEEDED" } }
            """);

        var result = await _runner.RunAsync(testCase);

        result.Passed.Should().BeFalse();
        result.Reason.Should().StartWith("invalid definition: /StartAt");
    }

    [Fact]
    public async Task UnsupportedFeature_FailsTheCaseWithTheReason()
    {
        var testCase = Case("""
            { "name": "manifest", "definition": { "StartAt": "M", "States": { "M": { "Type": "Map", "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "MANIFEST" }, "Parameters": { "Bucket": "b", "Key": "k" } }, "End": true } } }, "input": [1, 2, 3], "expect": { "status": "SUCCEEDED" } }
            """);

        var result = await _runner.RunAsync(testCase);

        result.Passed.Should().BeFalse();
        result.Reason.Should().StartWith("unsupported feature:").And.Contain("MANIFEST");
    }

    [Fact]
    public async Task HangingCase_FailsAfterItsBudgetAndTheRunGoesOn()
    {
        var handlers = new TaskHandlerRegistry().Register("work", async (TaskInvocation _, CancellationToken ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return TaskOutcome.Success(JNode.Null);
        });
        var runner = new TestCaseRunner(new TestRunnerOptions { Handlers = handlers, CaseTimeout = TimeSpan.FromMilliseconds(300) });
        var hanging = TaskCase("{}", """{ "status": "SUCCEEDED", "output": null }""");
        var quick = PassCase("1", """{ "status": "SUCCEEDED", "output": 1 }""");

        var summary = await runner.RunAllAsync([hanging, quick]);

        summary.Results[0].Reason.Should().StartWith("timed out: no result after 0.3 s");
        summary.Results[1].Passed.Should().BeTrue();
        summary.SummaryLine.Should().Be("1 passed, 1 failed");
    }

    [Fact]
    public async Task Tags_ACaseRunsWhenItHasAnyOfTheTags()
    {
        var a = PassCase("1", """{ "status": "SUCCEEDED", "output": 1 }""", tags: """["jsonpath", "choice"]""");
        var b = PassCase("1", """{ "status": "SUCCEEDED", "output": 1 }""", tags: """["jsonata"]""");
        var c = PassCase("1", """{ "status": "SUCCEEDED", "output": 1 }""", tags: """["map"]""");
        var runner = new TestCaseRunner(new TestRunnerOptions { Tags = ["CHOICE", "map"] });

        var summary = await runner.RunAllAsync([a, b, c]);

        summary.Results.Should().HaveCount(2);
        summary.Results.Select(r => r.Tags[0]).Should().Equal("jsonpath", "map");
        summary.Skipped.Should().Be(1);
    }

    [Fact]
    public async Task RunFiles_ABrokenFileIsAFailedCase_NotACrash()
    {
        string dir = Directory.CreateTempSubdirectory("runner").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "broken.json"), "{ \"name\": ");
            await File.WriteAllTextAsync(Path.Combine(dir, "good.json"), """
                { "name": "good", "definition": { "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "input": [1], "expect": { "status": "SUCCEEDED", "output": [1] } }
                """);

            var summary = await _runner.RunPathAsync(dir);

            summary.Results.Should().HaveCount(2);
            summary.Results[0].Reason.Should().StartWith("invalid test case: ").And.Contain("broken.json").And.Contain("not valid JSON");
            summary.Results[1].Passed.Should().BeTrue(summary.Results[1].Reason);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Result_ToJson_HasTheReportFields()
    {
        var result = await _runner.RunAsync(PassCase("1", """{ "status": "SUCCEEDED", "output": 2 }""", tags: """["x"]"""));

        var json = result.ToJson();

        json.Keys.ToArray().Should().Equal("name", "file", "tags", "status", "reason", "expected", "actual", "durationMs");
        json["status"].Should().Be(JNode.From("failed"));
        json["actual"].Should().Be(JNode.Parse("""{ "status": "SUCCEEDED", "output": 1 }"""));
    }

    private static TestCase PassCase(string input, string expect, string tags = "[]") => Case($$"""
        { "name": "pass", "tags": {{tags}}, "definition": { "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "input": {{input}}, "expect": {{expect}} }
        """);

    private static TestCase FailCase(string fields, string expect)
    {
        var fail = JNode.Parse(fields) is JObject o ? o.With("Type", JNode.From("Fail")) : throw new ArgumentException("Fail fields must be an object.", nameof(fields));
        return Case($$"""
            { "name": "fail", "definition": { "StartAt": "F", "States": { "F": {{fail}} } }, "expect": {{expect}} }
            """);
    }
}
