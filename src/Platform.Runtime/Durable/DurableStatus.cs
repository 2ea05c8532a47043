namespace Platform.Runtime.Durable;

/// <summary>The status of a durable execution.</summary>
public enum DurableStatus
{
    /// <summary>Started and not yet ended.</summary>
    Running,

    /// <summary>Ended successfully.</summary>
    Succeeded,

    /// <summary>Ended with an error (including a nondeterministic replay or an orchestrator bug).</summary>
    Failed,

    /// <summary>The state machine's TimeoutSeconds passed.</summary>
    TimedOut,

    /// <summary>Stopped.</summary>
    Aborted,
}
