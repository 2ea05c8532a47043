using System.Globalization;
using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;

namespace Platform.Runtime.Durable;

/// <summary>JSON text for what the durable journal stores: task invocations and outcomes, and execution inputs.</summary>
/// <remarks>Field order is fixed, so the same value always gives the same text; replay compares scheduled inputs as text.</remarks>
internal static class DurableJson
{
    public static string Write(TaskInvocation invocation)
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

    public static TaskInvocation ReadInvocation(string json, string? activityId)
    {
        var o = (JObject)JNode.Parse(json);
        return new TaskInvocation
        {
            StateName = Str(o, "stateName")!,
            Resource = Str(o, "resource")!,
            Input = o["input"] ?? JNode.Null,
            ExecutionId = Str(o, "executionId")!,
            Attempt = (int)Int(o, "attempt")!.Value,
            ActivityId = activityId,
            TaskToken = Str(o, "taskToken"),
            TimeoutSeconds = Int(o, "timeoutSeconds") is { } t ? (int)t : null,
            Credentials = o["credentials"],
        };
    }

    public static string Write(TaskOutcome outcome)
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

    public static TaskOutcome ReadOutcome(string json)
    {
        var o = (JObject)JNode.Parse(json);
        if (o["result"] is { } result)
        {
            return TaskOutcome.Success(result);
        }

        // A default outcome (no result, no error) round-trips as a null error: the engine reports it as "returned no outcome".
        return Str(o, "error") is { } error ? TaskOutcome.Failure(error, Str(o, "cause")) : default;
    }

    public static string Write(ExecutionInput input)
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

    public static ExecutionInput ReadExecutionInput(string json)
    {
        var o = (JObject)JNode.Parse(json);
        return new ExecutionInput
        {
            Input = o["input"] ?? JObject.Empty,
            Name = Str(o, "name")!,
            StateMachineName = Str(o, "stateMachineName")!,
            Region = Str(o, "region")!,
            Account = Str(o, "account")!,
            RoleArn = Str(o, "roleArn"),
            RedriveCount = (int)(Int(o, "redriveCount") ?? 0),
            ContextOverrides = o["contextOverrides"] as JObject,
            RecordHistory = o["recordHistory"] is not JBool b || b.Value,
            MaxHistoryEvents = Int(o, "maxHistoryEvents") is { } m ? (int)m : null,
            ContinueAsNewAfterEvents = Int(o, "continueAsNewAfterEvents") is { } after ? (int)after : null,
            Continuation = o["continuation"] is JObject next ? ReadContinuation(next) : null,
            MapRunChildren = o["mapRunChildren"] is JBool { Value: true },
            MapRun = o["mapRun"] is JObject mapRun
                ? new MapRunChild { MapState = Str(mapRun, "mapState")!, ParentExecutionArn = Str(mapRun, "parentExecutionArn")!, MapRunArn = Str(mapRun, "mapRunArn")! }
                : null,
        };
    }

    public static string Ticks(DateTime time) => time.Ticks.ToString(CultureInfo.InvariantCulture);

    private static ExecutionContinuation ReadContinuation(JObject o) => new()
    {
        State = Str(o, "state")!,
        StateInput = o["stateInput"] ?? JNode.Null,
        Variables = o["variables"] as JObject ?? JObject.Empty,
        LastEventId = Int(o, "lastEventId") ?? 0,
        StartTime = FromTicks(Str(o, "startTime")) ?? default,
        Generation = (int)(Int(o, "generation") ?? 0),
        RedriveTime = FromTicks(Str(o, "redriveTime")),
    };

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
