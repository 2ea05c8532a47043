using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>States.StringToJson, States.JsonToString and States.JsonMerge.</summary>
internal static class JsonIntrinsics
{
    /// <summary>Parses a string as JSON; blank text gives <c>null</c> (as Jackson's <c>readTree</c>).</summary>
    public static JNode StringToJson(IntrinsicInvocation call)
    {
        string text = call.String(0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return JNode.Null;
        }

        try
        {
            return JNode.Parse(text);
        }
        catch (JsonParseException ex)
        {
            throw call.Fail($"argument 1 is not valid JSON ({ex.Reason}): {IntrinsicInvocation.Preview(call.Arguments[0])}");
        }
    }

    /// <summary>Serializes a value as compact JSON text.</summary>
    public static JNode JsonToString(IntrinsicInvocation call) => new JString(JavaText.ToJacksonJson(call.Arguments[0]));

    /// <summary>Merges two objects shallowly: keys of the second replace those of the first.</summary>
    public static JNode JsonMerge(IntrinsicInvocation call)
    {
        var left = call.Object(0);
        var right = call.Object(1);
        if (call.Boolean(2))
        {
            throw call.Fail("deep merging (true as argument 3) is not supported; only false (a shallow merge) is");
        }

        if (right.Count == 0)
        {
            return left;
        }

        if (left.Count == 0)
        {
            return right;
        }

        var builder = new JObjectBuilder(left.Count + right.Count);
        for (int i = 0; i < left.Count; i++)
        {
            builder.Set(left.Keys[i], left.Values[i]);
        }

        for (int i = 0; i < right.Count; i++)
        {
            builder.Set(right.Keys[i], right.Values[i]);
        }

        return builder.Build();
    }

    /// <summary>Rejects a literal <c>true</c> as the deep-merge flag, which AWS does not support.</summary>
    public static IntrinsicProblem? ValidateJsonMerge(IntrinsicCall call) =>
        call.Arguments[2] is IntrinsicLiteral { Value: JBool { Value: true } } flag
            ? new IntrinsicProblem(flag.Position, "States.JsonMerge supports only false as argument 3 (deep merging is not supported)")
            : null;
}
