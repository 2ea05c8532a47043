using System.Globalization;
using Platform.Engine.Execution;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;

namespace Platform.Runtime.Durable;

/// <summary>JSON text for what the durable journal stores: task invocations and outcomes, and execution inputs.</summary>
/// <remarks>The format is the engine's <see cref="OrchestrationWire"/>, which the Azure adapter sends through Durable
/// Functions: one format on both hosts. Field order is fixed, so the same value always gives the same text; replay compares
/// scheduled inputs as text.</remarks>
internal static class DurableJson
{
    public static string Write(TaskInvocation invocation) => OrchestrationWire.Write(invocation);

    public static TaskInvocation ReadInvocation(string json, string? activityId) => OrchestrationWire.ReadInvocation(json, activityId);

    public static string Write(TaskOutcome outcome) => OrchestrationWire.Write(outcome);

    public static TaskOutcome ReadOutcome(string json) => OrchestrationWire.Read<TaskOutcome>(json);

    public static string Write(ExecutionInput input) => OrchestrationWire.Write(input);

    public static ExecutionInput ReadExecutionInput(string json) => OrchestrationWire.Read<ExecutionInput>(json);

    public static string Ticks(DateTime time) => time.Ticks.ToString(CultureInfo.InvariantCulture);
}
