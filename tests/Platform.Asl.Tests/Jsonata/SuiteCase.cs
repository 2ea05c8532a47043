using Platform.Asl.Json;

namespace Platform.Asl.Tests.Jsonata;

/// <summary>One case of the JSONata test suite.</summary>
public sealed record SuiteCase(
    string Group,
    string Id,
    string Expr,
    JNode? Input,
    IReadOnlyDictionary<string, JNode>? Bindings,
    JNode? Result,
    bool UndefinedResult,
    string? Code,
    bool Unordered,
    int? TimeLimit,
    int? Depth)
{
    /// <summary>Gets why the case file could not be read, if it could not.</summary>
    public string? LoadError { get; init; }
}
