using System.Collections.Concurrent;

namespace Platform.Engine.Tasks;

/// <summary>A parsed Task resource: its kind, handler name, pattern, and the names AWS prints in history events.</summary>
/// <param name="Resource">The resource as written.</param>
/// <param name="Kind">How it is served.</param>
/// <param name="Name">The handler name (function or activity name), or the service action for integrations.</param>
/// <param name="Pattern">The integration pattern.</param>
/// <param name="ResourceType">AWS's <c>resourceType</c> in Task* events (e.g. <c>lambda</c>, <c>aws-sdk:s3</c>).</param>
/// <param name="ResourceName">AWS's <c>resource</c> in Task* events (e.g. <c>invoke</c>, <c>invoke.waitForTaskToken</c>).</param>
/// <param name="Region">The region the ARN names, or the default.</param>
public sealed record ResourceInfo(
    string Resource, ResourceKind Kind, string Name, IntegrationPattern Pattern, string ResourceType, string ResourceName, string Region)
{
    private static readonly ConcurrentDictionary<string, ResourceInfo> Cache = new(StringComparer.Ordinal);

    /// <summary>Gets a value indicating whether this is <c>arn:aws:states:::lambda:invoke</c> (any pattern).</summary>
    public bool IsLambdaInvoke => Kind == ResourceKind.ServiceIntegration && ResourceType == "lambda" && Name == "invoke";

    /// <summary>Parses (and caches) a resource.</summary>
    public static ResourceInfo Parse(string resource) => Cache.GetOrAdd(resource, Create);

    /// <summary>Extracts the function name from a Lambda FunctionName (name, partial or full ARN, with or without a qualifier).</summary>
    public static string FunctionNameOf(string functionName)
    {
        ArgumentNullException.ThrowIfNull(functionName);
        int at = functionName.IndexOf("function:", StringComparison.Ordinal);
        string rest = at >= 0 ? functionName[(at + "function:".Length)..] : functionName;
        int colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? rest[..colon] : rest;
    }

    private static ResourceInfo Create(string resource)
    {
        const string DefaultRegion = "us-east-1";
        string[] parts = resource.Split(':');
        if (parts.Length >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function")
        {
            return new ResourceInfo(resource, ResourceKind.LambdaFunction, parts[6], IntegrationPattern.RequestResponse, "lambda", parts[6], Or(parts[3], DefaultRegion));
        }

        if (parts.Length >= 7 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "activity")
        {
            return new ResourceInfo(resource, ResourceKind.Activity, parts[6], IntegrationPattern.RequestResponse, "activity", parts[6], Or(parts[3], DefaultRegion));
        }

        if (parts.Length >= 7 && parts[0] == "arn" && parts[2] == "states" && parts[3].Length == 0 && parts[4].Length == 0)
        {
            // arn:aws:states:::service:action[.suffix]  or  arn:aws:states:::aws-sdk:service:action[.suffix]
            string resourceType = parts[5];
            string action = string.Join(':', parts, 6, parts.Length - 6);
            if (resourceType == "aws-sdk" && parts.Length >= 8)
            {
                resourceType = "aws-sdk:" + parts[6];
                action = string.Join(':', parts, 7, parts.Length - 7);
            }

            var pattern = IntegrationPattern.RequestResponse;
            string name = action;
            if (action.EndsWith(".waitForTaskToken", StringComparison.Ordinal))
            {
                pattern = IntegrationPattern.WaitForTaskToken;
                name = action[..^".waitForTaskToken".Length];
            }
            else if (action.EndsWith(".sync", StringComparison.Ordinal) || action.EndsWith(".sync:2", StringComparison.Ordinal))
            {
                pattern = IntegrationPattern.Sync;
                name = action[..action.LastIndexOf(".sync", StringComparison.Ordinal)];
            }

            return new ResourceInfo(resource, ResourceKind.ServiceIntegration, name, pattern, resourceType, action, DefaultRegion);
        }

        return new ResourceInfo(resource, ResourceKind.Handler, resource, IntegrationPattern.RequestResponse, "handler", resource, DefaultRegion);

        static string Or(string value, string fallback) => value.Length == 0 ? fallback : value;
    }
}
