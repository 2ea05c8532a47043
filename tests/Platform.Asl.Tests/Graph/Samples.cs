namespace Platform.Asl.Tests.Graph;

/// <summary>Small definitions covering each structure the graph draws.</summary>
internal static class Samples
{
    public const string Choice = """
        {
          "StartAt": "Classify",
          "States": {
            "Classify": {
              "Type": "Choice",
              "Choices": [
                { "Variable": "$.tier", "StringEquals": "gold", "Next": "Gold" },
                { "And": [ { "Variable": "$.n", "NumericGreaterThan": 3 }, { "Variable": "$.ok", "BooleanEquals": true } ], "Next": "Silver" }
              ],
              "Default": "Basic"
            },
            "Gold": { "Type": "Succeed" },
            "Silver": { "Type": "Pass", "End": true },
            "Basic": { "Type": "Fail", "Error": "NoTier" }
          }
        }
        """;

    public const string Catch = """
        {
          "StartAt": "Charge",
          "States": {
            "Charge": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Catch": [ { "ErrorEquals": ["States.Timeout", "States.TaskFailed"], "Next": "Refund" } ],
              "Next": "Done"
            },
            "Refund": { "Type": "Pass", "Next": "Done" },
            "Done": { "Type": "Succeed" }
          }
        }
        """;

    public const string Loop = """
        {
          "StartAt": "Poll",
          "States": {
            "Poll": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Wait" },
            "Wait": { "Type": "Wait", "Seconds": 5, "Next": "Ready?" },
            "Ready?": {
              "Type": "Choice",
              "Choices": [ { "Variable": "$.status", "StringEquals": "DONE", "Next": "Finished" } ],
              "Default": "Poll"
            },
            "Finished": { "Type": "Succeed" }
          }
        }
        """;

    public const string SelfLoop = """
        {
          "StartAt": "Again",
          "States": {
            "Again": {
              "Type": "Choice",
              "Choices": [ { "Variable": "$.more", "BooleanEquals": true, "Next": "Again" } ],
              "Default": "Stop"
            },
            "Stop": { "Type": "Succeed" }
          }
        }
        """;

    public const string Parallel = """
        {
          "StartAt": "Fan",
          "States": {
            "Fan": {
              "Type": "Parallel",
              "Branches": [
                { "StartAt": "A1", "States": { "A1": { "Type": "Pass", "Next": "A2" }, "A2": { "Type": "Pass", "End": true } } },
                {
                  "StartAt": "Items",
                  "States": {
                    "Items": {
                      "Type": "Map",
                      "ItemProcessor": { "StartAt": "Each", "States": { "Each": { "Type": "Pass", "End": true } } },
                      "End": true
                    }
                  }
                }
              ],
              "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Failed" } ],
              "Next": "Join"
            },
            "Join": { "Type": "Pass", "End": true },
            "Failed": { "Type": "Fail" }
          }
        }
        """;

    public const string Map = """
        {
          "StartAt": "Each",
          "States": {
            "Each": {
              "Type": "Map",
              "ItemsPath": "$.items",
              "ItemProcessor": {
                "StartAt": "Check",
                "States": {
                  "Check": { "Type": "Choice", "Choices": [ { "Variable": "$.x", "IsPresent": true, "Next": "Use" } ], "Default": "Skip" },
                  "Use": { "Type": "Pass", "End": true },
                  "Skip": { "Type": "Succeed" }
                }
              },
              "End": true
            }
          }
        }
        """;

    public const string Jsonata = """
        {
          "QueryLanguage": "JSONata",
          "StartAt": "Route",
          "States": {
            "Route": {
              "Type": "Choice",
              "Choices": [ { "Condition": "{% $states.input.order.total > 1000 and $states.input.order.country = 'NL' %}", "Next": "Review" } ],
              "Default": "Ship"
            },
            "Review": { "Type": "Pass", "End": true },
            "Ship": { "Type": "Pass", "End": true }
          }
        }
        """;

    public const string Hostile = """
        {
          "StartAt": "A \"quoted\" <b> & {x}",
          "States": {
            "A \"quoted\" <b> & {x}": { "Type": "Choice", "Choices": [ { "Variable": "$.v", "StringEquals": "<&\"|#>", "Next": "end" } ], "Default": "subgraph" },
            "end": { "Type": "Pass", "End": true },
            "subgraph": { "Type": "Succeed" }
          }
        }
        """;

    public static IEnumerable<object[]> All() =>
        [["choice", Choice], ["catch", Catch], ["loop", Loop], ["self-loop", SelfLoop], ["parallel", Parallel], ["map", Map], ["jsonata", Jsonata], ["hostile", Hostile]];
}
