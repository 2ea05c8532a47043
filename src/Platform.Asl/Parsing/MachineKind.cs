namespace Platform.Asl.Parsing;

/// <summary>Where a machine (a StartAt and States block) sits.</summary>
internal enum MachineKind
{
    /// <summary>The top-level state machine.</summary>
    Root,
    /// <summary>A Parallel branch.</summary>
    Branch,
    /// <summary>A Map ItemProcessor (or legacy Iterator).</summary>
    Processor,
}
