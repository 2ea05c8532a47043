using System.Globalization;
using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Runtime.Durable;
using Platform.Runtime.Registry;
using Platform.Server.Executions;

namespace Platform.Server.Api;

/// <summary>Executions and task callbacks.</summary>
internal sealed partial class StepFunctionsApi
{
    private const int MaxErrorLength = 256;
    private const int MaxCauseLength = 32_768;

    private async Task<JObject> StartExecutionAsync(ApiRequest request)
    {
        var (arn, startDate) = await Executions.StartAsync(
            Arn(request, "stateMachineArn"),
            request.OptionalString("name", 1, RegistryNames.MaxNameLength),
            request.OptionalPayload("input", ExecutionService.MaxPayloadBytes));
        return new ApiResponse().Add("executionArn", arn).Add("startDate", startDate).Build();
    }

    private async Task<JObject> StartSyncExecutionAsync(ApiRequest request)
    {
        var execution = await Executions.StartSyncAsync(
            Arn(request, "stateMachineArn"),
            request.OptionalString("name", 1, RegistryNames.MaxNameLength),
            request.OptionalPayload("input", ExecutionService.MaxPayloadBytes));
        var result = execution.Result!;

        // StartSyncExecution knows SUCCEEDED, FAILED and TIMED_OUT; an execution stopped meanwhile is reported FAILED.
        string status = result.Status switch
        {
            ExecutionStatus.Succeeded => "SUCCEEDED",
            ExecutionStatus.TimedOut => "TIMED_OUT",
            _ => "FAILED",
        };
        return new ApiResponse()
            .Add("executionArn", execution.Arn)
            .Add("stateMachineArn", execution.Revision.StateMachineArn)
            .Add("name", execution.Input.Name)
            .Add("startDate", execution.StartDate)
            .Add("stopDate", execution.StopDate)
            .Add("status", status)
            .Add("error", result.Error ?? (result.Status == ExecutionStatus.Aborted ? "States.Aborted" : null))
            .Add("cause", result.Cause)
            .Add("input", execution.InputJson.ToString())
            .Add("inputDetails", Included)
            .Add("output", result.Output?.ToString())
            .Add("outputDetails", result.Output is null ? null : Included)
            .Build();
    }

    private JObject DescribeExecution(ApiRequest request)
    {
        var view = Executions.Describe(Arn(request, "executionArn"));
        return Summary(view)
            .Add("input", view.Input.ToString())
            .Add("inputDetails", Included)
            .Add("output", view.Output?.ToString())
            .Add("outputDetails", view.Output is null ? null : Included)
            .Add("error", view.Error)
            .Add("cause", view.Cause)
            .Add("redriveStatus", view.RedriveStatus)
            .Add("redriveStatusReason", view.RedriveStatusReason)
            .Build();
    }

    /// <summary>What DescribeExecution and ListExecutions both say of an execution.</summary>
    private static ApiResponse Summary(ExecutionView view) => new ApiResponse()
        .Add("executionArn", view.ExecutionArn)
        .Add("stateMachineArn", view.StateMachineArn)
        .Add("name", view.Name)
        .Add("status", view.Status)
        .Add("startDate", view.StartDate)
        .Add("stopDate", view.StopDate)
        .Add("stateMachineVersionArn", view.VersionArn)
        .Add("stateMachineAliasArn", view.AliasArn)
        .Add("redriveCount", view.RedriveCount)
        .Add("redriveDate", view.RedriveDate);

    private JObject ListExecutions(ApiRequest request)
    {
        var (stateMachineArn, status, pageSize, nextToken) = ReadListExecutions(request);
        var (executions, next) = Executions.List(stateMachineArn, status, pageSize, nextToken);
        var items = executions.Select(view => (JNode)Summary(view).Build());
        return new ApiResponse().Add("executions", new JArray(items)).Add("nextToken", next).Build();
    }

    /// <summary>ListExecutions' fields, checked as AWS checks them (shared with the Azure Functions app's API).</summary>
    internal static (string StateMachineArn, string? StatusFilter, int PageSize, string? NextToken) ReadListExecutions(ApiRequest request)
    {
        if (request.OptionalString("mapRunArn") is not null)
        {
            throw new ApiException(ApiErrorCodes.ValidationException, "mapRunArn: Distributed Map runs are not separate executions on this server (Maps run inline); list by stateMachineArn.");
        }

        string stateMachineArn = request.OptionalString("stateMachineArn", 1, RegistryNames.MaxArnLength)
            ?? throw ApiRequest.Invalid("Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null (give a state machine, version or alias ARN)");
        string? status = request.OptionalEnum("statusFilter", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");
        return (stateMachineArn, status, PageSize(request), NextToken(request));
    }

    /// <summary>GetExecutionHistory's fields other than the ARN (shared with the Azure Functions app's API).</summary>
    internal static (int MaxResults, bool Reverse, bool IncludeData, string? NextToken) ReadHistoryPaging(ApiRequest request) =>
        (PageSize(request), request.Bool("reverseOrder"), request.Body["includeExecutionData"] is null or JNull || request.Bool("includeExecutionData"), NextToken(request));

    private JObject GetExecutionHistory(ApiRequest request)
    {
        string arn = Arn(request, "executionArn");
        var (maxResults, reverse, includeData, nextToken) = ReadHistoryPaging(request);
        var (events, next) = Executions.History(arn, maxResults, reverse, nextToken);
        return new ApiResponse()
            .Add("events", new JArray(events.Select(e => (JNode)WireEvent(e, includeData))))
            .Add("nextToken", next)
            .Build();
    }

    private async Task<JObject> StopExecutionAsync(ApiRequest request)
    {
        var stopDate = await Executions.StopAsync(
            Arn(request, "executionArn"),
            request.OptionalString("error", 0, MaxErrorLength),
            request.OptionalString("cause", 0, MaxCauseLength));
        return new ApiResponse().Add("stopDate", stopDate).Build();
    }

    private async Task<JObject> SendTaskSuccessAsync(ApiRequest request)
    {
        string token = request.RequiredString("taskToken", 1, MaxTaskTokenLength);
        string outputText = request.OptionalPayload("output", ExecutionService.MaxPayloadBytes)
            ?? throw ApiRequest.Invalid("Value null at 'output' failed to satisfy constraint: Member must not be null");
        var output = ExecutionService.ParseInput(outputText, "Output", ApiErrorCodes.InvalidOutput);
        await Executions.Durable.SendTaskSuccessAsync(token, output);
        return ApiResponse.Empty;
    }

    private async Task<JObject> SendTaskFailureAsync(ApiRequest request)
    {
        string token = request.RequiredString("taskToken", 1, MaxTaskTokenLength);
        await Executions.Durable.SendTaskFailureAsync(
            token,
            request.OptionalString("error", 0, MaxErrorLength),
            request.OptionalString("cause", 0, MaxCauseLength));
        return ApiResponse.Empty;
    }

    private async Task<JObject> SendTaskHeartbeatAsync(ApiRequest request)
    {
        await Executions.Durable.SendTaskHeartbeatAsync(request.RequiredString("taskToken", 1, MaxTaskTokenLength));
        return ApiResponse.Empty;
    }

    /// <summary><c>{"included": true}</c> (values never change, so one serves every answer).</summary>
    private static readonly JObject Included = new(["included"], [JNode.True]);

    /// <summary>A history event as the wire carries it: the timestamp in epoch seconds; without the execution data
    /// (inputs, outputs) when <paramref name="includeData"/> is off.</summary>
    internal static JObject WireEvent(JObject historyEvent, bool includeData)
    {
        var builder = new JObjectBuilder(historyEvent.Count);
        foreach (var (key, value) in historyEvent)
        {
            if (key == "timestamp" && value is JString { Value: var text }
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                builder.Set(key, ApiResponse.Date(at));
            }
            else if (!includeData && value is JObject details && key.EndsWith("EventDetails", StringComparison.Ordinal))
            {
                builder.Set(key, details.Without("input").Without("output").Without("inputDetails").Without("outputDetails"));
            }
            else
            {
                builder.Set(key, value);
            }
        }

        return builder.Build();
    }

    /// <summary>RedriveExecution: the durable host reruns what did not succeed (<c>docs/durable-runtime.md</c>, "Redrive").</summary>
    /// <remarks><c>clientToken</c> is accepted and not used: a second redrive of a running execution is refused as RUNNING.</remarks>
    private async Task<JObject> RedriveExecutionAsync(ApiRequest request)
    {
        _ = request.OptionalString("clientToken", 1, 64);
        var redriveDate = await Executions.RedriveAsync(Arn(request, "executionArn"));
        return new ApiResponse().Add("redriveDate", redriveDate).Build();
    }

    /// <summary>Maps the durable host's callback refusal to AWS's error.</summary>
    internal static ApiException FromCallback(TaskCallbackException exception) => new(exception.Code, exception.Message);
}
