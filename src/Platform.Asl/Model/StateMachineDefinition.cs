using Platform.Asl.Json;

namespace Platform.Asl.Model;

/// <summary>A validated, immutable state machine (or a Parallel branch or Map processor, which have the same shape).</summary>
/// <param name="StartAt">The first state.</param>
/// <param name="States">The states in definition order.</param>
/// <param name="Pointer">The JSON pointer of this machine in the definition ("" for the top level).</param>
public sealed record StateMachineDefinition(string StartAt, IReadOnlyList<StateDefinition> States, string Pointer)
{
    /// <summary>Gets the comment.</summary>
    public string? Comment { get; init; }

    /// <summary>Gets the version.</summary>
    /// <value>"1.0".</value>
    public string Version { get; init; } = "1.0";

    /// <summary>Gets the machine timeout in seconds, if any (top level only).</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Gets the machine's query language.</summary>
    /// <value><see cref="QueryLanguage.JSONPath"/>.</value>
    public QueryLanguage QueryLanguage { get; init; } = QueryLanguage.JSONPath;

    /// <summary>Gets the definition as parsed.</summary>
    public JObject? Source { get; init; }

    /// <summary>Finds a state of this machine (not of nested machines) by name.</summary>
    public StateDefinition? Find(string name)
    {
        foreach (var state in States)
        {
            if (string.Equals(state.Name, name, StringComparison.Ordinal))
            {
                return state;
            }
        }

        return null;
    }
}
