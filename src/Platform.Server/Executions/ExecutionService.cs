using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Platform.Asl.Json;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Runtime.Durable;
using Platform.Runtime.Registry;
using Platform.Server.Api;
using Platform.Server.Hosting;

namespace Platform.Server.Executions;

/// <summary>Executions of registry state machines: Standard ones on the durable host, Express ones in memory.</summary>
/// <remarks>
/// Every state machine is registered with the durable host under its name, with a resolver that gives each execution the
/// revision pinned for it in the <see cref="ExecutionStore"/> when it started. So an UpdateStateMachine never changes a
/// running execution, a restart resumes each execution on its own definition, and executions that a Task starts
/// (<c>states:startExecution</c>, <c>.sync</c>), which the host registers by state machine name, get the machine's revision
/// of the moment they start, pinned the same way.
/// </remarks>
internal sealed class ExecutionService(
    PlatformServerOptions options, StateMachineRegistry registry, DurableHost durable, ExecutionStore store, ExpressExecutions express)
{
    /// <summary>AWS's limit on execution input and task output, in UTF-8 bytes.</summary>
    public const int MaxPayloadBytes = 262_144;

    private readonly ConcurrentDictionary<string, StateMachineOrchestrator> _compiled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _registered = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim[] _startLocks = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Gets the durable host.</summary>
    public DurableHost Durable => durable;

    /// <summary>Registers every state machine of the registry, and every state machine with unfinished executions (even
    /// deleted ones), with the durable host; call before the host starts, so it resumes them all.</summary>
    public void RegisterExisting()
    {
        string? token = null;
        do
        {
            var page = registry.ListStateMachines(1000, token);
            foreach (var machine in page.Items)
            {
                EnsureRegistered(machine.Name);
            }

            token = page.NextToken;
        }
        while (token is not null);

        token = null;
        do
        {
            var (running, next) = durable.ListExecutions(null, DurableStatus.Running, 1000, token);
            foreach (var execution in running)
            {
                EnsureRegistered(execution.Orchestration);
            }

            token = next;
        }
        while (token is not null);
    }

    /// <summary>Registers a state machine name with the durable host (once).</summary>
    public void EnsureRegistered(string stateMachineName)
    {
        if (_registered.TryAdd(stateMachineName, true))
        {
            durable.RegisterStateMachine(stateMachineName, Resolve);
        }
    }

    /// <summary>StartExecution: Standard on the durable host (idempotent for a running execution of the same name and
    /// input), Express in memory.</summary>
    public async Task<(string ExecutionArn, DateTimeOffset StartDate)> StartAsync(string stateMachineArn, string? name, string? inputText)
    {
        var (resolved, input, executionName) = Prepare(stateMachineArn, name, inputText);
        if (resolved.Type == StateMachineType.Express)
        {
            var started = StartExpress(resolved, input, executionName);
            return (started.Arn, started.StartDate);
        }

        var machine = ParseMachineArn(resolved.StateMachineArn);
        var executionInput = new ExecutionInput
        {
            Input = input, Name = executionName, StateMachineName = machine.Name, Region = machine.Region, Account = machine.Account, RoleArn = resolved.RoleArn,
        };
        string arn = executionInput.ExecutionArn;
        var gate = _startLocks[(int)((uint)StringComparer.Ordinal.GetHashCode(arn) % (uint)_startLocks.Length)];
        await gate.WaitAsync();
        try
        {
            if (Existing(arn, input) is { } existing)
            {
                return existing;
            }

            var revision = Keep(resolved);
            Compile(revision.Key);
            EnsureRegistered(machine.Name);
            var now = options.TimeProvider.GetUtcNow();

            // The journal has no such execution, so an index row of that ARN is a leftover (e.g. a removed journal): replace it.
            store.PinExecution(new IndexedExecution(arn, resolved.StateMachineArn, resolved.StateMachineVersionArn, resolved.StateMachineAliasArn, revision.Key, now), replace: true);
            try
            {
                await durable.StartExecutionAsync(machine.Name, executionInput, arn);
            }
            catch (InvalidOperationException) when (durable.GetExecution(arn) is not null)
            {
                // Started meanwhile by a Task of another execution (states:startExecution with this name).
                return Existing(arn, input) ?? throw new ApiException(ApiErrorCodes.ExecutionAlreadyExists, $"Execution Already Exists: '{arn}'");
            }

            var execution = durable.GetExecution(arn);
            return (arn, execution is null ? now : Utc(execution.CreatedAt));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>StartSyncExecution: runs an Express execution to its end.</summary>
    public async Task<ExpressExecution> StartSyncAsync(string stateMachineArn, string? name, string? inputText)
    {
        var (resolved, input, executionName) = Prepare(stateMachineArn, name, inputText);
        if (resolved.Type != StateMachineType.Express)
        {
            throw new ApiException(ApiErrorCodes.StateMachineTypeNotSupported,
                $"This operation is not supported by STANDARD state machines: '{resolved.StateMachineArn}' is STANDARD; use StartExecution.");
        }

        var execution = StartExpress(resolved, input, executionName, inline: true);
        await execution.Run;
        return execution;
    }

    /// <summary>DescribeExecution.</summary>
    public ExecutionView Describe(string executionArn)
    {
        var arn = ExecutionArn.Parse(executionArn, "executionArn");
        if (arn.IsExpress)
        {
            return View(express.Get(executionArn) ?? throw NoExecution(executionArn));
        }

        var execution = Mine(arn) ? durable.GetExecution(executionArn) : null;
        return View(execution ?? throw NoExecution(executionArn), store.GetExecution(executionArn));
    }

    /// <summary>DescribeStateMachineForExecution: the revision an execution runs.</summary>
    public (StoredRevision Revision, string Name) RevisionOf(string executionArn)
    {
        var arn = ExecutionArn.Parse(executionArn, "executionArn");
        if (arn.IsExpress)
        {
            var execution = express.Get(executionArn) ?? throw NoExecution(executionArn);
            return (execution.Revision, arn.StateMachineName);
        }

        if (!Mine(arn) || durable.GetExecution(executionArn) is null)
        {
            throw NoExecution(executionArn);
        }

        // Every execution of this server is pinned when it starts (executions started by a Task, when they first run).
        var indexed = store.GetExecution(executionArn);
        var revision = indexed is null ? null : store.GetRevision(indexed.RevisionKey);
        return revision is null
            ? throw new ApiException(ApiErrorCodes.ExecutionDoesNotExist, $"Execution Does Not Exist: '{executionArn}' has no recorded definition (it has not run yet).")
            : (revision, arn.StateMachineName);
    }

    /// <summary>ListExecutions of a state machine, version or alias ARN, newest first.</summary>
    public (IReadOnlyList<ExecutionView> Executions, string? NextToken) List(string stateMachineArn, string? statusFilter, int maxResults, string? nextToken)
    {
        var resolvedType = TypeOf(stateMachineArn, out var qualifier, out string machineArn);
        string scope = stateMachineArn;
        if (resolvedType == StateMachineType.Express)
        {
            int offset = nextToken is null ? 0 : int.Parse(DecodeToken(nextToken, "express", scope), CultureInfo.InvariantCulture);
            var matching = express.Of(machineArn)
                .Where(e => qualifier is null || (qualifier == Qualifier.Version ? e.VersionArn == stateMachineArn : e.AliasArn == stateMachineArn))
                .Select(View)
                .Where(v => statusFilter is null || v.Status == statusFilter)
                .Skip(offset)
                .Take(maxResults + 1)
                .ToList();
            string? next = matching.Count > maxResults ? EncodeToken("express", scope, (offset + maxResults).ToString(CultureInfo.InvariantCulture)) : null;
            return (matching.Take(maxResults).ToList(), next);
        }

        DurableStatus? status = statusFilter is null ? null : DurableStatusOf(statusFilter);
        if (statusFilter is not null && status is null)
        {
            // PENDING_REDRIVE: nothing here is waiting to be redriven.
            return ([], null);
        }

        if (qualifier is null)
        {
            string? hostToken = nextToken is null ? null : DecodeToken(nextToken, "executions", scope);
            try
            {
                var name = ParseMachineArn(machineArn).Name;
                var (page, next) = durable.ListExecutions(name, status, maxResults, hostToken, mapRunChildren: false);
                return (page.Select(e => View(e, store.GetExecution(e.InstanceId))).ToList(), next is null ? null : EncodeToken("executions", scope, next));
            }
            catch (ArgumentException)
            {
                throw BadToken();
            }
        }

        // By version or alias: the index knows which executions were started through it.
        (long Ticks, string Arn)? after = null;
        if (nextToken is not null)
        {
            string position = DecodeToken(nextToken, "qualified", scope);
            int bar = position.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || !long.TryParse(position[..bar], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks))
            {
                throw BadToken();
            }

            after = (ticks, position[(bar + 1)..]);
        }

        var views = new List<ExecutionView>();
        string? nextPosition = null;
        while (true)
        {
            var rows = store.ListByQualifier(qualifier == Qualifier.Alias, stateMachineArn, after, 200);
            foreach (var row in rows)
            {
                if (durable.GetExecution(row.ExecutionArn) is not { } execution || (status is not null && execution.Status != status))
                {
                    continue;
                }

                if (views.Count == maxResults)
                {
                    nextPosition = $"{views[^1].StartDate.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{views[^1].ExecutionArn}";
                    return (views, EncodeToken("qualified", scope, nextPosition));
                }

                views.Add(View(execution, row));
            }

            if (rows.Count < 200)
            {
                return (views, null);
            }

            after = (rows[^1].StartedAt.UtcTicks, rows[^1].ExecutionArn);
        }
    }

    /// <summary>GetExecutionHistory: one page of AWS history events (as the host records them) and the next token.</summary>
    public (IReadOnlyList<JObject> Events, string? NextToken) History(string executionArn, int maxResults, bool reverseOrder, string? nextToken)
    {
        var arn = ExecutionArn.Parse(executionArn, "executionArn");
        if (arn.IsExpress)
        {
            var execution = express.Get(executionArn) ?? throw NoExecution(executionArn);
            var events = execution.History.Snapshot().Select(e => e.ToAwsJson()).ToList();
            if (reverseOrder)
            {
                events.Reverse();
            }

            int start = nextToken is null ? 0 : int.Parse(DecodeToken(nextToken, "history", executionArn), CultureInfo.InvariantCulture);
            var page = events.Skip(start).Take(maxResults).ToList();
            return (page, start + page.Count < events.Count ? EncodeToken("history", executionArn, (start + page.Count).ToString(CultureInfo.InvariantCulture)) : null);
        }

        if (!Mine(arn) || durable.GetExecution(executionArn) is null)
        {
            throw NoExecution(executionArn);
        }

        try
        {
            var found = durable.GetHistoryPage(executionArn, maxResults, reverseOrder, nextToken);
            return found is { } page ? (page.Events, page.NextToken) : ([], null);
        }
        catch (ArgumentException)
        {
            throw BadToken();
        }
    }

    /// <summary>RedriveExecution: restarts a failed, timed-out or aborted Standard execution from what did not succeed.</summary>
    public async Task<DateTimeOffset> RedriveAsync(string executionArn)
    {
        var arn = ExecutionArn.Parse(executionArn, "executionArn");
        if (arn.IsExpress)
        {
            _ = express.Get(executionArn) ?? throw NoExecution(executionArn);
            throw new ApiException(ApiErrorCodes.ExecutionNotRedrivable, $"Execution '{executionArn}' is an Express execution; only Standard executions can be redriven.");
        }

        if (!Mine(arn))
        {
            throw NoExecution(executionArn);
        }

        try
        {
            return Utc(await durable.RedriveExecutionAsync(executionArn));
        }
        catch (ExecutionOperationException refused)
        {
            throw new ApiException(refused.Code, refused.Message);
        }
    }

    /// <summary>StopExecution: aborts a running execution; returns when the stop is recorded (or after a few seconds).</summary>
    public async Task<DateTimeOffset> StopAsync(string executionArn, string? error, string? cause)
    {
        var arn = ExecutionArn.Parse(executionArn, "executionArn");
        if (arn.IsExpress)
        {
            var execution = express.Get(executionArn) ?? throw NoExecution(executionArn);
            if (!execution.Stop(error, cause))
            {
                throw Ended(executionArn, View(execution).Status);
            }

            await execution.Run;
            return execution.StopDate ?? options.TimeProvider.GetUtcNow();
        }

        var current = (Mine(arn) ? durable.GetExecution(executionArn) : null) ?? throw NoExecution(executionArn);
        if (current.Status != DurableStatus.Running || !await durable.StopExecutionAsync(executionArn, error, cause))
        {
            throw Ended(executionArn, StatusName(durable.GetExecution(executionArn)?.Status ?? current.Status));
        }

        // The stop is an event the execution processes; wait briefly so a DescribeExecution right after sees ABORTED.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            var ended = await durable.WaitForCompletionAsync(executionArn, wait.Token);
            return Utc(ended.UpdatedAt);
        }
        catch (OperationCanceledException)
        {
            return options.TimeProvider.GetUtcNow();
        }
    }

    /// <summary>Parses an execution input (null: <c>{}</c>).</summary>
    public static JNode ParseInput(string? text, string field, string code)
    {
        if (text is null)
        {
            return JObject.Empty;
        }

        try
        {
            return JsonParser.Parse(text);
        }
        catch (JsonParseException ex)
        {
            throw new ApiException(code, $"Invalid {field}: not valid JSON at line {ex.Line.ToString(CultureInfo.InvariantCulture)}, column {ex.Column.ToString(CultureInfo.InvariantCulture)}: {ex.Reason}.");
        }
    }

    /// <summary>The AWS status name of a durable status.</summary>
    public static string StatusName(DurableStatus status) => status switch
    {
        DurableStatus.Running => "RUNNING",
        DurableStatus.Succeeded => "SUCCEEDED",
        DurableStatus.TimedOut => "TIMED_OUT",
        DurableStatus.Aborted => "ABORTED",
        _ => "FAILED",
    };

    private static string StatusName(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        _ => "FAILED",
    };

    private static DurableStatus? DurableStatusOf(string name) => name switch
    {
        "RUNNING" => DurableStatus.Running,
        "SUCCEEDED" => DurableStatus.Succeeded,
        "FAILED" => DurableStatus.Failed,
        "TIMED_OUT" => DurableStatus.TimedOut,
        "ABORTED" => DurableStatus.Aborted,
        _ => null,
    };

    private (ResolvedStateMachine Resolved, JNode Input, string Name) Prepare(string stateMachineArn, string? name, string? inputText)
    {
        if (name is not null && RegistryNames.NameProblem(name) is { } problem)
        {
            throw new ApiException(ApiErrorCodes.InvalidName, $"Invalid Name: '{ApiRequest.Shorten(name)}': the execution name {problem}.");
        }

        var input = ParseInput(inputText, "State Machine Execution Input", ApiErrorCodes.InvalidExecutionInput);
        var resolved = registry.Resolve(stateMachineArn);
        return (resolved, input, name ?? RandomIds.NewString());
    }

    private ExpressExecution StartExpress(ResolvedStateMachine resolved, JNode input, string name, bool inline = false)
    {
        var revision = Keep(resolved, persist: false);
        var orchestrator = Compile(revision);
        var machine = ParseMachineArn(resolved.StateMachineArn);
        var executionInput = new ExecutionInput
        {
            Input = input, Name = name, StateMachineName = machine.Name, Region = machine.Region, Account = machine.Account, RoleArn = resolved.RoleArn,
        };
        return express.Start(revision, orchestrator, executionInput, resolved.StateMachineVersionArn, resolved.StateMachineAliasArn, inline);
    }

    /// <summary>The durable host's resolver: the revision pinned for the execution, or (for an execution a Task started)
    /// the state machine's current revision, pinned now.</summary>
    private StateMachineOrchestrator Resolve(ExecutionInput input)
    {
        // A Map Run's child runs on the revision of the execution whose Map state started it.
        string arn = input.MapRun?.ParentExecutionArn ?? input.ExecutionArn;
        var indexed = store.GetExecution(arn);
        if (indexed is null)
        {
            var resolved = registry.Resolve(input.StateMachineArn);
            var revision = Keep(resolved);
            store.PinExecution(new IndexedExecution(arn, resolved.StateMachineArn, null, null, revision.Key, options.TimeProvider.GetUtcNow()), replace: false);
            indexed = store.GetExecution(arn)!;
        }

        return Compile(indexed.RevisionKey);
    }

    private StoredRevision Keep(ResolvedStateMachine resolved, bool persist = true)
    {
        var revision = new StoredRevision(
            ExecutionStore.RevisionKey(resolved.StateMachineArn, resolved.RevisionId), resolved.StateMachineArn, resolved.RevisionId,
            resolved.Definition, resolved.RoleArn, options.TimeProvider.GetUtcNow());
        if (persist)
        {
            store.SaveRevision(revision);
            return store.GetRevision(revision.Key) ?? revision;
        }

        return revision;
    }

    private StateMachineOrchestrator Compile(string revisionKey) => _compiled.GetOrAdd(revisionKey, key =>
    {
        var revision = store.GetRevision(key) ?? throw new InvalidOperationException($"The revision '{key}' is not in the execution index.");
        return CompileText(revision.Definition, revision.StateMachineArn);
    });

    private StateMachineOrchestrator Compile(StoredRevision revision) =>
        _compiled.GetOrAdd(revision.Key, _ => CompileText(revision.Definition, revision.StateMachineArn));

    private static StateMachineOrchestrator CompileText(string definition, string stateMachineArn)
    {
        try
        {
            return StateMachineOrchestrator.FromText(definition);
        }
        catch (NotSupportedException ex)
        {
            throw new ApiException(ApiErrorCodes.ValidationException, $"The definition of '{stateMachineArn}' uses a feature this engine does not run: {ex.Message}");
        }
    }

    private (string ExecutionArn, DateTimeOffset StartDate)? Existing(string arn, JNode input)
    {
        var execution = durable.GetExecution(arn);
        if (execution is null)
        {
            return null;
        }

        // AWS's rule for Standard: the same name and input as a running execution is the same request; anything else is taken.
        if (execution.Status == DurableStatus.Running && JNode.DeepEquals(execution.Input, input))
        {
            return (arn, Utc(execution.CreatedAt));
        }

        throw new ApiException(ApiErrorCodes.ExecutionAlreadyExists, execution.Status == DurableStatus.Running
            ? $"Execution Already Exists: '{arn}' is running with a different input."
            : $"Execution Already Exists: '{arn}' ({StatusName(execution.Status)}); execution names cannot be reused.");
    }

    private StateMachineType TypeOf(string stateMachineArn, out Qualifier? qualifier, out string machineArn)
    {
        // The registry validates the ARN and tells what it names (machine, version or alias); each must exist.
        var parts = stateMachineArn.Split(':');
        if (parts.Length == 8 && !parts[7].All(char.IsAsciiDigit))
        {
            var alias = registry.DescribeStateMachineAlias(stateMachineArn);
            qualifier = Qualifier.Alias;
            machineArn = alias.StateMachineAliasArn[..alias.StateMachineAliasArn.LastIndexOf(':')];
            return registry.DescribeStateMachine(machineArn).Type;
        }

        var description = registry.DescribeStateMachine(stateMachineArn);
        qualifier = parts.Length == 8 ? Qualifier.Version : null;
        machineArn = registry.StateMachineArnFor(description.Name);
        return description.Type;
    }

    private bool Mine(ExecutionArn arn) => arn.Region == options.Region && arn.Account == options.AccountId;

    private static (string Region, string Account, string Name) ParseMachineArn(string arn)
    {
        var parts = arn.Split(':');
        return (parts[3], parts[4], parts[6]);
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static ExecutionView View(DurableExecution execution, IndexedExecution? indexed)
    {
        var arn = ExecutionArn.Parse(execution.InstanceId, "executionArn");
        bool ended = execution.Status != DurableStatus.Running;
        return new ExecutionView(
            execution.InstanceId, arn.StateMachineArn, arn.Name, StatusName(execution.Status), Utc(execution.CreatedAt),
            ended ? Utc(execution.UpdatedAt) : null, execution.Input, execution.Output, execution.Error, execution.Cause,
            indexed?.VersionArn, indexed?.AliasArn)
        {
            RedriveCount = execution.RedriveCount,
            RedriveDate = execution.RedriveDate is { } redriven ? Utc(redriven) : null,
            RedriveStatus = execution.RedriveStatus,
            RedriveStatusReason = execution.RedriveStatusReason,
        };
    }

    private static ExecutionView View(ExpressExecution execution)
    {
        var result = execution.Result;
        return new ExecutionView(
            execution.Arn, execution.Revision.StateMachineArn, execution.Input.Name, result is null ? "RUNNING" : StatusName(result.Status),
            execution.StartDate, execution.StopDate, execution.InputJson, result?.Output, result?.Error, result?.Cause, execution.VersionArn, execution.AliasArn);
    }

    private static ApiException NoExecution(string arn) => new(ApiErrorCodes.ExecutionDoesNotExist, $"Execution Does Not Exist: '{ApiRequest.Shorten(arn)}'");

    private static ApiException Ended(string arn, string status) =>
        new(ApiErrorCodes.ValidationException, $"Execution '{arn}' has already ended ({status}); only a RUNNING execution can be stopped.");

    private static ApiException BadToken() => new(ApiErrorCodes.InvalidToken, "Invalid Token: the nextToken is not one this listing returned.");

    private static string EncodeToken(string kind, string scope, string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{kind}\n{scope}\n{position}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string DecodeToken(string token, string kind, string scope)
    {
        try
        {
            string padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('\n', 3);
            if (parts.Length == 3 && parts[0] == kind && parts[1] == scope && parts[2].Length > 0
                && (kind is not ("express" or "history") || int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                return parts[2];
            }
        }
        catch (FormatException)
        {
            // Reported below.
        }

        throw BadToken();
    }

    private enum Qualifier
    {
        Version,
        Alias,
    }
}

/// <summary>An execution as DescribeExecution and ListExecutions show it.</summary>
internal sealed record ExecutionView(
    string ExecutionArn,
    string StateMachineArn,
    string Name,
    string Status,
    DateTimeOffset StartDate,
    DateTimeOffset? StopDate,
    JNode Input,
    JNode? Output,
    string? Error,
    string? Cause,
    string? VersionArn,
    string? AliasArn)
{
    /// <summary>Gets how many times the execution was redriven.</summary>
    public int RedriveCount { get; init; }

    /// <summary>Gets the last redrive's time.</summary>
    public DateTimeOffset? RedriveDate { get; init; }

    /// <summary>Gets <c>REDRIVABLE</c>, <c>NOT_REDRIVABLE</c> or <c>REDRIVABLE_BY_MAP_RUN</c>, when known.</summary>
    public string? RedriveStatus { get; init; }

    /// <summary>Gets why an execution cannot be redriven.</summary>
    public string? RedriveStatusReason { get; init; }
}
