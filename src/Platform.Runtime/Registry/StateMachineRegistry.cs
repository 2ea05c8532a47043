using System.Globalization;
using Microsoft.Data.Sqlite;
using Platform.Runtime.Integrations;
using Platform.Asl.Parsing;

namespace Platform.Runtime.Registry;

/// <summary>
/// The registry of state machines, their published versions and their aliases, with the semantics of the AWS Step Functions
/// API operations of the same names. Persists in one SQLite file (WAL mode).
/// </summary>
/// <remarks>
/// Safe for concurrent callers: every change runs in one <c>BEGIN IMMEDIATE</c> transaction (serialized in process by a lock,
/// and across processes by SQLite), and every read runs in one snapshot transaction. ListStateMachines and
/// ListStateMachineAliases are ordered by name; ListStateMachineVersions newest first.
/// </remarks>
public sealed class StateMachineRegistry : IDisposable
{
    /// <summary>The longest version or alias description, in characters.</summary>
    public const int MaxDescriptionLength = 256;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS state_machines (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            definition TEXT NOT NULL,
            role_arn TEXT NOT NULL,
            revision_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER,
            next_version INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE IF NOT EXISTS versions (
            machine_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            definition TEXT NOT NULL,
            role_arn TEXT NOT NULL,
            revision_id TEXT NOT NULL,
            description TEXT,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (machine_id, number)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS aliases (
            machine_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            description TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER,
            PRIMARY KEY (machine_id, name)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS alias_routes (
            machine_id INTEGER NOT NULL,
            alias_name TEXT NOT NULL,
            position INTEGER NOT NULL,
            version_number INTEGER NOT NULL,
            weight INTEGER NOT NULL,
            PRIMARY KEY (machine_id, alias_name, position)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS routes_by_version ON alias_routes (machine_id, version_number);
        """;

    private const string MachineColumns = "id, name, type, definition, role_arn, revision_id, created_at, updated_at, next_version";

    private static readonly string[] MachineChildTables = ["alias_routes", "aliases", "versions"];

    private static readonly string[] DeleteAliasStatements =
    [
        "DELETE FROM alias_routes WHERE machine_id = $id AND alias_name = $name;",
        "DELETE FROM aliases WHERE machine_id = $id AND name = $name;",
    ];

    private readonly SqliteDatabase _database;
    private readonly StateMachineRegistryOptions _options;
    private readonly Lock _writeLock = new();

    /// <summary>What <see cref="Resolve"/> answered for state machine and version ARNs (not aliases, which route by
    /// chance each time), with the <see cref="_generation"/> it was read at: StartSyncExecution resolves its ARN on every
    /// request, and a SQLite read costs more than the rest of a small Express execution.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Generation, ResolvedStateMachine Resolved)> _resolved = new(StringComparer.Ordinal);

    /// <summary>Counts the writes of this registry (raised after each commits), so an answer read before a write is never used after it.</summary>
    private long _generation;

    /// <summary>Initializes a new instance of the <see cref="StateMachineRegistry"/> class, creating the file and schema when missing.</summary>
    /// <param name="options">The file, ARN region and account, clock and random source.</param>
    public StateMachineRegistry(StateMachineRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.DatabasePath);
        _options = options;
        _database = new SqliteDatabase(options.DatabasePath, Schema);
    }

    /// <summary>Gets the SQLite file.</summary>
    public string DatabasePath => _options.DatabasePath;

    /// <summary>Returns the ARN a state machine of that name has (or would have) in this registry.</summary>
    /// <param name="name">The state machine name.</param>
    public string StateMachineArnFor(string name) => RegistryNames.StateMachineArn(_options.Region, _options.AccountId, name);

    // ---------------------------------------------------------------- state machines

    /// <summary>CreateStateMachine: validates the name, role and definition and stores the state machine, optionally publishing version 1.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The ARN and creation date (the existing ones when an identical state machine exists).</returns>
    /// <exception cref="RegistryException">InvalidName, InvalidArn, InvalidDefinition, StateMachineAlreadyExists, ValidationException.</exception>
    public CreateStateMachineResult CreateStateMachine(CreateStateMachineRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RegistryNames.NameProblem(request.Name) is { } problem)
        {
            throw new RegistryException(RegistryErrorCodes.InvalidName, $"Invalid Name: '{request.Name}': the name {problem}.");
        }

        CheckRoleArn(request.RoleArn);
        CheckVersionDescription(request.VersionDescription, request.Publish);
        CheckDefinition(request.Definition);
        string type = TypeName(request.Type);
        string arn = StateMachineArnFor(request.Name);

        return Write((connection, transaction) =>
        {
            var existing = FindMachine(connection, transaction, request.Name);
            if (existing is not null)
            {
                if (existing.Definition != request.Definition || existing.Type != request.Type || existing.RoleArn != request.RoleArn)
                {
                    throw new RegistryException(RegistryErrorCodes.StateMachineAlreadyExists,
                        $"State Machine Already Exists: '{arn}' exists with a different definition, type or roleArn.");
                }

                string? existingVersion = request.Publish ? PublishCore(connection, transaction, existing, request.VersionDescription).StateMachineVersionArn : null;
                return new CreateStateMachineResult(arn, existing.CreationDate, existingVersion);
            }

            var now = Now();
            string revision = _options.NewRevisionId();
            using (var insert = Command(connection, transaction,
                "INSERT INTO state_machines (name, type, definition, role_arn, revision_id, created_at) VALUES ($name, $type, $definition, $role, $revision, $now);",
                ("$name", request.Name), ("$type", type), ("$definition", request.Definition), ("$role", request.RoleArn), ("$revision", revision), ("$now", now.UtcTicks)))
            {
                insert.ExecuteNonQuery();
            }

            string? versionArn = null;
            if (request.Publish)
            {
                var created = FindMachine(connection, transaction, request.Name)!;
                versionArn = PublishCore(connection, transaction, created, request.VersionDescription).StateMachineVersionArn;
            }

            return new CreateStateMachineResult(arn, now, versionArn);
        });
    }

    /// <summary>UpdateStateMachine: replaces the definition and/or role; a change makes a new revision. Optionally publishes the result.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The update date, the current revision and the published version, if any.</returns>
    /// <exception cref="RegistryException">InvalidArn, InvalidDefinition, StateMachineDoesNotExist, ValidationException.</exception>
    public UpdateStateMachineResult UpdateStateMachine(UpdateStateMachineRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arn = ParseUnqualified(request.StateMachineArn, "stateMachineArn", "UpdateStateMachine");
        if (request.Definition is null && request.RoleArn is null)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException,
                "Either the definition or the roleArn must be specified to update a state machine.");
        }

        if (request.Definition is not null)
        {
            CheckDefinition(request.Definition);
        }

        if (request.RoleArn is not null)
        {
            CheckRoleArn(request.RoleArn);
        }

        CheckVersionDescription(request.VersionDescription, request.Publish);
        return Write((connection, transaction) =>
        {
            var machine = RequireMachine(connection, transaction, arn, request.StateMachineArn);
            string definition = request.Definition ?? machine.Definition;
            string role = request.RoleArn ?? machine.RoleArn;
            bool changed = definition != machine.Definition || role != machine.RoleArn;
            string revision = changed ? _options.NewRevisionId() : machine.RevisionId;
            var now = Now();
            using (var update = Command(connection, transaction,
                "UPDATE state_machines SET definition = $definition, role_arn = $role, revision_id = $revision, updated_at = $now WHERE id = $id;",
                ("$definition", definition), ("$role", role), ("$revision", revision), ("$now", now.UtcTicks), ("$id", machine.Id)))
            {
                update.ExecuteNonQuery();
            }

            string? versionArn = null;
            if (request.Publish)
            {
                var updated = machine with { Definition = definition, RoleArn = role, RevisionId = revision };
                versionArn = PublishCore(connection, transaction, updated, request.VersionDescription).StateMachineVersionArn;
            }

            return new UpdateStateMachineResult(now, revision, versionArn);
        });
    }

    /// <summary>DescribeStateMachine: describes a state machine (its latest revision) or, given a version ARN, that version.</summary>
    /// <param name="stateMachineArn">A state machine ARN or a version ARN.</param>
    /// <returns>The description.</returns>
    /// <exception cref="RegistryException">InvalidArn, StateMachineDoesNotExist, ValidationException (for an alias ARN).</exception>
    public StateMachineDescription DescribeStateMachine(string stateMachineArn)
    {
        var arn = ParsedArn.Parse(stateMachineArn, "stateMachineArn");
        if (arn.Alias is not null)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException,
                $"'{stateMachineArn}' is an alias ARN; describe aliases with DescribeStateMachineAlias.");
        }

        return Read((connection, transaction) =>
        {
            var machine = RequireMachine(connection, transaction, arn, stateMachineArn);
            string machineArn = StateMachineArnFor(machine.Name);
            if (arn.Version is not { } number)
            {
                return new StateMachineDescription(machineArn, machine.Name, StateMachineStatus.Active, machine.Definition, machine.RoleArn,
                    machine.Type, machine.CreationDate, machine.UpdateDate, machine.RevisionId, null);
            }

            var version = RequireVersion(connection, transaction, machine, number, stateMachineArn);
            return new StateMachineDescription(stateMachineArn, machine.Name, StateMachineStatus.Active, version.Definition, version.RoleArn,
                machine.Type, version.CreationDate, null, version.RevisionId, version.Description);
        });
    }

    /// <summary>ListStateMachines: the state machines ordered by name, one page at a time.</summary>
    /// <param name="maxResults">The page size, 1–1000 (null or 0: 100).</param>
    /// <param name="nextToken">The token from the previous page, or null for the first.</param>
    /// <returns>One page and the token of the next.</returns>
    /// <exception cref="RegistryException">ValidationException (maxResults), InvalidToken.</exception>
    public RegistryPage<StateMachineListItem> ListStateMachines(int? maxResults = null, string? nextToken = null)
    {
        int size = PageToken.PageSize(maxResults);
        string scope = $"{_options.Region}:{_options.AccountId}";
        string after = PageToken.Decode(nextToken, "stateMachines", scope) ?? string.Empty;
        return Read((connection, transaction) =>
        {
            using var command = Command(connection, transaction,
                $"SELECT {MachineColumns} FROM state_machines WHERE name > $after ORDER BY name LIMIT $limit;",
                ("$after", after), ("$limit", size + 1));
            var items = new List<StateMachineListItem>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var machine = ReadMachine(reader);
                items.Add(new StateMachineListItem(StateMachineArnFor(machine.Name), machine.Name, machine.Type, machine.CreationDate));
            }

            return Paged(items, size, item => PageToken.Encode("stateMachines", scope, item.Name));
        });
    }

    /// <summary>DeleteStateMachine: removes the state machine with all its versions and aliases. Deleting a missing one succeeds.</summary>
    /// <param name="stateMachineArn">The (unqualified) state machine ARN.</param>
    /// <exception cref="RegistryException">InvalidArn, ValidationException (for a version or alias ARN).</exception>
    public void DeleteStateMachine(string stateMachineArn)
    {
        var arn = ParseUnqualified(stateMachineArn, "stateMachineArn", "DeleteStateMachine (use DeleteStateMachineVersion or DeleteStateMachineAlias)");
        Write((connection, transaction) =>
        {
            var machine = FindMachine(connection, transaction, arn);
            if (machine is null)
            {
                return 0;
            }

            foreach (string table in MachineChildTables)
            {
                using var delete = Command(connection, transaction, $"DELETE FROM {table} WHERE machine_id = $id;", ("$id", machine.Id));
                delete.ExecuteNonQuery();
            }

            using var deleteMachine = Command(connection, transaction, "DELETE FROM state_machines WHERE id = $id;", ("$id", machine.Id));
            return deleteMachine.ExecuteNonQuery();
        });
    }

    // ---------------------------------------------------------------- versions

    /// <summary>PublishStateMachineVersion: publishes the current revision as the next version number (never reused).
    /// When the current revision is already published, returns that version.</summary>
    /// <param name="stateMachineArn">The (unqualified) state machine ARN.</param>
    /// <param name="revisionId">When given, the revision the caller expects to publish; a different current revision is a conflict.</param>
    /// <param name="description">The version's description (at most 256 characters).</param>
    /// <returns>The version ARN and its creation date.</returns>
    /// <exception cref="RegistryException">InvalidArn, StateMachineDoesNotExist, ConflictException, ValidationException.</exception>
    public PublishStateMachineVersionResult PublishStateMachineVersion(string stateMachineArn, string? revisionId = null, string? description = null)
    {
        var arn = ParseUnqualified(stateMachineArn, "stateMachineArn", "PublishStateMachineVersion");
        CheckDescription(description, "description");
        return Write((connection, transaction) =>
        {
            var machine = RequireMachine(connection, transaction, arn, stateMachineArn);
            if (revisionId is not null && revisionId != machine.RevisionId)
            {
                throw new RegistryException(RegistryErrorCodes.ConflictException,
                    $"Failed to publish the state machine version: the revisionId '{revisionId}' is not the current revision '{machine.RevisionId}' of '{stateMachineArn}'.");
            }

            return PublishCore(connection, transaction, machine, description);
        });
    }

    /// <summary>ListStateMachineVersions: the versions of a state machine, newest first, one page at a time.</summary>
    /// <param name="stateMachineArn">The (unqualified) state machine ARN.</param>
    /// <param name="maxResults">The page size, 1–1000 (null or 0: 100).</param>
    /// <param name="nextToken">The token from the previous page, or null for the first.</param>
    /// <returns>One page and the token of the next.</returns>
    /// <exception cref="RegistryException">InvalidArn, StateMachineDoesNotExist, ValidationException, InvalidToken.</exception>
    public RegistryPage<StateMachineVersionListItem> ListStateMachineVersions(string stateMachineArn, int? maxResults = null, string? nextToken = null)
    {
        var arn = ParseUnqualified(stateMachineArn, "stateMachineArn", "ListStateMachineVersions");
        int size = PageToken.PageSize(maxResults);
        string? last = PageToken.Decode(nextToken, "versions", stateMachineArn);
        long before = long.MaxValue;
        if (last is not null && !long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out before))
        {
            throw new RegistryException(RegistryErrorCodes.InvalidToken, $"Invalid Token: '{nextToken}'.");
        }

        return Read((connection, transaction) =>
        {
            var machine = RequireMachine(connection, transaction, arn, stateMachineArn);
            string machineArn = StateMachineArnFor(machine.Name);
            using var command = Command(connection, transaction,
                "SELECT number, created_at FROM versions WHERE machine_id = $id AND number < $before ORDER BY number DESC LIMIT $limit;",
                ("$id", machine.Id), ("$before", before), ("$limit", size + 1));
            var items = new List<(long Number, StateMachineVersionListItem Item)>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                long number = reader.GetInt64(0);
                items.Add((number, new StateMachineVersionListItem(RegistryNames.VersionArn(machineArn, number), Date(reader.GetInt64(1)))));
            }

            var page = Paged(items, size, item => PageToken.Encode("versions", stateMachineArn, item.Number.ToString(CultureInfo.InvariantCulture)));
            return new RegistryPage<StateMachineVersionListItem>([.. page.Items.Select(i => i.Item)], page.NextToken);
        });
    }

    /// <summary>DeleteStateMachineVersion: removes a version; refused while an alias routes to it. Deleting a missing one succeeds.</summary>
    /// <param name="stateMachineVersionArn">The version ARN.</param>
    /// <exception cref="RegistryException">InvalidArn, ValidationException (not a version ARN), ConflictException.</exception>
    public void DeleteStateMachineVersion(string stateMachineVersionArn)
    {
        var arn = ParsedArn.Parse(stateMachineVersionArn, "stateMachineVersionArn");
        if (arn.Version is not { } number)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException,
                $"'{stateMachineVersionArn}' is not a state machine version ARN (expected …:stateMachine:<name>:<version number>).");
        }

        Write((connection, transaction) =>
        {
            var machine = FindMachine(connection, transaction, arn);
            if (machine is null)
            {
                return 0;
            }

            var aliases = new List<string>();
            using (var routes = Command(connection, transaction,
                "SELECT DISTINCT alias_name FROM alias_routes WHERE machine_id = $id AND version_number = $number ORDER BY alias_name;",
                ("$id", machine.Id), ("$number", number)))
            using (var reader = routes.ExecuteReader())
            {
                while (reader.Read())
                {
                    aliases.Add(reader.GetString(0));
                }
            }

            if (aliases.Count > 0)
            {
                throw new RegistryException(RegistryErrorCodes.ConflictException,
                    $"Version '{stateMachineVersionArn}' can not be deleted: it is referenced by the alias(es) {string.Join(", ", aliases.Select(a => $"'{a}'"))}.");
            }

            using var delete = Command(connection, transaction, "DELETE FROM versions WHERE machine_id = $id AND number = $number;",
                ("$id", machine.Id), ("$number", number));
            return delete.ExecuteNonQuery();
        });
    }

    // ---------------------------------------------------------------- aliases

    /// <summary>CreateStateMachineAlias: an alias routing to one or two versions of one state machine by weight.
    /// Creating an identical alias again returns the existing one.</summary>
    /// <param name="name">The alias name (state machine name rules, and not a number).</param>
    /// <param name="routingConfiguration">One or two versions of the same state machine, weights 0–100 summing to 100.</param>
    /// <param name="description">The description (at most 256 characters).</param>
    /// <returns>The alias ARN and its creation date.</returns>
    /// <exception cref="RegistryException">InvalidName, InvalidArn, ValidationException, ConflictException.</exception>
    public CreateStateMachineAliasResult CreateStateMachineAlias(string name, IReadOnlyList<RoutingConfigurationEntry> routingConfiguration, string? description = null)
    {
        CheckAliasName(name);
        CheckDescription(description, "description");
        var (machineArn, routes) = CheckRouting(routingConfiguration);
        return Write((connection, transaction) =>
        {
            var machine = FindMachine(connection, transaction, machineArn)
                ?? throw new RegistryException(RegistryErrorCodes.ValidationException,
                    $"routingConfiguration routes to versions of '{RegistryNames.StateMachineArn(machineArn.Region, machineArn.Account, machineArn.Name)}', which does not exist.");
            RequireVersions(connection, transaction, machine, routes, routingConfiguration);
            string aliasArn = RegistryNames.AliasArn(StateMachineArnFor(machine.Name), name);
            var existing = FindAlias(connection, transaction, machine, name);
            if (existing is not null)
            {
                bool same = existing.Description == description && existing.Routes.SequenceEqual(routes);
                if (!same)
                {
                    throw new RegistryException(RegistryErrorCodes.ConflictException,
                        $"Alias '{aliasArn}' already exists with a different routingConfiguration or description.");
                }

                return new CreateStateMachineAliasResult(aliasArn, existing.CreationDate);
            }

            var now = Now();
            using (var insert = Command(connection, transaction,
                "INSERT INTO aliases (machine_id, name, description, created_at) VALUES ($id, $name, $description, $now);",
                ("$id", machine.Id), ("$name", name), ("$description", description), ("$now", now.UtcTicks)))
            {
                insert.ExecuteNonQuery();
            }

            InsertRoutes(connection, transaction, machine, name, routes);
            return new CreateStateMachineAliasResult(aliasArn, now);
        });
    }

    /// <summary>UpdateStateMachineAlias: replaces the routing configuration and/or the description.</summary>
    /// <param name="stateMachineAliasArn">The alias ARN.</param>
    /// <param name="routingConfiguration">The new routing, or null to keep it.</param>
    /// <param name="description">The new description, or null to keep it.</param>
    /// <returns>The update date.</returns>
    /// <exception cref="RegistryException">InvalidArn, ValidationException, ResourceNotFound.</exception>
    public DateTimeOffset UpdateStateMachineAlias(string stateMachineAliasArn, IReadOnlyList<RoutingConfigurationEntry>? routingConfiguration = null, string? description = null)
    {
        var arn = ParseAlias(stateMachineAliasArn);
        if (routingConfiguration is null && description is null)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException,
                "Either the routingConfiguration or the description must be specified to update an alias.");
        }

        CheckDescription(description, "description");
        (ParsedArn Machine, List<Route> Routes)? checkedRouting = routingConfiguration is null ? null : CheckRouting(routingConfiguration);
        if (checkedRouting is { } routing && routing.Machine.Name != arn.Name)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException,
                $"The routingConfiguration routes to versions of '{routing.Machine.Name}', but alias '{stateMachineAliasArn}' belongs to '{arn.Name}'.");
        }

        return Write((connection, transaction) =>
        {
            var (machine, alias) = RequireAlias(connection, transaction, arn, stateMachineAliasArn);
            var now = Now();
            using (var update = Command(connection, transaction,
                "UPDATE aliases SET description = $description, updated_at = $now WHERE machine_id = $id AND name = $name;",
                ("$description", description ?? alias.Description), ("$now", now.UtcTicks), ("$id", machine.Id), ("$name", alias.Name)))
            {
                update.ExecuteNonQuery();
            }

            if (checkedRouting is { } newRouting)
            {
                RequireVersions(connection, transaction, machine, newRouting.Routes, routingConfiguration!);
                using (var delete = Command(connection, transaction, "DELETE FROM alias_routes WHERE machine_id = $id AND alias_name = $name;",
                    ("$id", machine.Id), ("$name", alias.Name)))
                {
                    delete.ExecuteNonQuery();
                }

                InsertRoutes(connection, transaction, machine, alias.Name, newRouting.Routes);
            }

            return now;
        });
    }

    /// <summary>DescribeStateMachineAlias.</summary>
    /// <param name="stateMachineAliasArn">The alias ARN.</param>
    /// <returns>The alias with its routing configuration.</returns>
    /// <exception cref="RegistryException">InvalidArn, ValidationException, ResourceNotFound.</exception>
    public StateMachineAliasDescription DescribeStateMachineAlias(string stateMachineAliasArn)
    {
        var arn = ParseAlias(stateMachineAliasArn);
        return Read((connection, transaction) =>
        {
            var (machine, alias) = RequireAlias(connection, transaction, arn, stateMachineAliasArn);
            string machineArn = StateMachineArnFor(machine.Name);
            return new StateMachineAliasDescription(RegistryNames.AliasArn(machineArn, alias.Name), alias.Name, alias.Description,
                [.. alias.Routes.Select(r => new RoutingConfigurationEntry(RegistryNames.VersionArn(machineArn, r.Version), r.Weight))],
                alias.CreationDate, alias.UpdateDate);
        });
    }

    /// <summary>ListStateMachineAliases: the aliases of a state machine ordered by name (given a version ARN, those routing to it).</summary>
    /// <param name="stateMachineArn">A state machine ARN or a version ARN.</param>
    /// <param name="maxResults">The page size, 1–1000 (null or 0: 100).</param>
    /// <param name="nextToken">The token from the previous page, or null for the first.</param>
    /// <returns>One page and the token of the next.</returns>
    /// <exception cref="RegistryException">InvalidArn, ValidationException, ResourceNotFound, InvalidToken.</exception>
    public RegistryPage<StateMachineAliasListItem> ListStateMachineAliases(string stateMachineArn, int? maxResults = null, string? nextToken = null)
    {
        var arn = ParsedArn.Parse(stateMachineArn, "stateMachineArn");
        if (arn.Alias is not null)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException,
                $"'{stateMachineArn}' is an alias ARN; list aliases of a state machine ARN or a version ARN.");
        }

        int size = PageToken.PageSize(maxResults);
        string after = PageToken.Decode(nextToken, "aliases", stateMachineArn) ?? string.Empty;
        return Read((connection, transaction) =>
        {
            var machine = FindMachine(connection, transaction, arn)
                ?? throw new RegistryException(RegistryErrorCodes.ResourceNotFound, $"Resource not found: '{stateMachineArn}'.");
            if (arn.Version is { } number)
            {
                _ = RequireVersion(connection, transaction, machine, number, stateMachineArn, RegistryErrorCodes.ResourceNotFound);
            }

            string machineArn = StateMachineArnFor(machine.Name);
            string sql = arn.Version is null
                ? "SELECT name, created_at FROM aliases WHERE machine_id = $id AND name > $after ORDER BY name LIMIT $limit;"
                : """
                  SELECT a.name, a.created_at FROM aliases a WHERE a.machine_id = $id AND a.name > $after
                  AND EXISTS (SELECT 1 FROM alias_routes r WHERE r.machine_id = a.machine_id AND r.alias_name = a.name AND r.version_number = $version)
                  ORDER BY a.name LIMIT $limit;
                  """;
            using var command = Command(connection, transaction, sql,
                ("$id", machine.Id), ("$after", after), ("$limit", size + 1), ("$version", arn.Version ?? 0));
            var items = new List<(string Name, StateMachineAliasListItem Item)>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                string name = reader.GetString(0);
                items.Add((name, new StateMachineAliasListItem(RegistryNames.AliasArn(machineArn, name), Date(reader.GetInt64(1)))));
            }

            var page = Paged(items, size, item => PageToken.Encode("aliases", stateMachineArn, item.Name));
            return new RegistryPage<StateMachineAliasListItem>([.. page.Items.Select(i => i.Item)], page.NextToken);
        });
    }

    /// <summary>DeleteStateMachineAlias.</summary>
    /// <param name="stateMachineAliasArn">The alias ARN.</param>
    /// <exception cref="RegistryException">InvalidArn, ValidationException, ResourceNotFound.</exception>
    public void DeleteStateMachineAlias(string stateMachineAliasArn)
    {
        var arn = ParseAlias(stateMachineAliasArn);
        Write((connection, transaction) =>
        {
            var (machine, alias) = RequireAlias(connection, transaction, arn, stateMachineAliasArn);
            foreach (string sql in DeleteAliasStatements)
            {
                using var delete = Command(connection, transaction, sql, ("$id", machine.Id), ("$name", alias.Name));
                delete.ExecuteNonQuery();
            }

            return 0;
        });
    }

    // ---------------------------------------------------------------- executions

    /// <summary>Resolves what StartExecution should run: the latest revision for a state machine ARN, the version for a version
    /// ARN, or for an alias ARN one of its versions chosen by weight with <see cref="StateMachineRegistryOptions.RoutingSample"/>.</summary>
    /// <param name="arn">A state machine, version or alias ARN.</param>
    /// <returns>The definition and the ARNs it was resolved through.</returns>
    /// <exception cref="RegistryException">InvalidArn, StateMachineDoesNotExist, ResourceNotFound (alias).</exception>
    public ResolvedStateMachine Resolve(string arn)
    {
        long generation = Volatile.Read(ref _generation);
        if (_resolved.TryGetValue(arn, out var cached) && cached.Generation == generation)
        {
            return cached.Resolved;
        }

        var parsed = ParsedArn.Parse(arn, "stateMachineArn");
        var resolved = ResolveStored(arn, parsed);
        if (parsed.Alias is null)
        {
            if (_resolved.Count >= 4096)
            {
                _resolved.Clear();
            }

            _resolved[arn] = (generation, resolved);
        }

        return resolved;
    }

    private ResolvedStateMachine ResolveStored(string arn, ParsedArn parsed)
    {
        return Read((connection, transaction) =>
        {
            var machine = parsed.Alias is null
                ? RequireMachine(connection, transaction, parsed, arn)
                : FindMachine(connection, transaction, parsed) ?? throw AliasNotFound(arn);
            string machineArn = StateMachineArnFor(machine.Name);
            long? number = parsed.Version;
            string? aliasArn = null;
            if (parsed.Alias is not null)
            {
                var alias = FindAlias(connection, transaction, machine, parsed.Alias) ?? throw AliasNotFound(arn);
                number = PickRoute(alias.Routes);
                aliasArn = RegistryNames.AliasArn(machineArn, alias.Name);
            }

            if (number is not { } versionNumber)
            {
                return new ResolvedStateMachine(machineArn, null, null, machine.Definition, machine.RoleArn, machine.Type, machine.RevisionId);
            }

            var version = RequireVersion(connection, transaction, machine, versionNumber, arn);
            return new ResolvedStateMachine(machineArn, RegistryNames.VersionArn(machineArn, versionNumber), aliasArn,
                version.Definition, version.RoleArn, machine.Type, version.RevisionId);
        });
    }

    /// <inheritdoc />
    public void Dispose() => _database.ClearPool();

    // ---------------------------------------------------------------- validation

    private static void CheckDefinition(string? definition)
    {
        if (definition is null)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException, "The definition must be specified.");
        }

        var result = AslParser.Parse(definition);
        if (!result.IsValid)
        {
            var errors = result.Errors.Select(e => e.Line > 0 ? $"{e} (line {e.Line})" : e.ToString()).ToList();
            if (errors.Count == 0)
            {
                errors.Add("the definition is not valid");
            }

            throw new RegistryException(RegistryErrorCodes.InvalidDefinition, $"Invalid State Machine Definition: {string.Join("; ", errors)}");
        }
    }

    private static void CheckRoleArn(string? roleArn)
    {
        var parts = roleArn?.Split(':');
        if (roleArn is null || roleArn.Length > RegistryNames.MaxArnLength || parts!.Length < 6 || parts[0] != "arn" || parts[1].Length == 0
            || parts[2].Length == 0 || parts[5].Length == 0)
        {
            throw new RegistryException(RegistryErrorCodes.InvalidArn,
                $"Invalid Arn: '{roleArn}' in roleArn: expected an IAM role ARN such as arn:aws:iam::123456789012:role/MyRole.");
        }
    }

    private static void CheckDescription(string? description, string parameter)
    {
        if (description is not null && description.Length > MaxDescriptionLength)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException,
                $"1 validation error detected: Value at '{parameter}' failed to satisfy constraint: Member must have length less than or equal to {MaxDescriptionLength}.");
        }
    }

    private static void CheckVersionDescription(string? description, bool publish)
    {
        if (description is not null && !publish)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException, "versionDescription can only be set when publish is true.");
        }

        CheckDescription(description, "versionDescription");
    }

    private static void CheckAliasName(string? name)
    {
        if (RegistryNames.NameProblem(name) is { } problem)
        {
            throw new RegistryException(RegistryErrorCodes.InvalidName, $"Invalid Name: '{name}': the alias name {problem}.");
        }

        if (RegistryNames.IsNumber(name!))
        {
            throw new RegistryException(RegistryErrorCodes.InvalidName, $"Invalid Name: '{name}': an alias name must not be a number (numbers name versions).");
        }
    }

    /// <summary>Checks the shape of a routing configuration; the versions' existence is checked in the transaction.</summary>
    private static (ParsedArn Machine, List<Route> Routes) CheckRouting(IReadOnlyList<RoutingConfigurationEntry>? routing)
    {
        if (routing is null || routing.Count is < 1 or > 2)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException,
                $"routingConfiguration must have 1 or 2 entries (has {routing?.Count ?? 0}).");
        }

        ParsedArn? machine = null;
        var routes = new List<Route>();
        for (int i = 0; i < routing.Count; i++)
        {
            var entry = routing[i] ?? throw new RegistryException(RegistryErrorCodes.ValidationException, $"routingConfiguration[{i}] is null.");
            var arn = ParsedArn.Parse(entry.StateMachineVersionArn, $"routingConfiguration[{i}].stateMachineVersionArn");
            if (arn.Version is not { } number)
            {
                throw new RegistryException(RegistryErrorCodes.ValidationException,
                    $"routingConfiguration[{i}].stateMachineVersionArn '{entry.StateMachineVersionArn}' is not a version ARN.");
            }

            if (machine is not null && (machine.Name != arn.Name || machine.Region != arn.Region || machine.Account != arn.Account))
            {
                throw new RegistryException(RegistryErrorCodes.ValidationException,
                    "routingConfiguration must route to versions of one state machine.");
            }

            if (entry.Weight is < 0 or > 100)
            {
                throw new RegistryException(RegistryErrorCodes.ValidationException,
                    $"routingConfiguration[{i}].weight is {entry.Weight}; it must be between 0 and 100.");
            }

            if (routes.Any(r => r.Version == number))
            {
                throw new RegistryException(RegistryErrorCodes.ValidationException,
                    $"routingConfiguration routes to version {number} twice.");
            }

            machine = arn;
            routes.Add(new Route(number, entry.Weight));
        }

        int sum = routes.Sum(r => r.Weight);
        if (sum != 100)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException, $"routingConfiguration weights sum to {sum}; they must sum to 100.");
        }

        return (machine! with { Version = null }, routes);
    }

    private static void RequireVersions(SqliteConnection connection, SqliteTransaction transaction, MachineRow machine, List<Route> routes,
        IReadOnlyList<RoutingConfigurationEntry> routing)
    {
        for (int i = 0; i < routes.Count; i++)
        {
            if (FindVersion(connection, transaction, machine, routes[i].Version) is null)
            {
                throw new RegistryException(RegistryErrorCodes.ValidationException,
                    $"routingConfiguration[{i}].stateMachineVersionArn '{routing[i].StateMachineVersionArn}' does not exist.");
            }
        }
    }

    private static ParsedArn ParseUnqualified(string arn, string parameter, string operation)
    {
        var parsed = ParsedArn.Parse(arn, parameter);
        if (!parsed.IsUnqualified)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException,
                $"'{arn}' is a qualified (version or alias) ARN; {operation} takes an unqualified state machine ARN.");
        }

        return parsed;
    }

    private static ParsedArn ParseAlias(string arn)
    {
        var parsed = ParsedArn.Parse(arn, "stateMachineAliasArn");
        if (parsed.Alias is null)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException,
                $"'{arn}' is not a state machine alias ARN (expected …:stateMachine:<name>:<alias name>).");
        }

        return parsed;
    }

    private static RegistryException AliasNotFound(string arn) =>
        new(RegistryErrorCodes.ResourceNotFound, $"Resource not found: alias '{arn}' does not exist.");

    private long PickRoute(List<Route> routes)
    {
        double sample = _options.RoutingSample();
        double point = Math.Clamp(sample, 0, Math.BitDecrement(1.0)) * 100;
        int cumulative = 0;
        foreach (var route in routes)
        {
            cumulative += route.Weight;
            if (route.Weight > 0 && point < cumulative)
            {
                return route.Version;
            }
        }

        return routes.Last(r => r.Weight > 0).Version;
    }

    // ---------------------------------------------------------------- storage

    private PublishStateMachineVersionResult PublishCore(SqliteConnection connection, SqliteTransaction transaction, MachineRow machine, string? description)
    {
        string machineArn = StateMachineArnFor(machine.Name);
        using (var find = Command(connection, transaction,
            "SELECT number, created_at FROM versions WHERE machine_id = $id AND revision_id = $revision ORDER BY number DESC LIMIT 1;",
            ("$id", machine.Id), ("$revision", machine.RevisionId)))
        using (var reader = find.ExecuteReader())
        {
            if (reader.Read())
            {
                return new PublishStateMachineVersionResult(RegistryNames.VersionArn(machineArn, reader.GetInt64(0)), Date(reader.GetInt64(1)));
            }
        }

        long number;
        using (var next = Command(connection, transaction, "SELECT next_version FROM state_machines WHERE id = $id;", ("$id", machine.Id)))
        {
            number = (long)next.ExecuteScalar()!;
        }

        var now = Now();
        using (var insert = Command(connection, transaction,
            """
            INSERT INTO versions (machine_id, number, definition, role_arn, revision_id, description, created_at)
            VALUES ($id, $number, $definition, $role, $revision, $description, $now);
            UPDATE state_machines SET next_version = $number + 1 WHERE id = $id;
            """,
            ("$id", machine.Id), ("$number", number), ("$definition", machine.Definition), ("$role", machine.RoleArn),
            ("$revision", machine.RevisionId), ("$description", description), ("$now", now.UtcTicks)))
        {
            insert.ExecuteNonQuery();
        }

        return new PublishStateMachineVersionResult(RegistryNames.VersionArn(machineArn, number), now);
    }

    private static void InsertRoutes(SqliteConnection connection, SqliteTransaction transaction, MachineRow machine, string alias, List<Route> routes)
    {
        for (int i = 0; i < routes.Count; i++)
        {
            using var insert = Command(connection, transaction,
                "INSERT INTO alias_routes (machine_id, alias_name, position, version_number, weight) VALUES ($id, $name, $position, $version, $weight);",
                ("$id", machine.Id), ("$name", alias), ("$position", i), ("$version", routes[i].Version), ("$weight", routes[i].Weight));
            insert.ExecuteNonQuery();
        }
    }

    private MachineRow? FindMachine(SqliteConnection connection, SqliteTransaction transaction, ParsedArn arn) =>
        arn.Region == _options.Region && arn.Account == _options.AccountId ? FindMachine(connection, transaction, arn.Name) : null;

    private static MachineRow? FindMachine(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        using var command = Command(connection, transaction, $"SELECT {MachineColumns} FROM state_machines WHERE name = $name;", ("$name", name));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadMachine(reader) : null;
    }

    private MachineRow RequireMachine(SqliteConnection connection, SqliteTransaction transaction, ParsedArn arn, string text) =>
        FindMachine(connection, transaction, arn)
        ?? throw new RegistryException(RegistryErrorCodes.StateMachineDoesNotExist, $"State Machine Does Not Exist: '{StateMachineArnOf(arn, text)}'.");

    private static string StateMachineArnOf(ParsedArn arn, string text) =>
        arn.IsUnqualified ? text : RegistryNames.StateMachineArn(arn.Region, arn.Account, arn.Name);

    private static VersionRow? FindVersion(SqliteConnection connection, SqliteTransaction transaction, MachineRow machine, long number)
    {
        using var command = Command(connection, transaction,
            "SELECT definition, role_arn, revision_id, description, created_at FROM versions WHERE machine_id = $id AND number = $number;",
            ("$id", machine.Id), ("$number", number));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new VersionRow(number, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), Date(reader.GetInt64(4)))
            : null;
    }

    private static VersionRow RequireVersion(SqliteConnection connection, SqliteTransaction transaction, MachineRow machine, long number, string arn,
        string code = RegistryErrorCodes.StateMachineDoesNotExist) =>
        FindVersion(connection, transaction, machine, number)
        ?? throw new RegistryException(code, $"State Machine Version Does Not Exist: '{arn}' (version {number} of '{machine.Name}').");

    private static AliasRow? FindAlias(SqliteConnection connection, SqliteTransaction transaction, MachineRow machine, string name)
    {
        string? description;
        DateTimeOffset created;
        DateTimeOffset? updated;
        using (var command = Command(connection, transaction,
            "SELECT description, created_at, updated_at FROM aliases WHERE machine_id = $id AND name = $name;", ("$id", machine.Id), ("$name", name)))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            description = reader.IsDBNull(0) ? null : reader.GetString(0);
            created = Date(reader.GetInt64(1));
            updated = reader.IsDBNull(2) ? null : Date(reader.GetInt64(2));
        }

        var routes = new List<Route>();
        using (var command = Command(connection, transaction,
            "SELECT version_number, weight FROM alias_routes WHERE machine_id = $id AND alias_name = $name ORDER BY position;",
            ("$id", machine.Id), ("$name", name)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                routes.Add(new Route(reader.GetInt64(0), reader.GetInt32(1)));
            }
        }

        return new AliasRow(name, description, routes, created, updated);
    }

    private (MachineRow Machine, AliasRow Alias) RequireAlias(SqliteConnection connection, SqliteTransaction transaction, ParsedArn arn, string text)
    {
        var machine = FindMachine(connection, transaction, arn) ?? throw AliasNotFound(text);
        var alias = FindAlias(connection, transaction, machine, arn.Alias!) ?? throw AliasNotFound(text);
        return (machine, alias);
    }

    private static MachineRow ReadMachine(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        ParseType(reader.GetString(2)),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        Date(reader.GetInt64(6)),
        reader.IsDBNull(7) ? null : Date(reader.GetInt64(7)));

    private static RegistryPage<T> Paged<T>(List<T> items, int size, Func<T, string> token)
    {
        if (items.Count <= size)
        {
            return new RegistryPage<T>(items, null);
        }

        items.RemoveRange(size, items.Count - size);
        return new RegistryPage<T>(items, token(items[^1]));
    }

    private static string TypeName(StateMachineType type) => type switch
    {
        StateMachineType.Standard => "STANDARD",
        StateMachineType.Express => "EXPRESS",
        _ => throw new RegistryException(RegistryErrorCodes.ValidationException, $"Unknown state machine type {type}; expected STANDARD or EXPRESS."),
    };

    private static StateMachineType ParseType(string text) => text == "EXPRESS" ? StateMachineType.Express : StateMachineType.Standard;

    private static DateTimeOffset Date(long ticks) => new(ticks, TimeSpan.Zero);

    private DateTimeOffset Now() => _options.TimeProvider.GetUtcNow().ToUniversalTime();

    private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> body)
    {
        lock (_writeLock)
        {
            try
            {
                return _database.Write(body);
            }
            finally
            {
                Interlocked.Increment(ref _generation);
            }
        }
    }

    private T Read<T>(Func<SqliteConnection, SqliteTransaction, T> body) => _database.Read(body);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        SqliteDatabase.Command(connection, transaction, sql, parameters);

    private sealed record MachineRow(long Id, string Name, StateMachineType Type, string Definition, string RoleArn, string RevisionId,
        DateTimeOffset CreationDate, DateTimeOffset? UpdateDate);

    private sealed record VersionRow(long Number, string Definition, string RoleArn, string RevisionId, string? Description, DateTimeOffset CreationDate);

    private sealed record AliasRow(string Name, string? Description, List<Route> Routes, DateTimeOffset CreationDate, DateTimeOffset? UpdateDate);

    private readonly record struct Route(long Version, int Weight);
}
