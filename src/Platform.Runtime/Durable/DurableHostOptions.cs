namespace Platform.Runtime.Durable;

/// <summary>Options of the durable (Standard) host.</summary>
public sealed record DurableHostOptions
{
    /// <summary>Gets the SQLite journal file; created when missing.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Gets the clock for timers and event timestamps; tests pass a fake one.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets a value indicating whether commits use <c>synchronous=FULL</c> (durable across power loss) rather than
    /// <c>NORMAL</c> (durable across process crashes; the last commits may roll back after an OS crash or power cut).</summary>
    /// <value><see langword="true"/>: group commit makes the extra fsync per transaction cheap.</value>
    public bool FullSync { get; init; } = true;

    /// <summary>Gets how many activities run at once.</summary>
    /// <value>16.</value>
    public int MaxConcurrentActivities { get; init; } = 16;

    /// <summary>Gets how many orchestration episodes run at once (each instance runs one at a time).</summary>
    /// <value>4.</value>
    public int MaxConcurrentEpisodes { get; init; } = 4;

    /// <summary>Gets how many running orchestrations stay in memory between episodes; the least recently used beyond it are
    /// evicted and replayed from the journal on their next event. 0 replays every episode from the start.</summary>
    /// <value>1,000.</value>
    public int MaxCachedOrchestrations { get; init; } = 1_000;

    /// <summary>Gets the key that signs task tokens (at least 32 bytes), e.g. from configuration; null keeps a random key in
    /// the journal, made on first use, so tokens stay valid across restarts.</summary>
    public byte[]? TaskTokenKey { get; init; }

    /// <summary>Gets after how many ASL history events a state machine execution continues as new between two top-level
    /// states, so that its journal (and a replay after a restart or an eviction) stays short; 0 never does. Stamped on
    /// each execution when it starts (a replay must decide as the first run did), so a change applies to new executions.</summary>
    /// <value>2,000 (a loop of Task states continues about every 400 iterations).</value>
    public int ContinueAsNewAfterEvents { get; init; } = 2_000;

    /// <summary>Gets a value indicating whether a <c>DISTRIBUTED</c> Map runs each item as a child execution of a Map Run
    /// (AWS's model: the parent's journal and history get two events per item, not the iterations' states). Stamped on
    /// each execution when it starts, like <see cref="ContinueAsNewAfterEvents"/>; false runs them inline.</summary>
    /// <value>true.</value>
    public bool DistributedMapChildren { get; init; } = true;

    /// <summary>Gets the most writes one group commit takes.</summary>
    /// <value>512.</value>
    public int MaxWritesPerCommit { get; init; } = 512;
}
