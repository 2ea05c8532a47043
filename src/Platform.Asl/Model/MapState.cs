using Platform.Asl.Json;

namespace Platform.Asl.Model;

/// <summary>A Map state (inline; distributed fields are kept as written).</summary>
public sealed record MapState : StateDefinition, IRetryableState
{
    /// <inheritdoc />
    public override StateType Type => StateType.Map;

    /// <summary>Gets the processor (ItemProcessor, or the legacy Iterator).</summary>
    public required StateMachineDefinition ItemProcessor { get; init; }

    /// <summary>Gets the processor mode.</summary>
    /// <value><see cref="MapMode.Inline"/>.</value>
    public MapMode Mode { get; init; } = MapMode.Inline;

    /// <summary>Gets the child execution type of a distributed Map ("STANDARD" or "EXPRESS"), if given.</summary>
    public string? ExecutionType { get; init; }

    /// <summary>Gets ItemsPath (JSONPath).</summary>
    /// <value>"$".</value>
    public string? ItemsPath { get; init; } = "$";

    /// <summary>Gets Items (JSONata), if any.</summary>
    public JNode? Items { get; init; }

    /// <summary>Gets the ItemSelector (or the legacy Parameters) payload template, if any.</summary>
    public JNode? ItemSelector { get; init; }

    /// <summary>Gets MaxConcurrency as written (a non-negative integer or a JSONata string), if any.</summary>
    public JNode? MaxConcurrency { get; init; }

    /// <summary>Gets MaxConcurrencyPath, if any.</summary>
    public string? MaxConcurrencyPath { get; init; }

    /// <summary>Gets ToleratedFailureCount as written, if any.</summary>
    public JNode? ToleratedFailureCount { get; init; }

    /// <summary>Gets ToleratedFailureCountPath, if any.</summary>
    public string? ToleratedFailureCountPath { get; init; }

    /// <summary>Gets ToleratedFailurePercentage as written, if any.</summary>
    public JNode? ToleratedFailurePercentage { get; init; }

    /// <summary>Gets ToleratedFailurePercentagePath, if any.</summary>
    public string? ToleratedFailurePercentagePath { get; init; }

    /// <summary>Gets the ResultSelector payload template, if any.</summary>
    public JNode? ResultSelector { get; init; }

    /// <summary>Gets the ResultPath.</summary>
    /// <value>"$".</value>
    public string? ResultPath { get; init; } = "$";

    /// <summary>Gets the Label, if any.</summary>
    public string? Label { get; init; }

    /// <summary>Gets ItemReader as written, if any.</summary>
    public JObject? ItemReader { get; init; }

    /// <summary>Gets ItemBatcher as written, if any.</summary>
    public JObject? ItemBatcher { get; init; }

    /// <summary>Gets ResultWriter as written, if any.</summary>
    public JObject? ResultWriter { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    /// <inheritdoc />
    public IReadOnlyList<Catcher> Catch { get; init; } = [];
}

/// <summary>How a Map runs its processor.</summary>
public enum MapMode
{
    /// <summary>Iterations run inside the execution.</summary>
    Inline,
    /// <summary>Iterations run as child executions.</summary>
    Distributed,
}
