using Platform.Asl.Json;

namespace Platform.Engine.Plan;

/// <summary>Builders for AWS's event details (payloads are JSON text inside the details, as AWS prints them, written
/// only when the event is read: <see cref="JString.OfJson"/>).</summary>
internal static class EventDetails
{
    public static JObject Entered(string name, JNode input) =>
        new(["name", "input", "inputDetails"], [JNode.From(name), JString.OfJson(input), NotTruncated]);

    public static JObject Exited(string name, JNode output, JObject? assigned)
    {
        if (assigned is null)
        {
            return new(["name", "output", "outputDetails"], [JNode.From(name), JString.OfJson(output), NotTruncated]);
        }

        var variables = new JObjectBuilder(assigned.Count);
        foreach (var (key, value) in assigned)
        {
            variables.Set(key, JString.OfJson(value));
        }

        return new(
            ["name", "output", "outputDetails", "assignedVariables", "assignedVariablesDetails"],
            [JNode.From(name), JString.OfJson(output), NotTruncated, variables.Build(), NotTruncated]);
    }

    public static JObject Error(string? error, string? cause)
    {
        var builder = new JObjectBuilder(2);
        if (error is not null)
        {
            builder.Set("error", JNode.From(error));
        }

        if (cause is not null)
        {
            builder.Set("cause", JNode.From(cause));
        }

        return builder.Build();
    }

    public static JObject Output(JNode output) => new(["output", "outputDetails"], [JString.OfJson(output), NotTruncated]);

    private static readonly JObject NotTruncated = new(["truncated"], [JNode.False]);
}
