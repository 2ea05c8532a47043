using Platform.Asl.Json;
using Platform.Asl.Time;
using Platform.Engine.History;
using Platform.Engine.Orchestration;

namespace Platform.Engine.Execution;

/// <summary>What all branches of one execution share: the port, the history, the identity and the start time.</summary>
internal sealed class ExecutionRun(OrchestrationContext context, ExecutionInput info, HistoryRecorder history, DateTime startTime)
{
    private JObject? _executionContext;
    private int _executionContextRedrives;
    private JObject? _stateMachineContext;
    private int _recordedRedrives;

    public OrchestrationContext Context { get; } = context;

    public ExecutionInput Info { get; } = info;

    public HistoryRecorder History { get; } = history;

    public DateTime StartTime { get; } = startTime;

    public long MaxHistoryEvents { get; } = info.MaxHistoryEvents ?? ExecutionInput.StandardMaxHistoryEvents;

    /// <summary>Gets <c>$$.Execution</c>; rebuilt when the host reports another redrive count (replay-safe: a replay of what
    /// ran before a redrive sees the old count again).</summary>
    public JObject ExecutionContextObject
    {
        get
        {
            int redrives = Context.RedriveCount;
            if (_executionContext is null || redrives != _executionContextRedrives)
            {
                _executionContextRedrives = redrives;
                _executionContext = BuildExecution(redrives);
            }

            return _executionContext;
        }
    }

    public JObject StateMachineContextObject => _stateMachineContext ??= new JObject(
        ["Id", "Name"], [JNode.From(Info.StateMachineArn), JNode.From(Info.StateMachineName)]);

    /// <summary>Records a history event; the first event recorded after a redrive is preceded by an ExecutionRedriven event.</summary>
    /// <remarks>The durable host stores the history up to a redrive with the redrive; when the redriven execution ends it
    /// keeps those events and appends what follows this ExecutionRedriven, renumbered. See docs/durable-runtime.md.</remarks>
    public long Record(string type, long previousEventId, DateTime timestamp, JObject? details)
    {
        if (History.Enabled)
        {
            int redrives = Context.RedriveCount;
            if (redrives > _recordedRedrives)
            {
                _recordedRedrives = redrives;
                previousEventId = History.Record(
                    HistoryEventTypes.ExecutionRedriven, previousEventId, timestamp, new JObject(["redriveCount"], [JNode.From(redrives)]));
            }
        }

        return History.Record(type, previousEventId, timestamp, details);
    }

    private JObject BuildExecution(int redrives)
    {
        // The host counts every redrive so far; a continuation's input carries the count of those before it.
        int count = Math.Max(Info.RedriveCount, redrives);
        var time = Context.RedriveTime ?? Info.Continuation?.RedriveTime;
        return count > 0 && time is { } redriven
            ? new(
                ["Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount", "RedriveTime"],
                [
                    JNode.From(Info.ExecutionArn), Info.Input, JNode.From(Rfc3339.Format(StartTime)), JNode.From(Info.Name),
                    JNode.From(Info.EffectiveRoleArn), JNode.From(count), JNode.From(Rfc3339.Format(redriven)),
                ])
            : new(
                ["Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount"],
                [
                    JNode.From(Info.ExecutionArn), Info.Input, JNode.From(Rfc3339.Format(StartTime)), JNode.From(Info.Name),
                    JNode.From(Info.EffectiveRoleArn), JNode.From(count),
                ]);
    }
}
