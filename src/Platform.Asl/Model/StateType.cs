namespace Platform.Asl.Model;

/// <summary>The eight ASL state types.</summary>
public enum StateType
{
    /// <summary>Passes its input to its output, optionally injecting data.</summary>
    Pass,
    /// <summary>Runs work through a resource.</summary>
    Task,
    /// <summary>Branches on rules.</summary>
    Choice,
    /// <summary>Waits for a time or a duration.</summary>
    Wait,
    /// <summary>Stops successfully.</summary>
    Succeed,
    /// <summary>Stops with an error.</summary>
    Fail,
    /// <summary>Runs branches in parallel.</summary>
    Parallel,
    /// <summary>Runs a processor for each item.</summary>
    Map,
}
