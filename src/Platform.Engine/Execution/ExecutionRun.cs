using Platform.Asl.Json;
using Platform.Asl.Time;
using Platform.Engine.History;
using Platform.Engine.Orchestration;

namespace Platform.Engine.Execution;

/// <summary>What all branches of one execution share: the port, the history, the identity and the start time.</summary>
internal sealed class ExecutionRun(OrchestrationContext context, ExecutionInput info, HistoryRecorder history, DateTime startTime)
{
    private JObject? _executionContext;
    private JObject? _stateMachineContext;

    public OrchestrationContext Context { get; } = context;

    public ExecutionInput Info { get; } = info;

    public HistoryRecorder History { get; } = history;

    public DateTime StartTime { get; } = startTime;

    public long MaxHistoryEvents { get; } = info.MaxHistoryEvents ?? ExecutionInput.StandardMaxHistoryEvents;

    public JObject ExecutionContextObject => _executionContext ??= BuildExecution();

    public JObject StateMachineContextObject => _stateMachineContext ??= new JObject(
        ["Id", "Name"], [JNode.From(Info.StateMachineArn), JNode.From(Info.StateMachineName)]);

    private JObject BuildExecution() => new(
        ["Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount"],
        [
            JNode.From(Info.ExecutionArn), Info.Input, JNode.From(Rfc3339.Format(StartTime)), JNode.From(Info.Name),
            JNode.From(Info.EffectiveRoleArn), JNode.From(Info.RedriveCount),
        ]);
}
