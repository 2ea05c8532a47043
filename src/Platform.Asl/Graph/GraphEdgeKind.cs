namespace Platform.Asl.Graph;

/// <summary>Why an edge of a state machine graph exists.</summary>
public enum GraphEdgeKind
{
    /// <summary>From the start marker to StartAt.</summary>
    Start,
    /// <summary>A state's Next.</summary>
    Next,
    /// <summary>A Choice rule's Next; the label is the rule's condition.</summary>
    Choice,
    /// <summary>A Choice state's Default.</summary>
    Default,
    /// <summary>A Catch rule's Next; the label is its ErrorEquals list. Drawn dashed.</summary>
    Catch,
    /// <summary>From a terminal state (End, Succeed, Fail) to the end marker.</summary>
    End,
}
