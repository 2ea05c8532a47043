using Platform.Asl.Parsing;

namespace Platform.Runtime.Tests.Engine;

public class VariableScopeTests
{
    [Fact]
    public void Parse_IterationAssignsAnOuterVariable_IsRefusedWithItsPointer()
    {
        var result = AslParser.Parse("""
            {"StartAt":"Set","States":{"Set":{"Type":"Pass","Assign":{"x":1},"Next":"M"},
             "M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"x":2,"y":3},"End":true}}},"End":true}}}
            """);
        result.IsValid.Should().BeFalse();
        var error = result.Errors.Should().ContainSingle().Which;
        error.Pointer.Should().Be("/States/M/ItemProcessor/States/P/Assign/x");
        error.Rule.Should().Be("Assign.OuterScope");
    }

    [Fact]
    public void Parse_SiblingBranchesAssigningTheSameName_AreAllowed()
    {
        var result = AslParser.Parse("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Pass","Assign":{"x":2},"End":true}}}]}}}
            """);
        result.IsValid.Should().BeTrue(string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Map_Distributed_CannotReadOuterVariables()
    {
        var result = Harness.Run("""
            {"StartAt":"Set","States":{"Set":{"Type":"Pass","Assign":{"factor":10},"Next":"M"},
             "M":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"f.$":"$factor"},"End":true}}},"End":true}}}
            """, "[1]");
        result.ShouldFailWith("States.Runtime", "$factor");
    }

    [Fact]
    public void Assign_OverTheSizeLimit_IsDataLimitExceeded()
    {
        var result = Harness.Run(
            """{"StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"a.$":"$.s","b.$":"$.s"},"End":true}}}""",
            "{\"s\":\"" + new string('x', 150_000) + "\"}");
        result.ShouldFailWith("States.DataLimitExceeded", "The Assign of state 'P' exceeds the maximum total size");
    }

    [Fact]
    public void Variables_OverTenMebibytesPerExecution_AreDataLimitExceeded()
    {
        // Sixty states each keep a new 200,000-character variable; the one that passes 10 MiB fails.
        var states = string.Join(",", Enumerable.Range(0, 60).Select(i =>
            $$"""
            "S{{i}}":{"Type":"Pass","Assign":{"v{{i}}.$":"$.s"},{{(i == 59 ? "\"End\":true" : $"\"Next\":\"S{i + 1}\"")}}}
            """));
        var result = Harness.Run(
            "{\"StartAt\":\"S0\",\"States\":{" + states + "}}",
            "{\"s\":\"" + new string('x', 200_000) + "\"}");

        // Each variable is 200,002 bytes of JSON: 52 fit in 10,485,760 bytes, the 53rd (state S52) does not.
        result.ShouldFailWith("States.DataLimitExceeded", "The Assign of state 'S52' would bring the execution's variables to 10600106 bytes");
    }

    [Fact]
    public void Variables_OfFinishedIterations_GoOutOfScope()
    {
        // 80 iterations, one at a time, each holding 200 KB: 16 MB in all, but never more than one iteration's at once.
        var result = Harness.Run("""
            {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemsPath":"$.items","ItemSelector":{"s.$":"$.s"},
              "ItemProcessor":{"StartAt":"Keep","States":{"Keep":{"Type":"Pass","Assign":{"kept.$":"$.s"},"Next":"Drop"},"Drop":{"Type":"Pass","Result":1,"End":true}}},
              "ResultSelector":{"n.$":"States.ArrayLength($)"},"End":true}}}
            """,
            "{\"s\":\"" + new string('x', 200_000) + "\",\"items\":[" + string.Join(",", Enumerable.Repeat("0", 80)) + "]}");

        result.ShouldSucceedWith("{\"n\":80}");
    }
}
