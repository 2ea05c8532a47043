using Platform.Asl.Parsing;

namespace Platform.Engine;

/// <summary>A definition with errors; the message lists every diagnostic.</summary>
public sealed class InvalidDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidDefinitionException(IReadOnlyList<Diagnostic> diagnostics)
        : base("Invalid state machine definition:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception.</summary>
    public InvalidDefinitionException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidDefinitionException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception.</summary>
    public InvalidDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    /// <summary>Gets the diagnostics.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
