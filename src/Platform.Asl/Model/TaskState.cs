using Platform.Asl.Json;

namespace Platform.Asl.Model;

/// <summary>A Task state.</summary>
public sealed record TaskState : StateDefinition, IRetryableState
{
    /// <inheritdoc />
    public override StateType Type => StateType.Task;

    /// <summary>Gets the resource ARN or name.</summary>
    public required string Resource { get; init; }

    /// <summary>Gets the Parameters payload template (JSONPath), if any.</summary>
    public JNode? Parameters { get; init; }

    /// <summary>Gets the Arguments (JSONata), if any.</summary>
    public JNode? Arguments { get; init; }

    /// <summary>Gets the ResultSelector payload template, if any.</summary>
    public JNode? ResultSelector { get; init; }

    /// <summary>Gets the ResultPath.</summary>
    /// <value>"$".</value>
    public string? ResultPath { get; init; } = "$";

    /// <summary>Gets TimeoutSeconds as written: a positive integer, or a JSONata string.</summary>
    public JNode? TimeoutSeconds { get; init; }

    /// <summary>Gets TimeoutSecondsPath, if any.</summary>
    public string? TimeoutSecondsPath { get; init; }

    /// <summary>Gets HeartbeatSeconds as written: a positive integer, or a JSONata string.</summary>
    public JNode? HeartbeatSeconds { get; init; }

    /// <summary>Gets HeartbeatSecondsPath, if any.</summary>
    public string? HeartbeatSecondsPath { get; init; }

    /// <summary>Gets Credentials as written, if any.</summary>
    public JNode? Credentials { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    /// <inheritdoc />
    public IReadOnlyList<Catcher> Catch { get; init; } = [];
}
