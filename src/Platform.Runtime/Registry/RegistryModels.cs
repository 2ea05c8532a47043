namespace Platform.Runtime.Registry;

/// <summary>The type of a state machine.</summary>
public enum StateMachineType
{
    /// <summary>STANDARD: exactly-once, long-running workflows.</summary>
    Standard,

    /// <summary>EXPRESS: at-least-once, short workflows.</summary>
    Express,
}

/// <summary>The status of a state machine.</summary>
public enum StateMachineStatus
{
    /// <summary>ACTIVE.</summary>
    Active,

    /// <summary>DELETING (deletion is immediate here, so this is never observed; kept for the API shape).</summary>
    Deleting,
}

/// <summary>A CreateStateMachine request.</summary>
/// <param name="Name">The name (1–80 characters, no whitespace, wildcards, brackets or separators).</param>
/// <param name="Definition">The ASL text, kept exactly as given.</param>
/// <param name="RoleArn">The IAM role the executions run as.</param>
public sealed record CreateStateMachineRequest(string Name, string Definition, string RoleArn)
{
    /// <summary>Gets the type (STANDARD by default).</summary>
    public StateMachineType Type { get; init; } = StateMachineType.Standard;

    /// <summary>Gets a value indicating whether to publish version 1 at once.</summary>
    public bool Publish { get; init; }

    /// <summary>Gets the description of the published version (only with <see cref="Publish"/>).</summary>
    public string? VersionDescription { get; init; }
}

/// <summary>The answer to CreateStateMachine.</summary>
/// <param name="StateMachineArn">The state machine's ARN.</param>
/// <param name="CreationDate">When it was created.</param>
/// <param name="StateMachineVersionArn">The version published with it, if any.</param>
public sealed record CreateStateMachineResult(string StateMachineArn, DateTimeOffset CreationDate, string? StateMachineVersionArn);

/// <summary>An UpdateStateMachine request: at least one of <see cref="Definition"/> and <see cref="RoleArn"/>.</summary>
/// <param name="StateMachineArn">The (unqualified) state machine ARN.</param>
public sealed record UpdateStateMachineRequest(string StateMachineArn)
{
    /// <summary>Gets the new definition, or null to keep it.</summary>
    public string? Definition { get; init; }

    /// <summary>Gets the new role, or null to keep it.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Gets a value indicating whether to publish the resulting revision as a version.</summary>
    public bool Publish { get; init; }

    /// <summary>Gets the description of the published version (only with <see cref="Publish"/>).</summary>
    public string? VersionDescription { get; init; }
}

/// <summary>The answer to UpdateStateMachine.</summary>
/// <param name="UpdateDate">When it was updated.</param>
/// <param name="RevisionId">The revision now current.</param>
/// <param name="StateMachineVersionArn">The version published, if any.</param>
public sealed record UpdateStateMachineResult(DateTimeOffset UpdateDate, string RevisionId, string? StateMachineVersionArn);

/// <summary>The answer to DescribeStateMachine, for a state machine or one of its versions.</summary>
/// <param name="StateMachineArn">The ARN asked for (a version ARN for a version).</param>
/// <param name="Name">The state machine's name.</param>
/// <param name="Status">The status.</param>
/// <param name="Definition">The ASL text as given.</param>
/// <param name="RoleArn">The role.</param>
/// <param name="Type">The type.</param>
/// <param name="CreationDate">When the state machine (or the version) was created.</param>
/// <param name="UpdateDate">When the state machine was last updated (null for versions and never-updated machines).</param>
/// <param name="RevisionId">The revision described.</param>
/// <param name="Description">The version's description (versions only).</param>
public sealed record StateMachineDescription(
    string StateMachineArn,
    string Name,
    StateMachineStatus Status,
    string Definition,
    string RoleArn,
    StateMachineType Type,
    DateTimeOffset CreationDate,
    DateTimeOffset? UpdateDate,
    string RevisionId,
    string? Description);

/// <summary>One state machine in ListStateMachines.</summary>
/// <param name="StateMachineArn">The ARN.</param>
/// <param name="Name">The name.</param>
/// <param name="Type">The type.</param>
/// <param name="CreationDate">When it was created.</param>
public sealed record StateMachineListItem(string StateMachineArn, string Name, StateMachineType Type, DateTimeOffset CreationDate);

/// <summary>The answer to PublishStateMachineVersion.</summary>
/// <param name="StateMachineVersionArn">The version's ARN.</param>
/// <param name="CreationDate">When the version was created (the original date when publishing was idempotent).</param>
public sealed record PublishStateMachineVersionResult(string StateMachineVersionArn, DateTimeOffset CreationDate);

/// <summary>One version in ListStateMachineVersions.</summary>
/// <param name="StateMachineVersionArn">The version's ARN.</param>
/// <param name="CreationDate">When it was published.</param>
public sealed record StateMachineVersionListItem(string StateMachineVersionArn, DateTimeOffset CreationDate);

/// <summary>One entry of an alias's routing configuration.</summary>
/// <param name="StateMachineVersionArn">The version routed to.</param>
/// <param name="Weight">The percentage of executions routed to it (0–100).</param>
public sealed record RoutingConfigurationEntry(string StateMachineVersionArn, int Weight);

/// <summary>The answer to CreateStateMachineAlias.</summary>
/// <param name="StateMachineAliasArn">The alias ARN.</param>
/// <param name="CreationDate">When it was created.</param>
public sealed record CreateStateMachineAliasResult(string StateMachineAliasArn, DateTimeOffset CreationDate);

/// <summary>The answer to DescribeStateMachineAlias.</summary>
/// <param name="StateMachineAliasArn">The alias ARN.</param>
/// <param name="Name">The alias name.</param>
/// <param name="Description">The description, if any.</param>
/// <param name="RoutingConfiguration">The versions routed to, in the order given.</param>
/// <param name="CreationDate">When it was created.</param>
/// <param name="UpdateDate">When it was last updated, if ever.</param>
public sealed record StateMachineAliasDescription(
    string StateMachineAliasArn,
    string Name,
    string? Description,
    IReadOnlyList<RoutingConfigurationEntry> RoutingConfiguration,
    DateTimeOffset CreationDate,
    DateTimeOffset? UpdateDate);

/// <summary>One alias in ListStateMachineAliases.</summary>
/// <param name="StateMachineAliasArn">The alias ARN.</param>
/// <param name="CreationDate">When it was created.</param>
public sealed record StateMachineAliasListItem(string StateMachineAliasArn, DateTimeOffset CreationDate);

/// <summary>One page of a listing.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items of this page.</param>
/// <param name="NextToken">The opaque token of the next page, or null on the last page.</param>
public sealed record RegistryPage<T>(IReadOnlyList<T> Items, string? NextToken);

/// <summary>What an execution should run, resolved from a state machine, version or alias ARN.</summary>
/// <param name="StateMachineArn">The unqualified state machine ARN.</param>
/// <param name="StateMachineVersionArn">The version run (null when the latest revision is run).</param>
/// <param name="StateMachineAliasArn">The alias the version was chosen through, if any.</param>
/// <param name="Definition">The ASL text to run.</param>
/// <param name="RoleArn">The role to run as.</param>
/// <param name="Type">The state machine's type.</param>
/// <param name="RevisionId">The revision run.</param>
public sealed record ResolvedStateMachine(
    string StateMachineArn,
    string? StateMachineVersionArn,
    string? StateMachineAliasArn,
    string Definition,
    string RoleArn,
    StateMachineType Type,
    string RevisionId);
