using Platform.Asl.Json;

namespace Platform.Asl.Model;

/// <summary>A Wait state: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath.</summary>
public sealed record WaitState : StateDefinition
{
    /// <inheritdoc />
    public override StateType Type => StateType.Wait;

    /// <summary>Gets Seconds as written: a non-negative integer, or a JSONata string.</summary>
    public JNode? Seconds { get; init; }

    /// <summary>Gets SecondsPath, if any.</summary>
    public string? SecondsPath { get; init; }

    /// <summary>Gets Timestamp as written: an RFC 3339 string, or a JSONata string.</summary>
    public JNode? Timestamp { get; init; }

    /// <summary>Gets TimestampPath, if any.</summary>
    public string? TimestampPath { get; init; }
}
