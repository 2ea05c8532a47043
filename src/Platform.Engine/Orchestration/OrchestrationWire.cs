using System.Globalization;
using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;

namespace Platform.Engine.Orchestration;

/// <summary>JSON text for what crosses a host's serializer: task invocations and outcomes, execution inputs, JSON values.</summary>
/// <remarks>
/// <para>A host whose data converter cannot carry the engine's own types (Durable Functions serializes with
/// System.Text.Json, which knows nothing of <see cref="JNode"/>) passes this text instead: an adapter writes the port's
/// <c>object</c> arguments with <see cref="Write"/> and reads results and event payloads with <see cref="Read{T}"/>, one
/// call each way, so the adapter itself stays one line per member.</para>
/// <para>The format is the durable host's journal format (fixed field order, so one value always gives one text), so an
/// event payload or a task outcome means the same on both hosts.</para>
/// </remarks>
public static class OrchestrationWire
{
    /// <summary>Writes a port argument as JSON text: a <see cref="TaskInvocation"/>, <see cref="TaskOutcome"/>,
    /// <see cref="ExecutionInput"/>, <see cref="JNode"/>, JSON text (a <see cref="string"/>, kept as is) or null.</summary>
    /// <exception cref="NotSupportedException">Any other type: the engine passes none.</exception>
    public static string Write(object? value) => value switch
    {
        null => "null",
        string text => text,
        JNode node => node.ToString(),
        TaskInvocation invocation => WriteInvocation(invocation),
        TaskOutcome outcome => WriteOutcome(outcome),
        ExecutionInput input => WriteInput(input),
        _ => throw new NotSupportedException($"The orchestration wire carries task invocations, task outcomes, execution inputs and JSON values, not {value.GetType().Name}."),
    };

    /// <summary>Reads JSON text written by <see cref="Write"/> as <typeparamref name="T"/>: one of the types it writes, or
    /// <see cref="string"/> for the text itself.</summary>
    /// <exception cref="NotSupportedException">Any other type.</exception>
    /// <exception cref="JsonParseException">The text is not JSON.</exception>
    public static T Read<T>(string? json)
    {
        json ??= "null";
        object value = typeof(T) switch
        {
            var t when t == typeof(string) => json,
            var t when t == typeof(TaskOutcome) => ReadOutcome(json),
            var t when t == typeof(TaskInvocation) => ReadInvocation(json, null),
            var t when t == typeof(ExecutionInput) => ReadInput(json),
            var t when typeof(JNode).IsAssignableFrom(t) => JNode.Parse(json),
            _ => throw new NotSupportedException($"The orchestration wire reads task invocations, task outcomes, execution inputs, JSON values and text, not {typeof(T).Name}."),
        };
        return (T)value;
    }

    /// <summary>Reads a task invocation, with the host's id of the activity call (see <see cref="TaskInvocation.ActivityId"/>).</summary>
    public static TaskInvocation ReadInvocation(string json, string? activityId)
    {
        var o = Object(json, "task invocation");
        return new TaskInvocation
        {
            StateName = Str(o, "stateName") ?? throw Missing("task invocation", "stateName"),
            Resource = Str(o, "resource") ?? throw Missing("task invocation", "resource"),
            Input = o["input"] ?? JNode.Null,
            ExecutionId = Str(o, "executionId") ?? throw Missing("task invocation", "executionId"),
            Attempt = (int)(Int(o, "attempt") ?? 0),
            ActivityId = activityId,
            TaskToken = Str(o, "taskToken"),
            TimeoutSeconds = Int(o, "timeoutSeconds") is { } t ? (int)t : null,
            Credentials = o["credentials"],
        };
    }

    private static string WriteInvocation(TaskInvocation invocation)
    {
        var builder = new JObjectBuilder(8);
        builder.Set("stateName", JNode.From(invocation.StateName));
        builder.Set("resource", JNode.From(invocation.Resource));
        builder.Set("input", invocation.Input);
        builder.Set("executionId", JNode.From(invocation.ExecutionId));
        builder.Set("attempt", JNode.From(invocation.Attempt));
        SetIf(builder, "taskToken", invocation.TaskToken is null ? null : JNode.From(invocation.TaskToken));
        SetIf(builder, "timeoutSeconds", invocation.TimeoutSeconds is { } t ? JNode.From(t) : null);
        SetIf(builder, "credentials", invocation.Credentials);
        return builder.Build().ToString();
    }

    private static string WriteOutcome(TaskOutcome outcome)
    {
        if (outcome.IsSuccess)
        {
            return new JObject(["result"], [outcome.Result!]).ToString();
        }

        var builder = new JObjectBuilder(2);
        builder.Set("error", outcome.Error is null ? JNode.Null : JNode.From(outcome.Error));
        SetIf(builder, "cause", outcome.Cause is null ? null : JNode.From(outcome.Cause));
        return builder.Build().ToString();
    }

    private static TaskOutcome ReadOutcome(string json)
    {
        var o = Object(json, "task outcome");
        if (o["result"] is { } result)
        {
            return TaskOutcome.Success(result);
        }

        // A default outcome (no result, no error) round-trips as a null error: the engine reports it as "returned no outcome".
        return Str(o, "error") is { } error ? TaskOutcome.Failure(error, Str(o, "cause")) : default;
    }

    private static string WriteInput(ExecutionInput input)
    {
        var builder = new JObjectBuilder(14);
        builder.Set("input", input.Input);
        builder.Set("name", JNode.From(input.Name));
        builder.Set("stateMachineName", JNode.From(input.StateMachineName));
        builder.Set("region", JNode.From(input.Region));
        builder.Set("account", JNode.From(input.Account));
        SetIf(builder, "roleArn", input.RoleArn is null ? null : JNode.From(input.RoleArn));
        builder.Set("redriveCount", JNode.From(input.RedriveCount));
        SetIf(builder, "contextOverrides", input.ContextOverrides);
        builder.Set("recordHistory", JNode.From(input.RecordHistory));
        SetIf(builder, "maxHistoryEvents", input.MaxHistoryEvents is { } m ? JNode.From(m) : null);
        SetIf(builder, "continueAsNewAfterEvents", input.ContinueAsNewAfterEvents is { } after ? JNode.From(after) : null);
        SetIf(builder, "mapRunChildren", input.MapRunChildren ? JNode.True : null);
        if (input.MapRun is { } mapRun)
        {
            builder.Set("mapRun", new JObject(
                ["mapState", "parentExecutionArn", "mapRunArn"],
                [JNode.From(mapRun.MapState), JNode.From(mapRun.ParentExecutionArn), JNode.From(mapRun.MapRunArn)]));
        }

        if (input.Continuation is { } next)
        {
            var continuation = new JObjectBuilder(7);
            continuation.Set("state", JNode.From(next.State));
            continuation.Set("stateInput", next.StateInput);
            continuation.Set("variables", next.Variables);
            continuation.Set("lastEventId", JNode.From(next.LastEventId));
            continuation.Set("startTime", JNode.From(Ticks(next.StartTime)));
            continuation.Set("generation", JNode.From(next.Generation));
            SetIf(continuation, "redriveTime", next.RedriveTime is { } redriven ? JNode.From(Ticks(redriven)) : null);
            builder.Set("continuation", continuation.Build());
        }

        return builder.Build().ToString();
    }

    private static ExecutionInput ReadInput(string json)
    {
        var o = Object(json, "execution input");
        return new ExecutionInput
        {
            Input = o["input"] ?? JObject.Empty,
            Name = Str(o, "name") ?? throw Missing("execution input", "name"),
            StateMachineName = Str(o, "stateMachineName") ?? throw Missing("execution input", "stateMachineName"),
            Region = Str(o, "region") ?? "us-east-1",
            Account = Str(o, "account") ?? "123456789012",
            RoleArn = Str(o, "roleArn"),
            RedriveCount = (int)(Int(o, "redriveCount") ?? 0),
            ContextOverrides = o["contextOverrides"] as JObject,
            RecordHistory = o["recordHistory"] is not JBool b || b.Value,
            MaxHistoryEvents = Int(o, "maxHistoryEvents") is { } m ? (int)m : null,
            ContinueAsNewAfterEvents = Int(o, "continueAsNewAfterEvents") is { } after ? (int)after : null,
            Continuation = o["continuation"] is JObject next ? ReadContinuation(next) : null,
            MapRunChildren = o["mapRunChildren"] is JBool { Value: true },
            MapRun = o["mapRun"] is JObject mapRun
                ? new MapRunChild
                {
                    MapState = Str(mapRun, "mapState") ?? throw Missing("map run", "mapState"),
                    ParentExecutionArn = Str(mapRun, "parentExecutionArn") ?? throw Missing("map run", "parentExecutionArn"),
                    MapRunArn = Str(mapRun, "mapRunArn") ?? throw Missing("map run", "mapRunArn"),
                }
                : null,
        };
    }

    private static ExecutionContinuation ReadContinuation(JObject o) => new()
    {
        State = Str(o, "state") ?? throw Missing("continuation", "state"),
        StateInput = o["stateInput"] ?? JNode.Null,
        Variables = o["variables"] as JObject ?? JObject.Empty,
        LastEventId = Int(o, "lastEventId") ?? 0,
        StartTime = FromTicks(Str(o, "startTime")) ?? default,
        Generation = (int)(Int(o, "generation") ?? 0),
        RedriveTime = FromTicks(Str(o, "redriveTime")),
    };

    private static JObject Object(string json, string what) =>
        JNode.Parse(json) as JObject ?? throw new FormatException($"A {what} on the orchestration wire is a JSON object, found: {Clip(json)}");

    private static FormatException Missing(string what, string field) => new($"A {what} on the orchestration wire needs the string field '{field}'.");

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private static string Ticks(DateTime time) => time.Ticks.ToString(CultureInfo.InvariantCulture);

    private static DateTime? FromTicks(string? ticks) =>
        long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? new DateTime(value, DateTimeKind.Utc) : null;

    private static void SetIf(JObjectBuilder builder, string key, JNode? value)
    {
        if (value is not null)
        {
            builder.Set(key, value);
        }
    }

    private static string? Str(JObject o, string key) => o[key] is JString s ? s.Value : null;

    private static long? Int(JObject o, string key) => o[key] is JNumber n && n.TryGetInt64(out long v) ? v : null;
}
