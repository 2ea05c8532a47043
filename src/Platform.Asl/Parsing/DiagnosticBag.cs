namespace Platform.Asl.Parsing;

/// <summary>Collects diagnostics while a definition is validated.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>Gets the diagnostics in the order they were reported.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>Gets a value indicating whether any error was reported.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Reports an error.</summary>
    public void Error(string pointer, string rule, string message)
    {
        HasErrors = true;
        _items.Add(new Diagnostic(DiagnosticSeverity.Error, pointer, rule, message));
    }

    /// <summary>Adds a diagnostic produced elsewhere (for example by the payload-template compiler).</summary>
    public void Add(Diagnostic diagnostic)
    {
        HasErrors |= diagnostic.Severity == DiagnosticSeverity.Error;
        _items.Add(diagnostic);
    }

    /// <summary>Reports a warning.</summary>
    public void Warning(string pointer, string rule, string message) =>
        _items.Add(new Diagnostic(DiagnosticSeverity.Warning, pointer, rule, message));
}
