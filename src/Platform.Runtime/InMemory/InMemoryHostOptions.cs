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

    /// <summary>Gets the history-event cap applied to executions that do not set their own.</summary>
    /// <value>1,000,000.</value>
    /// <remarks>Express workflows have no event quota on AWS, so large inline Maps run; the cap still ends a runaway loop.</remarks>
    public int MaxHistoryEvents { get; init; } = 1_000_000;

    /// <summary>Gets the clock for real-time runs.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
