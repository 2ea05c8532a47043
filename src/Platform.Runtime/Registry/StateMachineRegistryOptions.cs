namespace Platform.Runtime.Registry;

/// <summary>Settings of a <see cref="StateMachineRegistry"/>.</summary>
public sealed class StateMachineRegistryOptions
{
    /// <summary>Gets the SQLite file that holds the registry (created when missing; WAL mode).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Gets the region written into ARNs.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets the account id written into ARNs.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Gets the clock that stamps creation and update dates.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the random source used to route an alias by weight: returns a number in [0, 1).</summary>
    public Func<double> RoutingSample { get; init; } = Random.Shared.NextDouble;

    /// <summary>Gets the source of new revision ids (random GUIDs by default).</summary>
    public Func<string> NewRevisionId { get; init; } = () => Guid.NewGuid().ToString();
}
