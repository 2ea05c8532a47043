using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Engine.Integrations.Services;

/// <summary>The pieces of AWS's result shapes that every optimized integration shares.</summary>
internal static class AwsResults
{
    /// <summary>Adds <c>SdkHttpMetadata</c> and <c>SdkResponseMetadata</c> as optimized integrations (and <c>lambda:invoke</c>
    /// here) report them: the status code and a request id (the invocation's stable id).</summary>
    public static JObject WithSdkMetadata(JObjectBuilder builder, TaskInvocation invocation)
    {
        builder.Set("SdkHttpMetadata", new JObject(["HttpStatusCode"], [JNode.From(200)]));
        builder.Set("SdkResponseMetadata", new JObject(["RequestId"], [JNode.From(invocation.ActivityId ?? invocation.InvocationId)]));
        return builder.Build();
    }

    /// <summary>AWS's SDK v1 error suffix: <c>(Service: X; Status Code: N; Error Code: E; Request ID: …)</c>.</summary>
    public static string SdkV1Suffix(string service, int status, string code, TaskInvocation invocation) =>
        $" (Service: {service}; Status Code: {status}; Error Code: {code}; Request ID: {invocation.ActivityId ?? invocation.InvocationId}; Proxy: null)";

    /// <summary>AWS's SDK v2 error suffix (aws-sdk integrations): <c>(Service: X, Status Code: N, Request ID: …)</c>.</summary>
    public static string SdkV2Suffix(string service, int status, string code, TaskInvocation invocation) =>
        $" (Service: {service}, Status Code: {status}, Error Code: {code}, Request ID: {invocation.ActivityId ?? invocation.InvocationId})";
}
