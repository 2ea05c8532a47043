namespace Platform.Runtime.InMemory;

/// <summary>Options of the in-memory (Express) host.</summary>
public sealed record InMemoryHostOptions
{
    /// <summary>Gets a value indicating whether executions run on virtual time (Waits and back-offs finish at once).</summary>
    /// <value><see langword="false"/>.</value>
    public bool VirtualTime { get; init; }

    /// <summary>Gets where the virtual clock starts (UTC).</summary>
    /// <value>2024-01-01T00:00:00Z.</value>
    public DateTime VirtualStart { get; init; } = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Gets the clock for real-time runs.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
