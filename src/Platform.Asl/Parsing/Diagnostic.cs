namespace Platform.Asl.Parsing;

/// <summary>One problem in a definition: where (a JSON pointer), which rule, and what was found.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Pointer">The JSON pointer of the offending value, e.g. <c>/States/Charge/Retry/0/BackoffRate</c>.</param>
/// <param name="Rule">A stable rule id, e.g. <c>Retry.BackoffRate</c>.</param>
/// <param name="Message">What is wrong and what was found, e.g. <c>must be &gt;= 1.0, found 0.5</c>.</param>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Pointer, string Rule, string Message)
{
    /// <summary>Gets the source line, when the text was parsed with positions (0 when unknown).</summary>
    public int Line { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{(Pointer.Length == 0 ? "/" : Pointer)}: {Message}";
}
