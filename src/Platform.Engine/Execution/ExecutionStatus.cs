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
}
