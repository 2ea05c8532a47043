using System.Globalization;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Paths;
using Platform.Engine.Execution;
using Platform.Engine.Plan.Jsonata;

namespace Platform.Engine.Plan;

/// <summary>A state compiled once into an executor: its paths, templates and transitions are resolved ahead of time.</summary>
internal abstract class StateNode
{
    protected StateNode(StateDefinition definition)
    {
        Definition = definition;
        Name = definition.Name;
        EnteredType = definition.Type + "StateEntered";
        ExitedType = definition.Type + "StateExited";
        AbortedType = definition.Type is StateType.Task or StateType.Wait or StateType.Parallel or StateType.Map
            ? definition.Type + "StateAborted"
            : null;
        InputPath = DataPath.Compile(definition.InputPath);
        OutputPath = DataPath.Compile(definition.OutputPath);
        IsJsonata = definition.QueryLanguage == QueryLanguage.JSONata;
        Assign = definition.Assign is null || IsJsonata ? null : Template.Compile(definition.Assign);
        JsonataOutput = IsJsonata ? JsonataTemplate.Compile(definition.Output, "Output") : null;
        JsonataAssign = IsJsonata ? JsonataTemplate.Compile(definition.Assign, "Assign") : null;
    }

    public StateDefinition Definition { get; }

    public string Name { get; }

    public string EnteredType { get; }

    public string ExitedType { get; }

    /// <summary>Gets AWS's event for this state being stopped mid-way (Task, Wait, Parallel and Map have one).</summary>
    public string? AbortedType { get; }

    /// <summary>Gets the next state, or null when the state ends its machine (set when the machine is linked).</summary>
    public StateNode? Next { get; set; }

    /// <summary>Gets a value indicating whether the Context Object has a RetryCount for this state.</summary>
    public virtual bool Retriable => false;

    protected DataPath InputPath { get; }

    protected DataPath OutputPath { get; }

    protected Template? Assign { get; }

    /// <summary>Gets a value indicating whether the state's fields are JSONata (Output, Assign, Arguments, …).</summary>
    protected bool IsJsonata { get; }

    /// <summary>Gets the JSONata Output field, if any.</summary>
    protected JsonataTemplate? JsonataOutput { get; }

    /// <summary>Gets the JSONata Assign field, if any.</summary>
    protected JsonataTemplate? JsonataAssign { get; }

    /// <summary>Links transitions by name once all states exist.</summary>
    public virtual void Link(IReadOnlyDictionary<string, StateNode> states)
    {
        if (Definition.Next is { } next)
        {
            Next = states[next];
        }
    }

    /// <summary>Runs the state on its raw input.</summary>
    public abstract ValueTask<StepResult> ExecuteAsync(JNode input, BranchRun run);

    /// <summary>Builds the cause AWS gives runtime errors: "An error occurred while executing the state 'X' (entered at the event id #N). …".</summary>
    public static string RuntimeCause(BranchRun run, string detail) =>
        string.Create(CultureInfo.InvariantCulture, $"An error occurred while executing the state '{run.StateName}' (entered at the event id #{run.EnteredEventId}). {detail}");

    /// <summary>Turns a language-layer error into a failed step with AWS's cause.</summary>
    public static StepResult Failure(BranchRun run, StatesException ex) => StepResult.Fail(ex.Error, CauseOf(run, ex));

    /// <summary>Returns the cause of a language-layer error as AWS reports it.</summary>
    public static string CauseOf(BranchRun run, StatesException ex) =>
        ex.Error == StatesErrors.DataLimitExceeded || ex.Cause.StartsWith("An error occurred while executing the state", StringComparison.Ordinal)
            ? ex.Cause
            : RuntimeCause(run, ex.Cause);

    /// <summary>AWS's error for a path that finds nothing: "Invalid path '$.x' : No results for path: $['x']".</summary>
    public static StatesException NoResults(JsonPath path) =>
        new(StatesErrors.Runtime, $"Invalid path '{path.Text}' : No results for path: {path.NormalizedText}");

    /// <summary>Evaluates a path with <paramref name="input"/> as <c>$</c>, failing as AWS does when it finds nothing.</summary>
    internal static JNode Resolve(BranchRun run, JsonPath path, JNode input)
    {
        run.SetInput(input);
        return path.TryEvaluate(run, out var value) ? value : throw NoResults(path);
    }

    /// <summary>Reads an integer field's value the way AWS does (as Java parses numbers): a JSON number, or a string holding
    /// one ("1" is accepted).</summary>
    internal static bool TryInteger(JNode value, out long result)
    {
        result = 0;
        return value switch
        {
            JNumber n => n.TryGetInt64(out result),
            JString s => long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result),
            _ => false,
        };
    }

    /// <summary>The deepest nesting a state may produce (Jackson's default limit, which AWS's JSON handling enforces).</summary>
    public const int MaxDepth = 1000;

    /// <summary>Fails with States.DataLimitExceeded when a result is over 256 KiB, and with States.Runtime when it nests too deep.</summary>
    protected static void CheckSize(BranchRun run, JNode value) => Check(run, value, "returned a result");

    /// <summary>The same limits for what a state hands on as input (after Parameters, to a branch or an iteration).</summary>
    protected static void CheckInputSize(BranchRun run, JNode value) => Check(run, value, "has an input");

    /// <summary>Returns <paramref name="from"/> plus <paramref name="seconds"/>, saturating instead of overflowing.</summary>
    /// <remarks>Waits and timeouts come from input data; a deadline past the calendar's end simply never arrives.</remarks>
    public static DateTime Deadline(DateTime from, double seconds)
    {
        double maxSeconds = (DateTime.MaxValue - from).TotalSeconds;
        return seconds >= maxSeconds ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : from.AddSeconds(Math.Max(0, seconds));
    }

    private static void Check(BranchRun run, JNode value, string what)
    {
        if (value.Utf8Size > StatesErrors.MaxPayloadBytes)
        {
            throw new StatesException(
                StatesErrors.DataLimitExceeded,
                $"The state/task '{run.StateName}' {what} with a size exceeding the maximum number of bytes service limit.");
        }

        if (value.Depth > MaxDepth)
        {
            throw new StatesException(StatesErrors.Runtime, $"The state/task '{run.StateName}' {what} nested deeper than {MaxDepth} levels.");
        }
    }

    /// <summary>Evaluates an Assign template (with values as of state entry) into the names and values to set.</summary>
    protected static JObject? EvaluateAssign(Template? assign, BranchRun run, JNode dollar) =>
        assign is null ? null : (JObject)assign.Evaluate(run, dollar);

    /// <summary>The JSONata tail of a state: Output (or <paramref name="defaultOutput"/>) and Assign, both evaluated with the
    /// values as of state entry, then the assignments applied.</summary>
    protected static StepResult FinishJsonata(
        BranchRun run, StateNode? next, JNode input, JNode defaultOutput, JsonataTemplate? output, JsonataTemplate? assign, JNode? result = null, JNode? errorOutput = null)
    {
        JNode value = defaultOutput;
        JObject? assigned = null;
        if (output is not null || assign is not null)
        {
            var bindings = JsonataBindings.Create(run, input, result, errorOutput);
            value = output?.Evaluate(bindings) ?? defaultOutput;
            assigned = assign?.Evaluate(bindings) as JObject;
        }

        CheckSize(run, value);
        ApplyAssign(run, assigned);
        return StepResult.Continue(next, value, assigned);
    }

    /// <summary>Applies evaluated assignments; they take effect from the next state on.</summary>
    protected static void ApplyAssign(BranchRun run, JObject? values)
    {
        if (values is null)
        {
            return;
        }

        // AWS's limits: one variable and one Assign each hold at most 256 KiB.
        if (values.Utf8Size > StatesErrors.MaxPayloadBytes)
        {
            foreach (var (name, value) in values)
            {
                if (value.Utf8Size > StatesErrors.MaxPayloadBytes)
                {
                    throw new StatesException(StatesErrors.DataLimitExceeded, $"The variable '{name}' assigned by state '{run.StateName}' exceeds the maximum size of 262144 bytes.");
                }
            }

            throw new StatesException(StatesErrors.DataLimitExceeded, $"The Assign of state '{run.StateName}' exceeds the maximum total size of 262144 bytes.");
        }

        var keys = values.Keys;
        var nodes = values.Values;
        long growth = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            growth += run.Variables.Growth(keys[i], nodes[i]);
        }

        // AWS's limit on all the variables of one execution; nothing is assigned when it would be passed.
        long total = run.Variables.Budget.Used + growth;
        if (growth > 0 && total > VariableBudget.MaxBytes)
        {
            throw new StatesException(
                StatesErrors.DataLimitExceeded,
                $"The Assign of state '{run.StateName}' would bring the execution's variables to {total} bytes, over the maximum total size of {VariableBudget.MaxBytes} bytes.");
        }

        for (int i = 0; i < keys.Length; i++)
        {
            run.Variables.Set(keys[i], nodes[i]);
        }
    }
}
