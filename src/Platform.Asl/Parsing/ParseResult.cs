using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>The outcome of parsing and validating a definition: the model when valid, and every diagnostic at once.</summary>
/// <param name="Definition">The model, or <see langword="null"/> when there are errors.</param>
/// <param name="Diagnostics">All errors and warnings, in document order.</param>
public sealed record ParseResult(StateMachineDefinition? Definition, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Gets a value indicating whether the definition has no errors.</summary>
    public bool IsValid => Definition is not null;

    /// <summary>Gets the errors only.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
}
