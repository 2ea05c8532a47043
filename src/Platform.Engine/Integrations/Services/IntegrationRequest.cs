using System.Globalization;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Engine.Integrations.Services;

/// <summary>The parameters of one integration call, read with precise errors: an unknown or mistyped field is a
/// <c>States.Runtime</c> failure naming the field, the action and the state.</summary>
internal sealed class IntegrationRequest
{
    private IntegrationRequest(TaskInvocation invocation, ResourceInfo resource, JObject parameters)
    {
        Invocation = invocation;
        Resource = resource;
        Parameters = parameters;
    }

    public TaskInvocation Invocation { get; }

    public ResourceInfo Resource { get; }

    public JObject Parameters { get; }

    /// <summary>Gets the action as AWS writes it in errors, e.g. <c>dynamodb:putItem</c>.</summary>
    public string Action => $"{Resource.ResourceType}:{Resource.Name}";

    /// <summary>Reads the parameters of <paramref name="invocation"/>, allowing only <paramref name="fields"/>.</summary>
    public static IntegrationRequest Read(TaskInvocation invocation, IReadOnlyCollection<string> fields, params IntegrationPattern[] patterns)
    {
        var resource = ResourceInfo.Parse(invocation.Resource);
        string action = $"{resource.ResourceType}:{resource.Name}";
        if (resource.Pattern != IntegrationPattern.RequestResponse && Array.IndexOf(patterns, resource.Pattern) < 0)
        {
            string used = resource.Pattern == IntegrationPattern.WaitForTaskToken ? ".waitForTaskToken" : ".sync";
            string supported = string.Join(", ", patterns.Select(p => p == IntegrationPattern.WaitForTaskToken ? ".waitForTaskToken" : ".sync").Prepend("request-response"));
            throw Runtime(invocation, $"The resource '{invocation.Resource}' uses the '{used}' integration pattern, which {action} does not support (supported: {supported}).");
        }

        if (invocation.Input is not JObject parameters)
        {
            throw Runtime(invocation, $"The parameters of {action} must be a JSON object, found {invocation.Input.KindName}.");
        }

        foreach (var (key, _) in parameters)
        {
            if (!fields.Contains(key))
            {
                throw Runtime(invocation, $"The field '{key}' is not supported by {action}; supported fields: {string.Join(", ", fields)}.");
            }
        }

        return new IntegrationRequest(invocation, resource, parameters);
    }

    public static TaskFailedException Runtime(TaskInvocation invocation, string message) =>
        new(StatesErrors.Runtime, $"{message} (state '{invocation.StateName}')");

    public TaskFailedException Invalid(string message) => Runtime(Invocation, message);

    public string RequireString(string field) =>
        OptionalString(field) ?? throw Invalid($"The '{field}' parameter of {Action} is required and must be a string, found none.");

    public string? OptionalString(string field) => Parameters[field] switch
    {
        null => null,
        JString s => s.Value,
        var other => throw Invalid($"The '{field}' parameter of {Action} must be a string, found {other.KindName} {Short(other)}."),
    };

    public JObject? OptionalObject(string field) => Parameters[field] switch
    {
        null => null,
        JObject o => o,
        var other => throw Invalid($"The '{field}' parameter of {Action} must be an object, found {other.KindName} {Short(other)}."),
    };

    public JObject RequireObject(string field) =>
        OptionalObject(field) ?? throw Invalid($"The '{field}' parameter of {Action} is required and must be an object, found none.");

    public int? OptionalInt(string field, int min, int max) => Parameters[field] switch
    {
        null => null,
        JNumber n when n.TryGetInt64(out long v) && v >= min && v <= max => (int)v,
        JString s when int.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max => v,
        var other => throw Invalid($"The '{field}' parameter of {Action} must be an integer from {min} to {max}, found {other.KindName} {Short(other)}."),
    };

    /// <summary>Reads a map of string values (e.g. S3 Metadata, SQS-free-form headers).</summary>
    public Dictionary<string, string>? OptionalStringMap(string field)
    {
        var map = OptionalObject(field);
        if (map is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[key] = value is JString s
                ? s.Value
                : throw Invalid($"The '{field}.{key}' parameter of {Action} must be a string, found {value.KindName} {Short(value)}.");
        }

        return result;
    }

    public static string Short(JNode value)
    {
        string text = value.ToString();
        return text.Length <= 80 ? text : text[..77] + "...";
    }
}
