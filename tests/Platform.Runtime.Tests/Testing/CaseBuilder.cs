using Platform.Runtime.Testing;

namespace Platform.Runtime.Tests.Testing;

/// <summary>Builds small inline test cases from JSON text, as a case file would hold them.</summary>
public static class CaseBuilder
{
    public static TestCase Case(string json, string file = "inline.json") => TestCaseLoader.Parse(json, file);

    /// <summary>A case whose definition runs one Task state named Call (with optional Retry/Catch JSON) and ends.</summary>
    public static TestCase TaskCase(string mocks, string expect, string retry = "[]", string catchers = "[]") => Case($$"""
        {
          "name": "task",
          "definition": {
            "StartAt": "Call",
            "States": {
              "Call": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
                "Retry": {{retry}},
                "Catch": {{catchers}},
                "End": true
              },
              "Caught": { "Type": "Pass", "Result": "caught", "End": true }
            }
          },
          "mocks": {{mocks}},
          "expect": {{expect}}
        }
        """);
}
