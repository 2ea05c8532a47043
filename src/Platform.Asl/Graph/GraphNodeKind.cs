namespace Platform.Asl.Graph;

/// <summary>What a node of a state machine graph stands for: a start or end marker, or a state of one of the eight types.</summary>
public enum GraphNodeKind
{
    /// <summary>The start marker of a machine, branch or item processor (points at StartAt).</summary>
    Start,
    /// <summary>The end marker of a machine, branch or item processor (every terminal state points at it).</summary>
    End,
    /// <summary>A Pass state.</summary>
    Pass,
    /// <summary>A Task state.</summary>
    Task,
    /// <summary>A Choice state.</summary>
    Choice,
    /// <summary>A Wait state.</summary>
    Wait,
    /// <summary>A Succeed state.</summary>
    Succeed,
    /// <summary>A Fail state.</summary>
    Fail,
    /// <summary>A Parallel state: its branches are clusters inside it.</summary>
    Parallel,
    /// <summary>A Map state: its item processor is a cluster inside it.</summary>
    Map,
}
