using Platform.Asl.Json;
using Platform.Asl.Parsing;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;
using Platform.Runtime.InMemory;

namespace Platform.Runtime.Tests.Engine;

/// <summary>Runs definitions on the in-memory host (virtual time by default) with test handlers.</summary>
internal static class Harness
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static StateMachineOrchestrator Compile(string asl)
    {
        var parsed = AslParser.Parse(asl);
        parsed.IsValid.Should().BeTrue(string.Join("\n", parsed.Diagnostics));
        return new StateMachineOrchestrator(parsed.Definition!);
    }

    public static ExecutionResult Run(string asl, string input = "{}", TaskHandlerRegistry? handlers = null, bool virtualTime = true) =>
        RunAsync(asl, input, handlers, virtualTime).AsTask().GetAwaiter().GetResult();

    public static ValueTask<ExecutionResult> RunAsync(string asl, string input = "{}", TaskHandlerRegistry? handlers = null, bool virtualTime = true)
    {
        var host = new InMemoryHost(handlers ?? new TaskHandlerRegistry(), new InMemoryHostOptions { VirtualTime = virtualTime, VirtualStart = Start });
        return host.RunAsync(Compile(asl), new ExecutionInput { Input = JNode.Parse(input), Name = "test", StateMachineName = "Machine" });
    }

    public static void ShouldSucceedWith(this ExecutionResult result, string expectedJson)
    {
        result.Status.Should().Be(ExecutionStatus.Succeeded, $"{result.Error}: {result.Cause}");
        result.Output.Should().Be(JNode.Parse(expectedJson), $"output was {result.Output}");
    }

    public static void ShouldFailWith(this ExecutionResult result, string? error, string? causeContains = null)
    {
        result.Status.Should().Be(ExecutionStatus.Failed, $"output was {result.Output}");
        result.Error.Should().Be(error);
        if (causeContains is not null)
        {
            result.Cause.Should().Contain(causeContains);
        }
    }

    public static string[] EventTypes(this ExecutionResult result) => [.. result.History.Select(e => e.Type)];
}
