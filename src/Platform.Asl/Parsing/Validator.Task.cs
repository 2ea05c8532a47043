using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>Task states.</summary>
internal sealed partial class Validator
{
    private static readonly IReadOnlyDictionary<string, FieldScope> CredentialFields =
        FieldTable.Fields(("RoleArn", FieldScope.Both), ("RoleArn.$", FieldScope.JsonPath));

    private TaskState ValidateTask(StateContext context)
    {
        var reader = context.Reader;
        var language = context.Language;
        string? resource = ReadString(reader, "Resource", required: true);
        if (resource is { Length: 0 })
        {
            Error(reader.At("Resource"), AslRules.FieldValue, "must be a resource ARN, found \"\"");
        }

        Exclusive(reader, "TimeoutSeconds", "TimeoutSecondsPath");
        Exclusive(reader, "HeartbeatSeconds", "HeartbeatSecondsPath");
        var timeout = ReadIntegerOrJsonata(reader, "TimeoutSeconds", 1, long.MaxValue, AslRules.FieldValue, language);
        var heartbeat = ReadIntegerOrJsonata(reader, "HeartbeatSeconds", 1, long.MaxValue, AslRules.FieldValue, language);
        if (timeout is JNumber t && heartbeat is JNumber h && h.Value >= t.Value)
        {
            Error(reader.At("HeartbeatSeconds"), AslRules.TaskHeartbeat, $"must be smaller than TimeoutSeconds ({t}), found {h}");
        }

        return new TaskState
        {
            Name = context.Name,
            Pointer = context.Pointer,
            Resource = resource ?? string.Empty,
            Parameters = ReadTemplate(reader, "Parameters"),
            Arguments = ReadObjectOrJsonata(reader, "Arguments", language),
            ResultSelector = ReadTemplate(reader, "ResultSelector"),
            ResultPath = ReadNullablePath(reader, "ResultPath", isResultPath: true),
            TimeoutSeconds = timeout,
            TimeoutSecondsPath = ReadPath(reader, "TimeoutSecondsPath"),
            HeartbeatSeconds = heartbeat,
            HeartbeatSecondsPath = ReadPath(reader, "HeartbeatSecondsPath"),
            Credentials = ReadCredentials(reader, language),
            Retry = ReadRetry(context),
            Catch = ReadCatch(context),
        };
    }

    private JNode? ReadCredentials(ObjectReader reader, QueryLanguage language)
    {
        var node = ReadObjectOrJsonata(reader, "Credentials", language);
        if (node is not JObject obj)
        {
            return node;
        }

        var credentials = new ObjectReader(obj, reader.At("Credentials"));
        CheckFields(credentials, CredentialFields, language, "in Credentials");
        if (!credentials.Has("RoleArn") && !credentials.Has("RoleArn.$"))
        {
            Required(credentials, "RoleArn");
        }

        ReadString(credentials, "RoleArn");
        if (language == QueryLanguage.JSONPath)
        {
            CheckTemplate(obj, credentials.Pointer);
        }

        return obj;
    }
}
