namespace Platform.Engine.Execution;

/// <summary>How an execution ended (AWS's names).</summary>
public enum ExecutionStatus
{
    /// <summary>Still running.</summary>
    Running,
    /// <summary>Ended with output.</summary>
    Succeeded,
    /// <summary>Ended with an error.</summary>
    Failed,
    /// <summary>Ran past its TimeoutSeconds.</summary>
    TimedOut,
    /// <summary>Stopped by a user.</summary>
    Aborted,
    /// <summary>Not an end: the orchestration continued as new to keep its journal short, and the execution goes on
    /// (see <see cref="ExecutionContinuation"/>). Hosts never report it as an execution's status.</summary>
    ContinuedAsNew,
}
