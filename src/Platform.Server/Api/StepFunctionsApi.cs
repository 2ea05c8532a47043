using System.Collections.Frozen;
using Platform.Asl.Json;
using Platform.Runtime.Registry;
using Platform.Server.Executions;
using Platform.Server.Hosting;

namespace Platform.Server.Api;

/// <summary>The AWS Step Functions operations: each reads its request fields, calls the registry or the executions, and
/// answers in AWS's response shape.</summary>
internal sealed partial class StepFunctionsApi
{
    /// <summary>AWS's limit on a definition, in characters.</summary>
    public const int MaxDefinitionLength = 1_048_576;

    /// <summary>AWS's limit on a task token, in characters.</summary>
    public const int MaxTaskTokenLength = 2_048;

    /// <summary>AWS Step Functions operations this server does not implement (answered with UnsupportedOperation, not
    /// UnknownOperationException, so a client learns the operation exists but is not served here).</summary>
    private static readonly FrozenSet<string> NotImplemented = FrozenSet.ToFrozenSet(
    [
        "CreateActivity", "DeleteActivity", "DescribeActivity", "ListActivities", "GetActivityTask", "SendTaskHeartbeatForActivity",
        "DescribeMapRun", "ListMapRuns", "UpdateMapRun", "TagResource", "UntagResource", "ListTagsForResource",
    ], StringComparer.Ordinal);

    private readonly ServerBackend _backend;
    private readonly FrozenDictionary<string, Func<ApiRequest, Task<JObject>>> _operations;

    public StepFunctionsApi(ServerBackend backend)
    {
        _backend = backend;
        _operations = new Dictionary<string, Func<ApiRequest, Task<JObject>>>(StringComparer.Ordinal)
        {
            ["CreateStateMachine"] = Sync(CreateStateMachine),
            ["UpdateStateMachine"] = Sync(UpdateStateMachine),
            ["DescribeStateMachine"] = Sync(DescribeStateMachine),
            ["DescribeStateMachineForExecution"] = Sync(DescribeStateMachineForExecution),
            ["ListStateMachines"] = Sync(ListStateMachines),
            ["DeleteStateMachine"] = Sync(DeleteStateMachine),
            ["PublishStateMachineVersion"] = Sync(PublishStateMachineVersion),
            ["ListStateMachineVersions"] = Sync(ListStateMachineVersions),
            ["DeleteStateMachineVersion"] = Sync(DeleteStateMachineVersion),
            ["CreateStateMachineAlias"] = Sync(CreateStateMachineAlias),
            ["DescribeStateMachineAlias"] = Sync(DescribeStateMachineAlias),
            ["UpdateStateMachineAlias"] = Sync(UpdateStateMachineAlias),
            ["DeleteStateMachineAlias"] = Sync(DeleteStateMachineAlias),
            ["ListStateMachineAliases"] = Sync(ListStateMachineAliases),
            ["StartExecution"] = StartExecutionAsync,
            ["StartSyncExecution"] = StartSyncExecutionAsync,
            ["DescribeExecution"] = Sync(DescribeExecution),
            ["ListExecutions"] = Sync(ListExecutions),
            ["GetExecutionHistory"] = Sync(GetExecutionHistory),
            ["StopExecution"] = StopExecutionAsync,
            ["SendTaskSuccess"] = SendTaskSuccessAsync,
            ["SendTaskFailure"] = SendTaskFailureAsync,
            ["SendTaskHeartbeat"] = SendTaskHeartbeatAsync,
            ["ValidateStateMachineDefinition"] = Sync(ValidateStateMachineDefinition),
            ["TestState"] = TestStateAsync,
            ["RedriveExecution"] = RedriveExecutionAsync,
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Serves <paramref name="operations"/> instead of the server's own: the seam for a host with another backend
    /// (the Azure Functions app), which keeps this class's protocol handling and refusals.</summary>
    internal StepFunctionsApi(IReadOnlyDictionary<string, Func<ApiRequest, Task<JObject>>> operations)
    {
        _backend = null!;
        _operations = operations.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Gets the names of the operations served.</summary>
    public IEnumerable<string> Operations => _operations.Keys;

    private ExecutionService Executions => _backend.Executions;

    private StateMachineRegistry Registry => _backend.Registry;

    /// <summary>Runs one operation.</summary>
    /// <exception cref="ApiException">The operation is unknown or not served, or the request is refused.</exception>
    public Task<JObject> InvokeAsync(string operation, ApiRequest request)
    {
        if (_operations.TryGetValue(operation, out var handler))
        {
            return handler(request);
        }

        throw NotImplemented.Contains(operation)
            ? new ApiException(ApiErrorCodes.UnsupportedOperation, $"{operation} is an AWS Step Functions operation that this server does not implement.")
            : new ApiException(ApiErrorCodes.UnknownOperationException, $"Unknown operation '{ApiRequest.Shorten(operation)}': X-Amz-Target must be AWSStepFunctions.<Operation>, e.g. AWSStepFunctions.ListStateMachines.");
    }

    private static Func<ApiRequest, Task<JObject>> Sync(Func<ApiRequest, JObject> operation) => request => Task.FromResult(operation(request));

    /// <summary>maxResults of a listing: 0–1000, where 0 (or absent) means 100, as AWS does.</summary>
    private static int PageSize(ApiRequest request, int max = 1000) => request.OptionalInt("maxResults", 0, max) is { } size and > 0 ? size : 100;

    private static string? NextToken(ApiRequest request) => request.OptionalString("nextToken", 1, 1024);

    private static string Arn(ApiRequest request, string field) => request.RequiredString(field, 1, RegistryNames.MaxArnLength);

    private static string TypeName(StateMachineType type) => type == StateMachineType.Express ? "EXPRESS" : "STANDARD";

    /// <summary>AWS's default logging configuration (logging is not modelled: nothing is logged).</summary>
    private static JObject LoggingConfiguration => new(["level", "includeExecutionData"], [JNode.From("OFF"), JNode.False]);

    private static JObject TracingConfiguration => new(["enabled"], [JNode.False]);
}
