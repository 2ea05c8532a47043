using Platform.Asl.Json;

namespace Platform.Runtime.Testing;

/// <summary>One workflow test case: a state machine, an input, mocks for its tasks, and the expected result.</summary>
public sealed record TestCase
{
    /// <summary>Gets the case name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the file the case was read from ("" for a case built in code).</summary>
    public string File { get; init; } = string.Empty;

    /// <summary>Gets the tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the inline definition, when the case has one.</summary>
    public JObject? Definition { get; init; }

    /// <summary>Gets the text of <c>definitionFile</c> (JSON or YAML), when the case names one.</summary>
    public string? DefinitionText { get; init; }

    /// <summary>Gets the execution input.</summary>
    /// <value><c>{}</c>.</value>
    public JNode Input { get; init; } = JObject.Empty;

    /// <summary>Gets the fields merged into the Context Object, if any.</summary>
    public JObject? Context { get; init; }

    /// <summary>Gets the mocks by Task state name.</summary>
    public IReadOnlyDictionary<string, TaskMock> Mocks { get; init; } = new Dictionary<string, TaskMock>(StringComparer.Ordinal);

    /// <summary>Gets the expected result.</summary>
    public required TestExpectation Expect { get; init; }

    /// <summary>Tells whether the case has any of <paramref name="tags"/> (case-insensitive); an empty filter matches every case.</summary>
    public bool HasAnyTag(IReadOnlyCollection<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.Count == 0 || Tags.Any(t => tags.Contains(t, StringComparer.OrdinalIgnoreCase));
    }
}
