using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Engine.Integrations.CircuitBreakers;

/// <summary>Which circuit a Task invocation belongs to.</summary>
public static class CircuitKeys
{
    /// <summary>Returns the resource without its <c>.waitForTaskToken</c>, <c>.sync</c> or <c>.sync:2</c> suffix.</summary>
    public static string WithoutPattern(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        foreach (string suffix in (ReadOnlySpan<string>)[".waitForTaskToken", ".sync:2", ".sync"])
        {
            if (resource.EndsWith(suffix, StringComparison.Ordinal))
            {
                return resource[..^suffix.Length];
            }
        }

        return resource;
    }

    /// <summary>Returns the circuit key of an invocation: its resource, followed (when <paramref name="perTarget"/>) by a space
    /// and its target — the function of <c>lambda:invoke</c>, the scheme and authority of <c>http:invoke</c>'s endpoint, the
    /// table of <c>dynamodb:*</c>, the bucket of <c>aws-sdk:s3:*</c>, the queue of <c>sqs:sendMessage</c>.</summary>
    public static string Of(TaskInvocation invocation, bool perTarget)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        string resource = WithoutPattern(invocation.Resource);
        if (!perTarget || invocation.Input is not JObject parameters)
        {
            return resource;
        }

        var info = ResourceInfo.Parse(invocation.Resource);
        string? target = info.Kind != ResourceKind.ServiceIntegration ? null : info.ResourceType switch
        {
            "lambda" when info.IsLambdaInvoke && parameters["FunctionName"] is JString f => ResourceInfo.FunctionNameOf(f.Value),
            "http" when parameters["ApiEndpoint"] is JString e && Uri.TryCreate(e.Value, UriKind.Absolute, out var uri) => uri.GetLeftPart(UriPartial.Authority),
            "dynamodb" when parameters["TableName"] is JString t => t.Value,
            "aws-sdk:s3" when parameters["Bucket"] is JString b => b.Value,
            "sqs" when parameters["QueueUrl"] is JString q => q.Value,
            _ => null,
        };
        return target is null ? resource : resource + " " + target;
    }
}
