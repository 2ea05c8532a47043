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
}
