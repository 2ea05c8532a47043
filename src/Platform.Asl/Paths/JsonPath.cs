using System.Diagnostics.CodeAnalysis;
using Platform.Asl.Json;

namespace Platform.Asl.Paths;

/// <summary>A compiled JSONPath (STUB: replaced by the JSONPath implementation).</summary>
public sealed class JsonPath
{
    private JsonPath(string text) => Text = text;

    /// <summary>Gets the path as written.</summary>
    public string Text { get; }

    /// <summary>Gets what the path starts from.</summary>
    public PathRoot Root { get; private init; }

    /// <summary>Gets the variable name for <see cref="PathRoot.Variable"/> paths.</summary>
    public string? VariableName { get; private init; }

    /// <summary>Gets a value indicating whether the path selects at most one value (no wildcard, filter, slice, union or descent).</summary>
    public bool IsDefinite { get; private init; }

    /// <summary>Gets a value indicating whether the path is a Reference Path (names and indices only), as ResultPath requires.</summary>
    public bool IsReferencePath { get; private init; }

    /// <summary>Gets the path in Jayway's bracket notation, e.g. <c>$['a']['b'][0]</c>, as AWS's messages print it.</summary>
    public string NormalizedText => Text;

    /// <summary>Parses a path.</summary>
    /// <exception cref="JsonPathException">The text is not a valid path.</exception>
    public static JsonPath Parse(string text) => throw new NotImplementedException();

    /// <summary>Parses a path, returning the error instead of throwing.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPath? path, [NotNullWhen(false)] out string? error) =>
        throw new NotImplementedException();

    /// <summary>Evaluates against a document. A definite path yields its value or nothing; an indefinite one yields an array of matches.</summary>
    public bool TryEvaluate(JNode document, [NotNullWhen(true)] out JNode? result) => throw new NotImplementedException();

    /// <summary>Evaluates against the root this path names (input, Context Object or variable).</summary>
    public bool TryEvaluate(EvaluationContext context, [NotNullWhen(true)] out JNode? result) => throw new NotImplementedException();

    /// <summary>Returns a copy of <paramref name="document"/> with <paramref name="value"/> stored at this Reference Path, creating objects on the way.</summary>
    /// <exception cref="Errors.StatesException"><c>States.ResultPathMatchFailure</c> when the path cannot be applied.</exception>
    public JNode Assign(JNode document, JNode value) => throw new NotImplementedException();
}
