using Platform.Asl.DataFlow;
using Platform.Asl.Json;
using Platform.Asl.Parsing;
using Platform.Asl.Paths;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Engine.History;
using Platform.Engine.Tasks;
using Platform.Runtime.InMemory;

namespace Platform.Server.Api;

/// <summary>TestState: runs one state with an input, as AWS does, by wrapping it in a state machine of its own.</summary>
/// <remarks>
/// Every transition target (Next, Default, each Choice rule's Next, each Catch's Next) becomes a Succeed stub, so the stub
/// entered names the next state and its input is the tested state's output. Retry is not run: each retrier becomes a Catch
/// to a stub of its own placed before the real catchers, so an error a retrier matches ends as RETRIABLE (AWS's precedence:
/// retry before catch) and an error only a catcher matches as CAUGHT_ERROR. The run is in memory, on virtual time, with
/// the server's task handlers (or the request's mock).
/// </remarks>
internal sealed class TestStateRunner(ITaskDispatcher tasks)
{
    private const string StubPrefix = "__TestState.Next.";
    private const string RetryStub = "__TestState.Retry";
    private static readonly string[] RunnableTypes = ["Pass", "Choice", "Task", "Wait", "Succeed", "Fail"];

    /// <summary>Runs the state and answers in TestState's shape.</summary>
    public async Task<JObject> RunAsync(TestStateRequest request)
    {
        var (stateName, state) = SelectState(request);
        string type = (state["Type"] as JString)?.Value ?? throw Invalid("the state has no 'Type'");
        if (Array.IndexOf(RunnableTypes, type) < 0)
        {
            throw Invalid($"a {type} state cannot be tested here: this server's TestState runs Pass, Choice, Task, Wait, Succeed and Fail states");
        }

        if (type == "Task" && state["Resource"] is JString { Value: var resource }
            && (resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal) || resource.Contains(".sync", StringComparison.Ordinal)))
        {
            throw Invalid($"the resource '{resource}' uses an integration pattern (.sync or .waitForTaskToken) that TestState does not run");
        }

        var targets = new List<string>();
        var rewritten = Rewrite(state, targets);
        var states = new JObjectBuilder(targets.Count + 2);
        states.Set(stateName, rewritten);
        for (int i = 0; i < targets.Count; i++)
        {
            states.Set(StubPrefix + i, new JObject(["Type"], [JNode.From("Succeed")]));
        }

        states.Set(RetryStub, new JObject(["Type"], [JNode.From("Succeed")]));
        var machine = new JObject(["StartAt", "States"], [JNode.From(stateName), states.Build()]);
        var parsed = AslParser.Parse(machine);
        if (parsed.Definition is null)
        {
            string problems = string.Join("; ", parsed.Errors.Select(d => d.ToString().Replace("/States/" + JsonPointer.Escape(stateName), string.Empty, StringComparison.Ordinal)));
            throw new ApiException(ApiErrorCodes.InvalidDefinition, $"Invalid State Definition: {problems}");
        }

        StateMachineOrchestrator orchestrator;
        try
        {
            orchestrator = new StateMachineOrchestrator(parsed.Definition);
        }
        catch (NotSupportedException ex)
        {
            throw Invalid($"the state uses a feature this engine does not run: {ex.Message}");
        }

        var dispatcher = request.Mock ?? tasks;
        var host = new InMemoryHost(dispatcher, new InMemoryHostOptions { VirtualTime = true, VirtualStart = DateTime.UtcNow });
        var input = new ExecutionInput
        {
            Input = request.Input, Name = "TestState", StateMachineName = "TestState", RoleArn = request.RoleArn, ContextOverrides = request.Context,
        };
        ExecutionResult result;
        try
        {
            // The virtual-time scheduler runs on the calling thread until the run ends: keep it off the request thread.
            result = await Task.Run(async () => await host.RunAsync(orchestrator, input));
        }
        catch (InvalidOperationException ex)
        {
            result = new ExecutionResult(ExecutionStatus.Failed, null, "States.Runtime", ex.Message, []);
        }

        return Answer(request, state, targets, result);
    }

    private static JObject Answer(TestStateRequest request, JObject state, List<string> targets, ExecutionResult result)
    {
        var history = result.History;
        var stub = history.FirstOrDefault(e => e.Type == "SucceedStateEntered"
            && e.Details?["name"] is JString { Value: var name } && (name == RetryStub || name.StartsWith(StubPrefix, StringComparison.Ordinal)));
        string? stubName = (stub?.Details?["name"] as JString)?.Value;
        JNode? stubInput = stub?.Details?["input"] is JString { Value: var inputText } ? JNode.Parse(inputText) : null;

        var response = new ApiResponse();
        JNode? output = null;
        if (result.Status != ExecutionStatus.Succeeded)
        {
            response.Add("status", "FAILED").Add("error", result.Error).Add("cause", result.Cause);
        }
        else if (stubName == RetryStub)
        {
            response.Add("status", "RETRIABLE")
                .Add("error", (stubInput as JObject)?["Error"] is JString error ? error.Value : null)
                .Add("cause", (stubInput as JObject)?["Cause"] is JString cause ? cause.Value : null);
        }
        else
        {
            output = stubInput ?? result.Output;
            string? next = stubName is null ? null : targets[int.Parse(stubName[StubPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture)];
            bool caught = history.Any(e => e.Type.EndsWith("Failed", StringComparison.Ordinal) && e.Type != HistoryEventTypes.ExecutionFailed)
                && stub is not null && state["Catch"] is JArray;
            if (caught)
            {
                var failure = history.Last(e => e.Id < stub!.Id && e.Type.EndsWith("Failed", StringComparison.Ordinal));
                response.Add("status", "CAUGHT_ERROR")
                    .Add("error", (failure.Details?["error"] as JString)?.Value)
                    .Add("cause", (failure.Details?["cause"] as JString)?.Value);
            }
            else
            {
                response.Add("status", "SUCCEEDED");
            }

            response.Add("output", output?.ToString()).Add("nextState", next);
        }

        if (request.InspectionLevel is "DEBUG" or "TRACE")
        {
            response.Add("inspectionData", Inspection(request.Input, state, history));
        }

        return response.Build();
    }

    /// <summary>DEBUG data: the input, and each step of the data flow that can be told (JSONPath states: InputPath,
    /// Parameters, the task result, ResultSelector, ResultPath; JSONata states: the task's arguments and result).</summary>
    private static JObject Inspection(JNode input, JObject state, IReadOnlyList<HistoryEvent> history)
    {
        var data = new ApiResponse().Add("input", input.ToString());
        var scheduled = history.FirstOrDefault(e => e.Type is HistoryEventTypes.TaskScheduled or HistoryEventTypes.LambdaFunctionScheduled);
        string? parameters = (scheduled?.Details?["parameters"] ?? scheduled?.Details?["input"]) is JString p ? p.Value : null;
        var succeeded = history.FirstOrDefault(e => e.Type is HistoryEventTypes.TaskSucceeded or HistoryEventTypes.LambdaFunctionSucceeded);
        JNode? taskResult = succeeded?.Details?["output"] is JString r ? JNode.Parse(r.Value) : null;
        bool jsonata = state["QueryLanguage"] is JString { Value: "JSONata" };
        if (jsonata)
        {
            return data.Add("afterArguments", parameters).Add("result", taskResult?.ToString()).Build();
        }

        var afterInputPath = Try(() => state.TryGetValue("InputPath", out var inputPath)
            ? inputPath is JString path ? (JsonPath.Parse(path.Value).TryEvaluate(input, out var selected) ? selected : null) : JObject.Empty
            : input);
        data.Add("afterInputPath", afterInputPath?.ToString());
        var afterParameters = parameters is not null ? JNode.Parse(parameters)
            : state["Parameters"] is { } template && afterInputPath is not null ? Try(() => PayloadTemplate.Compile(template).Evaluate(new StaticContext(afterInputPath)))
            : afterInputPath;
        data.Add("afterParameters", afterParameters?.ToString());
        var stateResult = state["Type"] is JString { Value: "Task" } ? taskResult : state["Result"] ?? afterParameters;
        data.Add("result", stateResult?.ToString());
        var afterSelector = stateResult is null ? null
            : state["ResultSelector"] is { } selector ? Try(() => PayloadTemplate.Compile(selector).Evaluate(new StaticContext(stateResult)))
            : stateResult;
        data.Add("afterResultSelector", afterSelector?.ToString());
        var afterResultPath = afterSelector is null ? null : Try(() => state.TryGetValue("ResultPath", out var resultPath)
            ? resultPath is JString path ? JsonPath.Parse(path.Value).Assign(input, afterSelector) : input
            : afterSelector);
        return data.Add("afterResultPath", afterResultPath?.ToString()).Build();

        static JNode? Try(Func<JNode?> step)
        {
            try
            {
                return step();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A step the engine would fail on: the run's status and error tell why; the step is left out.
                return null;
            }
        }
    }

    private static (string Name, JObject State) SelectState(TestStateRequest request)
    {
        JNode definition;
        try
        {
            definition = JsonParser.Parse(request.Definition);
        }
        catch (JsonParseException ex)
        {
            throw new ApiException(ApiErrorCodes.InvalidDefinition, $"Invalid State Definition: not valid JSON at line {ex.Line}, column {ex.Column}: {ex.Reason}.");
        }

        if (definition is not JObject root)
        {
            throw new ApiException(ApiErrorCodes.InvalidDefinition, "Invalid State Definition: the definition must be a JSON object (one state, or a state machine with stateName).");
        }

        bool isMachine = root["States"] is JObject;
        if (request.StateName is null)
        {
            return isMachine
                ? throw Invalid("the definition is a state machine: give stateName to choose the state to test")
                : ("TestState", root);
        }

        if (!isMachine)
        {
            // A single state given with a name for it.
            return (request.StateName, root);
        }

        return ((JObject)root["States"]!)[request.StateName] is JObject chosen
            ? (request.StateName, root["QueryLanguage"] is { } language && !chosen.ContainsKey("QueryLanguage") ? chosen.With("QueryLanguage", language) : chosen)
            : throw Invalid($"stateName '{request.StateName}' is not a top-level state of the definition");
    }

    /// <summary>Points every transition at a stub (collecting the real targets), and turns retriers into catchers of the
    /// retry stub, before the real catchers.</summary>
    private static JObject Rewrite(JObject state, List<string> targets)
    {
        string Stub(JNode? target)
        {
            targets.Add((target as JString)?.Value ?? string.Empty);
            return StubPrefix + (targets.Count - 1);
        }

        var result = state.Without("Retry");
        if (state["Next"] is { } next)
        {
            result = result.With("Next", JNode.From(Stub(next)));
        }

        if (state["Default"] is { } fallback)
        {
            result = result.With("Default", JNode.From(Stub(fallback)));
        }

        if (state["Choices"] is JArray choices)
        {
            result = result.With("Choices", new JArray(choices.Select(rule => rule is JObject o && o["Next"] is { } n ? o.With("Next", JNode.From(Stub(n))) : rule)));
        }

        var catchers = new List<JNode>();
        bool catchesAll = false;
        if (state["Retry"] is JArray retriers)
        {
            foreach (var retrier in retriers.OfType<JObject>())
            {
                if (retrier["MaxAttempts"] is JNumber { Value: 0 } || retrier["ErrorEquals"] is not JArray errors)
                {
                    continue;
                }

                catchers.Add(new JObject(["ErrorEquals", "Next"], [errors, JNode.From(RetryStub)]));
                catchesAll |= errors.Any(e => e is JString { Value: "States.ALL" });
            }
        }

        if (state["Catch"] is JArray original && !catchesAll)
        {
            catchers.AddRange(original.Select(c => c is JObject o && o["Next"] is { } n ? o.With("Next", JNode.From(Stub(n))) : c));
        }

        return catchers.Count > 0 ? result.With("Catch", new JArray(catchers)) : result.Without("Catch");
    }

    private static ApiException Invalid(string why) => new(ApiErrorCodes.ValidationException, $"TestState: {why}.");

    /// <summary>Paths and templates evaluated for DEBUG data, against a document and an empty Context Object.</summary>
    private sealed class StaticContext(JNode input) : EvaluationContext
    {
        public override JNode Input => input;

        public override JNode ContextObject => JObject.Empty;

        public override Guid NewGuid() => Guid.NewGuid();
    }
}

/// <summary>A TestState request, read and checked.</summary>
/// <param name="Definition">The state (or a state machine, with <paramref name="StateName"/>).</param>
/// <param name="StateName">The state to test in a state machine definition.</param>
/// <param name="Input">The input.</param>
/// <param name="InspectionLevel">INFO, DEBUG or TRACE.</param>
/// <param name="RoleArn">The role, if given.</param>
/// <param name="Context">Fields merged into the Context Object.</param>
/// <param name="Mock">A dispatcher answering every task from the request's mock, or null to run the handlers.</param>
internal sealed record TestStateRequest(string Definition, string? StateName, JNode Input, string InspectionLevel, string? RoleArn, JObject? Context, ITaskDispatcher? Mock);
