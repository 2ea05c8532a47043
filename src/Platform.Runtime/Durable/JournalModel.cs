namespace Platform.Runtime.Durable;

/// <summary>The kinds of orchestration history events the journal records.</summary>
internal static class HistoryKinds
{
    public const string ExecutionStarted = "ExecutionStarted";
    public const string TaskScheduled = "TaskScheduled";
    public const string TaskCompleted = "TaskCompleted";
    public const string TimerCreated = "TimerCreated";
    public const string TimerFired = "TimerFired";
    public const string EventRaised = "EventRaised";
    public const string SubOrchestrationScheduled = "SubOrchestrationScheduled";
    public const string SubOrchestrationCompleted = "SubOrchestrationCompleted";
    public const string ExecutionCompleted = "ExecutionCompleted";

    /// <summary>A redrive (RedriveExecution): payload <c>{"redriveCount", "from"}</c>, where <c>from</c> is the first history
    /// position that belongs to the redriven attempt.</summary>
    public const string ExecutionRedriven = "ExecutionRedriven";

    /// <summary>The prefix a redrive gives the kind of an event it supersedes (as Durable Task's rewind does): the event stays
    /// in the journal for the record, and replay skips it.</summary>
    public const string RewoundPrefix = "Rewound.";

    /// <summary>Tells whether an event records an action the orchestration took (as opposed to one delivered to it).</summary>
    public static bool IsAction(string kind) => kind is TaskScheduled or TimerCreated or SubOrchestrationScheduled;
}

/// <summary>One orchestration history event as stored.</summary>
/// <param name="Position">1-based position in the instance's history.</param>
/// <param name="Kind">One of <see cref="HistoryKinds"/>.</param>
/// <param name="Sequence">The action's sequence number (tasks and timers), or -1.</param>
/// <param name="Name">The activity or event name, if any.</param>
/// <param name="Payload">JSON text (input, outcome, event payload), or the timer's fire time in ticks.</param>
/// <param name="Timestamp">When it was recorded (UTC); what <c>CurrentUtcDateTime</c> reads while it is processed.</param>
internal sealed record JournalEvent(long Position, string Kind, int Sequence, string? Name, string? Payload, DateTime Timestamp);

/// <summary>An action an episode took that is not yet in the journal.</summary>
/// <param name="Kind"><see cref="HistoryKinds.TaskScheduled"/> or <see cref="HistoryKinds.TimerCreated"/>.</param>
/// <param name="Sequence">Its sequence number.</param>
/// <param name="Name">The activity name (tasks).</param>
/// <param name="Payload">The activity input JSON (tasks) or fire time ticks (timers).</param>
/// <param name="FireAt">The fire time (timers).</param>
internal sealed record NewAction(string Kind, int Sequence, string? Name, string Payload, DateTime FireAt);

/// <summary>How an instance ended, as stored.</summary>
/// <remarks><paramref name="History"/> is the execution's ASL history (AWS's event JSON, an array) when it kept one.</remarks>
internal sealed record InstanceCompletion(DurableStatus Status, string? Output, string? Error, string? Cause, string? History = null)
{
    /// <summary>Gets the stored input the orchestration continues with (ContinueAsNew), or null when it ended.</summary>
    /// <remarks>With it the completion is not an end: <see cref="Status"/> stays Running and <see cref="History"/> holds
    /// the ASL history so far.</remarks>
    public string? ContinueInput { get; init; }
}

/// <summary>What an episode commits in one write.</summary>
/// <remarks><paramref name="OpenWaits"/> lists the external events the orchestration waits for afterwards, one name a line;
/// SendTaskSuccess and its kin accept a token only while its wait is open.</remarks>
internal sealed record EpisodeCommit(
    string InstanceId, long Processed, IReadOnlyList<NewAction> Actions, InstanceCompletion? Completion, string? CustomStatus, DateTime Now, string OpenWaits = "")
{
    /// <summary>Gets a test of whether an orchestration name is registered with the host (children of unknown ones fail at once).</summary>
    public Func<string, bool>? IsRegistered { get; init; }

    /// <summary>Gets the position of the history event whose processing ended the orchestration (with <see cref="Completion"/>).</summary>
    public long EndedAt { get; init; }

    /// <summary>Gets recorded timers to arm again (the first episode after a redrive: the earlier end dropped their rows).</summary>
    public IReadOnlyList<NewAction> Rearm { get; init; } = [];
}

/// <summary>What became of a RedriveExecution.</summary>
/// <param name="Status">Whether it was redriven, and if not why.</param>
/// <param name="RedriveCount">The execution's redrive count after it.</param>
/// <param name="Reason">Why it cannot be redriven (AWS's redriveStatusReason), when it cannot.</param>
internal sealed record RedriveOutcome(RedriveOutcomeStatus Status, int RedriveCount = 0, string? Reason = null);

/// <summary>Whether a RedriveExecution went through.</summary>
internal enum RedriveOutcomeStatus
{
    /// <summary>The execution runs again.</summary>
    Redriven,

    /// <summary>There is no such execution.</summary>
    NoExecution,

    /// <summary>The execution cannot be redriven; the outcome says why.</summary>
    NotRedrivable,
}

/// <summary>What became of a SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat.</summary>
internal enum CallbackResult
{
    /// <summary>The event was appended for the waiting task.</summary>
    Accepted,

    /// <summary>There is no such execution.</summary>
    NoExecution,

    /// <summary>The execution has ended.</summary>
    ExecutionEnded,

    /// <summary>The task no longer waits: it was answered, timed out, or its branch ended.</summary>
    NotWaiting,
}

/// <summary>An activity waiting to run.</summary>
internal sealed record WorkItem(string InstanceId, int Sequence, string Name, string Payload, int Generation = 0)
{
    /// <summary>Gets the task's stable id (<c>TaskInvocation.ActivityId</c>): the same on every delivery, and new in
    /// every generation of a continued instance (whose sequence numbers start over).</summary>
    public string ActivityId => Generation == 0
        ? $"{InstanceId}:{Sequence}"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{InstanceId}:{Generation}:{Sequence}");
}

/// <summary>A durable timer.</summary>
internal sealed record DurableTimer(string InstanceId, int Sequence, DateTime FireAt);

/// <summary>An instance row plus the history an episode needs.</summary>
internal sealed record InstanceHistory(string Orchestration, string Input, DurableStatus Status, long Processed, IReadOnlyList<JournalEvent> Events)
{
    /// <summary>Gets how many times the instance continued as new.</summary>
    public int Generation { get; init; }

    /// <summary>Gets how many times the execution was redriven, in all generations.</summary>
    public int RedriveCount { get; init; }
}

/// <summary>What became of a task result committed together with its episode.</summary>
internal enum FusedCommit
{
    /// <summary>The result and the episode were committed.</summary>
    Committed,

    /// <summary>Something else was appended first: only the result was recorded; a regular episode must run.</summary>
    ResultOnly,

    /// <summary>The result was already recorded (a redelivered task): nothing changed.</summary>
    Duplicate,
}
