using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Asl.Graph;
using Platform.Asl.Json;
using Platform.Asl.Parsing;
using Platform.Runtime.Registry;
using Platform.Server.Api;
using Platform.Server.Hosting;

namespace Platform.Server.WebConsole;

/// <summary><c>GET /console/api/graph?stateMachineArn=…</c> or <c>?executionArn=…</c>: the layout that
/// <c>platform graph --format json</c> computes (<see cref="GraphJsonWriter"/>), for a state machine's current definition
/// (or a version's), or for the revision an execution runs (the definition DescribeStateMachineForExecution answers), so the
/// console draws exactly what the command line draws.</summary>
/// <remarks>The console's only endpoint besides the AWS API. Errors are the API's: HTTP 400 with
/// <c>{"__type": "com.amazonaws.states#Code", "message": "…"}</c> (<c>StateMachineDoesNotExist</c>, <c>ExecutionDoesNotExist</c>,
/// <c>InvalidArn</c>, <c>ValidationException</c>).</remarks>
internal sealed class ConsoleGraphEndpoint(ServerBackend backend, ILogger<ConsoleGraphEndpoint> logger)
{
    /// <summary>The path served.</summary>
    public const string Path = "/console/api/graph";

    /// <summary>The content type of the layout.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Answers one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        int status = 200;
        string body;
        string contentType = ContentType;
        try
        {
            body = Layout(context.Request.Query);
        }
        catch (Exception ex) when (AwsJsonEndpoint.Refusal(ex) is { } refusal)
        {
            (status, body, contentType) = (refusal.Status, refusal.Body.ToJson(), AwsJsonEndpoint.ContentType);
        }
        catch (Exception ex)
        {
            string requestId = Guid.NewGuid().ToString();
            logger.LogError(ex, "Console graph request {RequestId} failed", requestId);
            (status, body, contentType) = (500, AwsJsonEndpoint.Error(ApiErrorCodes.InternalFailure, $"Internal server error (request {requestId}): {ex.Message}").ToJson(), AwsJsonEndpoint.ContentType);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>The layout JSON of the definition the query names.</summary>
    /// <exception cref="ApiException">The query names neither or both, or a parameter is repeated, empty or too long.</exception>
    /// <exception cref="RegistryException">The state machine does not exist, or its ARN is malformed.</exception>
    internal string Layout(IQueryCollection query)
    {
        var fields = new JObjectBuilder(query.Count);
        foreach (var (key, values) in query)
        {
            if (key is not ("stateMachineArn" or "executionArn"))
            {
                throw new ApiException(ApiErrorCodes.ValidationException,
                    $"Unknown query parameter '{ApiRequest.Shorten(key)}': give stateMachineArn or executionArn.");
            }

            if (values.Count != 1)
            {
                throw new ApiException(ApiErrorCodes.ValidationException, $"The query parameter '{key}' is given {values.Count} times: give it once.");
            }

            fields.Set(key, JNode.From(values[0] ?? string.Empty));
        }

        var request = new ApiRequest(fields.Build());
        string? machineArn = request.OptionalString("stateMachineArn", 1, RegistryNames.MaxArnLength);
        string? executionArn = request.OptionalString("executionArn", 1, RegistryNames.MaxArnLength);
        string definition = (machineArn, executionArn) switch
        {
            (null, null) => throw new ApiException(ApiErrorCodes.ValidationException,
                "Give the state machine to draw: ?stateMachineArn=<state machine or version ARN> or ?executionArn=<execution ARN>."),
            ({ }, { }) => throw new ApiException(ApiErrorCodes.ValidationException,
                "Give either stateMachineArn or executionArn, not both."),
            ({ } machine, null) => backend.Registry.DescribeStateMachine(machine).Definition,
            (null, { } execution) => backend.Executions.RevisionOf(execution).Revision.Definition,
        };

        var parsed = AslParser.Parse(definition);
        if (parsed.Definition is null)
        {
            // Registered definitions are valid when stored; one that no longer validates is reported, not drawn.
            var first = parsed.Errors.First();
            throw new ApiException(ApiErrorCodes.InvalidDefinition,
                $"The stored definition does not validate any more, so it cannot be drawn: {first}");
        }

        return GraphRenderer.Render(parsed.Definition, GraphFormat.Json);
    }
}
