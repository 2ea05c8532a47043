using Platform.Asl.Json;

namespace Platform.Runtime.Durable;

/// <summary>AWS's conditions for RedriveExecution, and which recorded outcomes a redrive runs again.</summary>
/// <remarks>From the Step Functions developer guide, "Restarting state machine executions with redrive" (redrive
/// eligibility) and DescribeExecution's <c>redriveStatusReason</c> texts.</remarks>
internal static class RedriveRules
{
    /// <summary>AWS's redrivable period: 14 days from the end of the execution.</summary>
    public static readonly TimeSpan RedrivablePeriod = TimeSpan.FromDays(14);

    /// <summary>AWS's maximum open time of an execution: one year.</summary>
    public static readonly TimeSpan MaxExecutionTime = TimeSpan.FromDays(365);

    /// <summary>A redrive appends at least ExecutionRedriven and one more event, within the 25,000-event quota.</summary>
    public const int MaxHistoryEvents = 24_999;

    /// <summary>Returns why an execution cannot be redriven (AWS's reason text), or null when it can.</summary>
    public static string? Refusal(DurableStatus status, string? error, DateTime createdAt, DateTime endedAt, int historyEvents, DateTime now) => status switch
    {
        DurableStatus.Running => "Execution is RUNNING and cannot be redriven",
        DurableStatus.Succeeded => "Execution is SUCCEEDED and cannot be redriven",
        _ when error == "NonDeterministicOrchestration" =>
            "Execution failed because its history no longer matches its state machine (NonDeterministicOrchestration); a redrive would fail the same way",
        _ when historyEvents >= MaxHistoryEvents => "Execution history event limit exceeded",
        _ when now - createdAt > MaxExecutionTime => "Execution has exceeded the max execution time",
        _ when now - endedAt > RedrivablePeriod => "Execution redrivable period exceeded",
        _ => null,
    };

    /// <summary>Tells whether a delivered journal event is a failure a redrive supersedes: a failed task, a child that did not
    /// succeed, a stop request, a failed callback answer, or a timer (timers end runs only as timeouts; a Wait's timer that is
    /// superseded is armed again and fires at its time).</summary>
    public static bool IsFailure(string kind, string? name, string? payload)
    {
        switch (kind)
        {
            case HistoryKinds.TimerFired:
                return true;
            case HistoryKinds.TaskCompleted:
                return Parse(payload) is JObject task && task["result"] is null;
            case HistoryKinds.SubOrchestrationCompleted:
                return Parse(payload) is JObject child && (child["status"] as JString)?.Value != nameof(DurableStatus.Succeeded);
            case HistoryKinds.EventRaised:
                if (name == DurableHost.StopEventName)
                {
                    return true;
                }

                // A callback's answer is a task outcome; a failure has an error and no result. Heartbeats are not answers.
                return name?.EndsWith(Platform.Engine.Tasks.TaskTokens.HeartbeatEventSuffix, StringComparison.Ordinal) != true
                    && Parse(payload) is JObject answer && answer["result"] is null && answer["error"] is not null;
            default:
                return false;
        }
    }

    /// <summary>Tells whether an ASL history ends with the machine failing in a Fail state (its ExecutionFailed follows a
    /// FailStateEntered): AWS "reenters the Fail state and fails again" on redrive, so nothing before it runs again.</summary>
    /// <remarks>Only the top level is recognised; a Fail state inside a Parallel or Map branch ends the branch, and its
    /// state's failure is what the history's end follows.</remarks>
    public static bool EndedInFailState(JArray history)
    {
        if (history.Count < 2 || history[^1] is not JObject end || (end["type"] as JString)?.Value != "ExecutionFailed"
            || end["previousEventId"] is not JNumber previous || !previous.TryGetInt64(out long id) || id < 1 || id > history.Count)
        {
            return false;
        }

        return history[(int)id - 1] is JObject cause && (cause["type"] as JString)?.Value == "FailStateEntered";
    }

    private static JNode? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JNode.Parse(json);
        }
        catch (JsonParseException)
        {
            return null;
        }
    }
}
