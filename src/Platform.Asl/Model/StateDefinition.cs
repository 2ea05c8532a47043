using Platform.Asl.Json;

namespace Platform.Asl.Model;

/// <summary>A state: the fields every state type shares.</summary>
/// <remarks>
/// Path fields follow AWS's defaults: an absent InputPath/OutputPath/ResultPath is "$"; an explicit JSON null is
/// <see langword="null"/> here (InputPath null gives <c>{}</c>, ResultPath null discards the result, OutputPath null gives <c>{}</c>).
/// </remarks>
public abstract record StateDefinition
{
    /// <summary>Gets the state name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the JSON pointer of the state in the definition, e.g. <c>/States/Charge</c>.</summary>
    public required string Pointer { get; init; }

    /// <summary>Gets the state type.</summary>
    public abstract StateType Type { get; }

    /// <summary>Gets the comment.</summary>
    public string? Comment { get; init; }

    /// <summary>Gets the effective query language (the state's own, else the machine's).</summary>
    public QueryLanguage QueryLanguage { get; init; }

    /// <summary>Gets the next state, or <see langword="null"/> for terminal states and Choice.</summary>
    public string? Next { get; init; }

    /// <summary>Gets a value indicating whether the state ends its machine.</summary>
    public bool End { get; init; }

    /// <summary>Gets the InputPath (JSONPath).</summary>
    /// <value>"$".</value>
    public string? InputPath { get; init; } = "$";

    /// <summary>Gets the OutputPath (JSONPath).</summary>
    /// <value>"$".</value>
    public string? OutputPath { get; init; } = "$";

    /// <summary>Gets the Assign object, if any.</summary>
    public JObject? Assign { get; init; }

    /// <summary>Gets the Output value (JSONata), if any.</summary>
    public JNode? Output { get; init; }
}
