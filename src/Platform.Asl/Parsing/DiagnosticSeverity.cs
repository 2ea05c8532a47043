namespace Platform.Asl.Parsing;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The definition is invalid.</summary>
    Error,
    /// <summary>The definition runs, but something is probably wrong (for example an unreachable state).</summary>
    Warning,
}
