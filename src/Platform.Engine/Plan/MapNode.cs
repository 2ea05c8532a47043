using System.Globalization;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Paths;
using Platform.Engine.Execution;
using Platform.Engine.History;
using Platform.Engine.Plan.Jsonata;
using Platform.Engine.Tasks;

namespace Platform.Engine.Plan;

/// <summary>Map: runs the processor once per item (ItemsPath, ItemSelector with <c>$$.Map.Item</c>), with MaxConcurrency and
/// tolerated failures; the result is the array of iteration outputs in item order.</summary>
/// <remarks>A distributed Map runs its items as child executions of a Map Run where the host has them
/// (<see cref="ExecutionInput.MapRunChildren"/>, the durable host), and inline, with the same data flow, elsewhere.</remarks>
internal sealed class MapNode : RetryingNode
{
    private readonly DataPath _itemsPath;
    private readonly Template? _itemSelector;
    private readonly JsonPath? _maxConcurrencyPath;
    private readonly JsonPath? _toleratedCountPath;
    private readonly JsonPath? _toleratedPercentagePath;
    private readonly int _maxConcurrency;
    private readonly double? _toleratedCount;
    private readonly double? _toleratedPercentage;
    private readonly JsonataTemplate? _items;
    private readonly JsonataTemplate? _jsonataSelector;
    private readonly JsonataTemplate? _maxConcurrencyExpression;
    private readonly JsonataTemplate? _toleratedCountExpression;
    private readonly JsonataTemplate? _toleratedPercentageExpression;
    private readonly MapItemReader? _reader;
    private readonly MapItemBatcher? _batcher;
    private readonly MapResultWriter? _writer;

    public MapNode(MapState state, CompiledMachine processor)
        : base(state, state, state.ResultPath, state.ResultSelector)
    {
        Processor = processor;
        _itemsPath = DataPath.Compile(state.ItemsPath ?? "$");
        _itemSelector = Template.Compile(state.ItemSelector);
        _maxConcurrency = state.MaxConcurrency is JNumber n ? (int)Math.Min(n.Value, int.MaxValue) : 0;
        _toleratedCount = (state.ToleratedFailureCount as JNumber)?.Value;
        _toleratedPercentage = (state.ToleratedFailurePercentage as JNumber)?.Value;
        if (IsJsonata)
        {
            _itemSelector = null;
            _items = JsonataTemplate.Compile(state.Items, "Items");
            _jsonataSelector = JsonataTemplate.Compile(state.ItemSelector, "ItemSelector");
            _maxConcurrencyExpression = Expression(state.MaxConcurrency, "MaxConcurrency");
            _toleratedCountExpression = Expression(state.ToleratedFailureCount, "ToleratedFailureCount");
            _toleratedPercentageExpression = Expression(state.ToleratedFailurePercentage, "ToleratedFailurePercentage");
        }

        _reader = MapItemReader.Compile(state, IsJsonata);
        _batcher = MapItemBatcher.Compile(state, IsJsonata);
        _writer = MapResultWriter.Compile(state, IsJsonata);
        _maxConcurrencyPath = Parse(state.MaxConcurrencyPath);
        _toleratedCountPath = Parse(state.ToleratedFailureCountPath);
        _toleratedPercentagePath = Parse(state.ToleratedFailurePercentagePath);
    }

    public CompiledMachine Processor { get; }

    protected override async ValueTask<StepResult> AttemptAsync(JNode input, BranchRun run, int attempt)
    {
        JNode effective;
        JArray? items = null;
        (JObject Request, long Limit) read = default;
        IReadOnlyDictionary<string, JNode>? bindings = null;
        int maxConcurrency;
        double? toleratedCount, toleratedPercentage;
        if (IsJsonata)
        {
            effective = input;
            bindings = JsonataBindings.Create(run, input);
            if (_reader is not null)
            {
                read = _reader.Prepare(run, input, bindings);
            }
            else
            {
                var itemsNode = _items is null ? input : _items.Evaluate(bindings, JsonKind.Array);
                items = itemsNode as JArray
                    ?? throw new StatesException(StatesErrors.QueryEvaluationError, $"Map state input must be an array but was: {itemsNode}");
            }

            maxConcurrency = _maxConcurrencyExpression is null ? _maxConcurrency : (int)Math.Min(NonNegative(_maxConcurrencyExpression, bindings), int.MaxValue);
            toleratedCount = _toleratedCountExpression is null ? _toleratedCount : NonNegative(_toleratedCountExpression, bindings);
            toleratedPercentage = _toleratedPercentageExpression is null ? _toleratedPercentage : ((JNumber)_toleratedPercentageExpression.Evaluate(bindings, JsonKind.Number)).Value;
        }
        else
        {
            effective = InputPath.Select(run, input);
            if (_reader is not null)
            {
                // ItemsPath is ignored when a reader gives the items (as recorded on AWS).
                read = _reader.Prepare(run, effective, null);
            }
            else
            {
                var itemsNode = _itemsPath.Select(run, effective);
                items = itemsNode as JArray
                    ?? throw new StatesException(StatesErrors.Runtime, $"Map state input must be an array but was: {itemsNode}");
            }

            maxConcurrency = _maxConcurrencyPath is null ? _maxConcurrency : ResolveMaxConcurrency(run, effective);
            toleratedCount = _toleratedCountPath is null ? _toleratedCount : ResolveToleratedCount(run, effective);
            toleratedPercentage = _toleratedPercentagePath is null ? _toleratedPercentage : ResolveToleratedPercentage(run, effective);
        }

        if (toleratedPercentage is < 0 or > 100)
        {
            throw new StatesException(StatesErrors.Runtime, "ToleratedFailurePercentage must be between 0 and 100.");
        }

        var history = run.Execution.History;
        bool mapRun = ((MapState)Definition).Mode == MapMode.Distributed && run.Execution.Info.MapRunChildren;
        JNode[] inputs;
        if (_reader is not null)
        {
            // AWS's MapStateStarted says length 0 when the items come from a reader, and a Map Run reads them once started.
            run.Record(HistoryEventTypes.MapStateStarted, history.Enabled ? new JObject(["length"], [JNode.From(0)]) : null);
            if (mapRun)
            {
                return await RunMapRunAsync(run, input, effective, bindings, async () => Inputs(run, input, effective, bindings, await _reader.ReadAsync(run, read)), maxConcurrency, toleratedCount, toleratedPercentage);
            }

            try
            {
                inputs = Inputs(run, input, effective, bindings, await _reader.ReadAsync(run, read));
            }
            catch (StatesException ex)
            {
                return FailStarted(run, ex, mapRun: false);
            }
        }
        else
        {
            inputs = Inputs(run, input, effective, bindings, items!);
            run.Record(HistoryEventTypes.MapStateStarted, history.Enabled ? new JObject(["length"], [JNode.From(items!.Count)]) : null);
            if (mapRun)
            {
                return await RunMapRunAsync(run, input, effective, bindings, () => new ValueTask<JNode[]>(inputs), maxConcurrency, toleratedCount, toleratedPercentage);
            }
        }

        long startedId = run.LastEventId;
        bool tolerant = toleratedCount is not null || toleratedPercentage is not null;

        int failures = 0;
        var startedAt = run.Now;
        var outcomes = await FanOut.RunAsync(
            inputs.Length,
            maxConcurrency,
            (i, token) => RunIterationAsync(run, inputs[i], i, startedId, token),
            o =>
            {
                if (!o.Failed || o.Aborted)
                {
                    return false;
                }

                failures++;
                return !tolerant || Exceeds(failures, inputs.Length, toleratedCount, toleratedPercentage);
            },
            run.Cancellation);

        run.Cancellation.ThrowIfCancellationRequested();
        if (!tolerant)
        {
            foreach (var outcome in outcomes)
            {
                if (outcome.Failed && !outcome.Aborted)
                {
                    run.Record(HistoryEventTypes.MapStateFailed, null);
                    return StepResult.Fail(outcome.Error, outcome.Cause);
                }
            }
        }
        else if (Exceeds(failures, inputs.Length, toleratedCount, toleratedPercentage))
        {
            run.Record(HistoryEventTypes.MapStateFailed, null);
            return StepResult.Fail(StatesErrors.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded");
        }

        JNode result = Results(outcomes);
        if (_writer is not null)
        {
            try
            {
                result = await WriteInlineResultsAsync(run, effective, bindings, inputs, outcomes, startedAt);
            }
            catch (StatesException ex)
            {
                run.Record(HistoryEventTypes.MapStateFailed, null);
                return StepResult.Fail(ex.Error, CauseOf(run, ex));
            }
        }

        run.Record(HistoryEventTypes.MapStateSucceeded, null);
        return Complete(run, input, result);
    }

    /// <summary>Gives a succeeding inline Map's results to its ResultWriter, each iteration named as a Map Run would name
    /// its child (its dates those of the Map), and returns the Map's result.</summary>
    private async ValueTask<JNode> WriteInlineResultsAsync(BranchRun run, JNode effective, IReadOnlyDictionary<string, JNode>? bindings, JNode[] inputs, BranchOutcome[] outcomes, DateTime startedAt)
    {
        var info = run.Execution.Info;
        var (machine, mapRunArn) = MapRunNames(run);
        string stateMachineArn = $"arn:aws:states:{info.Region}:{info.Account}:stateMachine:{machine}";
        var records = new MapItemRecord[inputs.Length];
        for (int i = 0; i < records.Length; i++)
        {
            string name = run.NewGuid().ToString();
            string arn = $"arn:aws:states:{info.Region}:{info.Account}:execution:{machine}:{name}";
            records[i] = new MapItemRecord(arn, name, stateMachineArn, inputs[i], outcomes[i], startedAt, run.Now);
        }

        return await _writer!.WriteAsync(run, effective, bindings, mapRunArn, records);
    }

    /// <summary>The Map Run's state machine (<c>&lt;machine&gt;/&lt;Label or a generated one&gt;</c>) and ARN, from replay-safe GUIDs.</summary>
    private (string Machine, string MapRunArn) MapRunNames(BranchRun run)
    {
        var info = run.Execution.Info;
        string root = info.StateMachineName.Split('/')[0];
        string label = ((MapState)Definition).Label ?? run.NewGuid().ToString("N")[..8];
        string machine = root + "/" + label;
        return (machine, $"arn:aws:states:{info.Region}:{info.Account}:mapRun:{machine}:{run.NewGuid()}");
    }

    /// <summary>Ends a Map whose items failed to come once it had started (the reader's read or parse, or ItemSelector or
    /// the ItemBatcher on what it read): the Map Run fails with it, if there is one, then the Map. As recorded on AWS, the
    /// reader's cause is its own; a runtime error's names the state, as everywhere.</summary>
    private static StepResult FailStarted(BranchRun run, StatesException ex, bool mapRun)
    {
        string cause = ex.Error == StatesErrors.ItemReaderFailed ? ex.Cause : CauseOf(run, ex);
        if (mapRun)
        {
            run.Record(HistoryEventTypes.MapRunFailed, run.Execution.History.Enabled ? EventDetails.Error(ex.Error, cause) : null);
        }

        run.Record(HistoryEventTypes.MapStateFailed, null);
        return StepResult.Fail(ex.Error, cause);
    }

    /// <summary>What each iteration gets: the items through ItemSelector (with <c>$$.Map.Item</c>), then grouped by the
    /// ItemBatcher, if any.</summary>
    private JNode[] Inputs(BranchRun run, JNode input, JNode effective, IReadOnlyDictionary<string, JNode>? bindings, JArray items)
    {
        var inputs = new JNode[items.Count];
        for (int i = 0; i < inputs.Length; i++)
        {
            if (_itemSelector is null && _jsonataSelector is null)
            {
                inputs[i] = items[i];
                continue;
            }

            run.SetMapItem(i, items[i]);
            inputs[i] = _jsonataSelector is not null
                ? _jsonataSelector.Evaluate(JsonataBindings.Create(run, input))
                : _itemSelector!.Evaluate(run, effective);
            CheckInputSize(run, inputs[i]);
        }

        run.ClearMapItem();
        if (_batcher is not null)
        {
            inputs = _batcher.Batch(run, effective, bindings, inputs);
            foreach (var batch in inputs)
            {
                CheckInputSize(run, batch);
            }
        }

        return inputs;
    }

    /// <summary>The Map's result: each item's output in item order, and <c>{Error, Cause}</c> where a failure was tolerated.</summary>
    private JArray Results(BranchOutcome[] outcomes)
    {
        var results = new JNode[outcomes.Length];
        for (int i = 0; i < outcomes.Length; i++)
        {
            var outcome = outcomes[i];
            if (outcome.Aborted)
            {
                throw new InvalidOperationException($"Iteration {i} of '{Name}' was aborted although the Map was not stopped.");
            }

            results[i] = outcome.Failed
                ? new JObject(["Error", "Cause"], [outcome.Error is null ? JNode.Null : JNode.From(outcome.Error), JNode.From(outcome.Cause ?? string.Empty)])
                : outcome.Output!;
        }

        return new JArray(results);
    }

    private static JsonataTemplate? Expression(JNode? value, string field) =>
        value is not null && JsonataTemplate.ExpressionText(value) is not null ? JsonataTemplate.Compile(value, field) : null;

    private static double NonNegative(JsonataTemplate expression, IReadOnlyDictionary<string, JNode> bindings)
    {
        var value = expression.Evaluate(bindings, JsonKind.Number);
        return value is JNumber n && n.TryGetInt64(out long v) && v >= 0
            ? v
            : throw new StatesException(StatesErrors.QueryEvaluationError, $"Expected a non-negative integer, but was: {value}");
    }

    private static bool Exceeds(int failures, int total, double? count, double? percentage) =>
        (count is { } c && failures > c) || (percentage is { } p && total > 0 && failures * 100.0 / total > p);

    private async ValueTask<BranchOutcome> RunIterationAsync(BranchRun run, JNode input, int index, long startedId, CancellationToken token)
    {
        // A distributed Map's iterations are child executions: they cannot read the outer scope's variables.
        var scope = new VariableScope(((MapState)Definition).Mode == MapMode.Distributed ? null : run.Variables);
        var iteration = new BranchRun(run.Execution, scope, startedId, token);
        var history = run.Execution.History;
        iteration.Record(HistoryEventTypes.MapIterationStarted, history.Enabled ? IterationDetails(index) : null);
        BranchOutcome outcome;
        try
        {
            var running = Processor.RunAsync(input, iteration);
            outcome = running.IsCompletedSuccessfully ? running.Result : await running;
        }
        finally
        {
            scope.Release();
        }

        string type = outcome.Aborted ? HistoryEventTypes.MapIterationAborted
            : outcome.Failed ? HistoryEventTypes.MapIterationFailed
            : HistoryEventTypes.MapIterationSucceeded;
        iteration.Record(type, history.Enabled ? IterationDetails(index) : null);
        return outcome;
    }

    /// <summary>A distributed Map on a host with child executions: a Map Run whose children each run the processor on one
    /// item, as executions of their own (their states are in their own histories; this one records MapRunStarted and how the
    /// run ended). As on AWS, a failure beyond the tolerated threshold (0 unless set) fails the Map with
    /// States.ExceedToleratedFailureThreshold, and a tolerated one leaves <c>{Error, Cause}</c> in its place.</summary>
    private async ValueTask<StepResult> RunMapRunAsync(BranchRun run, JNode input, JNode effective, IReadOnlyDictionary<string, JNode>? bindings, Func<ValueTask<JNode[]>> prepare, int maxConcurrency, double? toleratedCount, double? toleratedPercentage)
    {
        var info = run.Execution.Info;
        var state = (MapState)Definition;
        var (machine, mapRunArn) = MapRunNames(run);
        string orchestration = run.Execution.Context.Name is { Length: > 0 } name ? name : machine[..machine.IndexOf('/', StringComparison.Ordinal)];
        var mapRun = new MapRunChild { MapState = state.Pointer, ParentExecutionArn = info.MapRun?.ParentExecutionArn ?? info.ExecutionArn, MapRunArn = mapRunArn };
        var history = run.Execution.History;
        run.Record(HistoryEventTypes.MapRunStarted, history.Enabled ? new JObject(["mapRunArn"], [JNode.From(mapRunArn)]) : null);
        JNode[] inputs;
        try
        {
            inputs = await prepare();
        }
        catch (StatesException ex)
        {
            return FailStarted(run, ex, mapRun: true);
        }

        var children = new ExecutionInput[inputs.Length];
        for (int i = 0; i < children.Length; i++)
        {
            children[i] = new ExecutionInput
            {
                Input = inputs[i],
                Name = run.NewGuid().ToString(),
                StateMachineName = machine,
                Region = info.Region,
                Account = info.Account,
                RoleArn = info.RoleArn,
                RecordHistory = info.RecordHistory,
                MaxHistoryEvents = info.MaxHistoryEvents,
                ContinueAsNewAfterEvents = info.ContinueAsNewAfterEvents,
                MapRunChildren = true,
                MapRun = mapRun,
            };
        }

        int failures = 0;
        var started = new bool[children.Length];
        var ends = new JObject?[children.Length];
        var startedAt = run.Now;
        var outcomes = await FanOut.RunAsync(
            children.Length,
            maxConcurrency,
            (i, token) =>
            {
                started[i] = true;
                return RunChildAsync(run, orchestration, children, ends, i, token);
            },
            o =>
            {
                if (!o.Failed || o.Aborted)
                {
                    return false;
                }

                failures++;
                return Exceeds(failures, children.Length, toleratedCount ?? 0, toleratedPercentage);
            },
            run.Cancellation);

        run.Cancellation.ThrowIfCancellationRequested();
        if (Exceeds(failures, children.Length, toleratedCount ?? 0, toleratedPercentage))
        {
            const string Cause = "The specified tolerated failure threshold was exceeded";

            // The Map Run fails, and AWS aborts its children still running (MapRunExecutionCounts.aborted counts them), also
            // when a Catch lets the parent go on: the fan-out stopped waiting for them, the host stops them.
            var running = new List<string>();
            for (int i = 0; i < children.Length; i++)
            {
                if (started[i] && outcomes[i].Aborted)
                {
                    running.Add(children[i].ExecutionArn);
                }
            }

            if (running.Count > 0)
            {
                await run.Execution.Context.StopSubOrchestrationsAsync(running);
            }

            run.Record(HistoryEventTypes.MapRunFailed, history.Enabled ? EventDetails.Error(StatesErrors.ExceedToleratedFailureThreshold, Cause) : null);
            run.Record(HistoryEventTypes.MapStateFailed, null);
            return StepResult.Fail(StatesErrors.ExceedToleratedFailureThreshold, Cause);
        }

        JNode result = Results(outcomes);
        if (_writer is not null)
        {
            try
            {
                result = await _writer.WriteAsync(run, effective, bindings, mapRunArn, Records());
            }
            catch (StatesException ex)
            {
                return FailStarted(run, ex, mapRun: true);
            }
        }

        run.Record(HistoryEventTypes.MapRunSucceeded, null);
        run.Record(HistoryEventTypes.MapStateSucceeded, null);
        return Complete(run, input, result);

        // What the ResultWriter writes of each child: its names, and its dates as its end reported them.
        MapItemRecord[] Records()
        {
            string stateMachineArn = $"arn:aws:states:{info.Region}:{info.Account}:stateMachine:{machine}";
            var records = new MapItemRecord[children.Length];
            for (int i = 0; i < records.Length; i++)
            {
                var child = children[i];
                records[i] = new MapItemRecord(
                    child.ExecutionArn, child.Name, stateMachineArn, inputs[i], outcomes[i],
                    Date(ends[i]?["startedAt"]) ?? startedAt, Date(ends[i]?["endedAt"]) ?? run.Now);
            }

            return records;
        }

        static DateTime? Date(JNode? value) =>
            value is JString text && DateTime.TryParse(text.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    /// <summary>Runs one child execution of a Map Run and returns how it ended. A redrive of the parent while the child's
    /// end is not (or no longer) counted — it failed, and the redrive superseded that — starts the item again as a new child
    /// (which takes the item's place in <paramref name="children"/>).</summary>
    private static async ValueTask<BranchOutcome> RunChildAsync(BranchRun run, string orchestration, ExecutionInput[] children, JObject?[] ends, int index, CancellationToken token)
    {
        var context = run.Execution.Context;
        while (true)
        {
            var child = children[index];
            var redrive = context.RedriveToken;
            var call = context.CallSubOrchestratorAsync<JNode>(orchestration, child.ExecutionArn, child).AsTask();
            var interrupted = new TaskCompletionSource();
            using (token.Register(() => interrupted.TrySetResult()))
            using (redrive.Register(() => interrupted.TrySetResult()))
            {
                await Task.WhenAny(call, interrupted.Task);
            }

            if (!call.IsCompleted)
            {
                if (token.IsCancellationRequested)
                {
                    return BranchOutcome.Abort();
                }

                children[index] = child with { Name = run.NewGuid().ToString() };
                continue;
            }

            JObject end;
            try
            {
                end = (JObject)await call;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var failed = TaskOutcome.FromException(ex);
                return BranchOutcome.Failure(failed.Error, failed.Cause);
            }

            ends[index] = end;
            return (end["status"] as JString)?.Value == "Succeeded"
                ? BranchOutcome.Success(end["output"] ?? JNode.Null)
                : BranchOutcome.Failure((end["error"] as JString)?.Value, (end["cause"] as JString)?.Value);
        }
    }

    private JObject IterationDetails(int index) => new(["name", "index"], [JNode.From(Name), JNode.From(index)]);

    private int ResolveMaxConcurrency(BranchRun run, JNode effective)
    {
        var value = Resolve(run, _maxConcurrencyPath!, effective);
        if (TryInteger(value, out long v) && v >= 0)
        {
            return (int)Math.Min(v, int.MaxValue);
        }

        throw new StatesException(StatesErrors.Runtime, $"The MaxConcurrencyPath field refers to value \"{Describe(value)}\" which is not a valid integer: {_maxConcurrencyPath!.Text}");
    }

    private double ResolveToleratedCount(BranchRun run, JNode effective)
    {
        var value = Resolve(run, _toleratedCountPath!, effective);
        if (TryInteger(value, out long v) && v >= 0)
        {
            return v;
        }

        throw new StatesException(StatesErrors.Runtime, $"The ToleratedFailureCountPath field refers to value \"{Describe(value)}\" which is not a valid integer: {_toleratedCountPath!.Text}");
    }

    private double ResolveToleratedPercentage(BranchRun run, JNode effective)
    {
        var value = Resolve(run, _toleratedPercentagePath!, effective);
        return value is JNumber n ? n.Value
            : value is JString s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && double.IsFinite(parsed) ? parsed
            : throw new StatesException(StatesErrors.Runtime, $"The ToleratedFailurePercentagePath field refers to value \"{Describe(value)}\" which is not a valid float: {_toleratedPercentagePath!.Text}");
    }


    private static string Describe(JNode value) => value is JString s ? s.Value : value.ToString();


    private static JsonPath? Parse(string? text) => text is null ? null : JsonPath.Parse(text);
}
