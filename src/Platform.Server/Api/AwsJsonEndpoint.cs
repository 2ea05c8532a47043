using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Asl.Json;
using Platform.Runtime.Durable;
using Platform.Runtime.Registry;

namespace Platform.Server.Api;

/// <summary>The AWS JSON 1.0 protocol at <c>POST /</c>: <c>X-Amz-Target: AWSStepFunctions.&lt;Operation&gt;</c>, a JSON body,
/// a JSON answer; errors are HTTP 400 with <c>{"__type": "com.amazonaws.states#&lt;Code&gt;", "message": "…"}</c>, which the
/// AWS SDKs and the AWS CLI read as the error code.</summary>
internal sealed class AwsJsonEndpoint(StepFunctionsApi api, ILogger<AwsJsonEndpoint> logger)
{
    /// <summary>The prefix of <c>X-Amz-Target</c>.</summary>
    public const string TargetPrefix = "AWSStepFunctions.";

    /// <summary>The content type of requests and answers.</summary>
    public const string ContentType = "application/x-amz-json-1.0";

    /// <summary>Answers one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        string requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        JObject answer;
        int status = 200;
        try
        {
            var (operation, request) = await ReadAsync(context.Request);
            answer = await api.InvokeAsync(operation, request);
        }
        catch (Exception ex) when (Refusal(ex) is { } refusal)
        {
            (status, answer) = refusal;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // A bug: say so plainly, with the request id to find it in the log.
            logger.LogError(ex, "Request {RequestId} failed", requestId);
            (status, answer) = (500, Error(ApiErrorCodes.InternalFailure, $"Internal server error (request {requestId}): {ex.Message}"));
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await context.Response.WriteAsync(answer.ToJson(), context.RequestAborted);
    }

    /// <summary>The HTTP status and AWS error body of a refused request (an <see cref="ApiException"/>, a registry or a
    /// task callback error), or null for any other exception (a bug).</summary>
    public static (int Status, JObject Body)? Refusal(Exception exception) => exception switch
    {
        ApiException ex => (ex.StatusCode, Error(ex.Code, ex.Message)),
        RegistryException ex => (400, Error(ex.ErrorCode, ex.Message)),
        TaskCallbackException ex => (400, Error(ex.Code, ex.Message)),
        _ => null,
    };

    /// <summary>The error body AWS sends.</summary>
    public static JObject Error(string code, string message) =>
        new(["__type", "message"], [JNode.From(ApiErrorCodes.TypePrefix + code), JNode.From(message)]);

    private static async Task<(string Operation, ApiRequest Request)> ReadAsync(HttpRequest request)
    {
        string target = request.Headers["X-Amz-Target"].ToString();
        if (target.Length == 0)
        {
            throw new ApiException(ApiErrorCodes.UnknownOperationException, "Missing X-Amz-Target header: expected AWSStepFunctions.<Operation>, e.g. AWSStepFunctions.ListStateMachines.");
        }

        if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal) || target.Length == TargetPrefix.Length)
        {
            throw new ApiException(ApiErrorCodes.UnknownOperationException, $"Unknown operation '{ApiRequest.Shorten(target)}': X-Amz-Target must be AWSStepFunctions.<Operation>.");
        }

        string? mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not null && mediaType.Length > 0
            && !mediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase) && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(ApiErrorCodes.SerializationException, $"Unsupported Content-Type '{ApiRequest.Shorten(mediaType)}': send {ContentType}.");
        }

        string text;
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ApiException(ApiErrorCodes.ValidationException, $"The request body is larger than this server accepts ({PlatformServer.MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture)} bytes).", 413);
        }

        JNode body;
        if (string.IsNullOrWhiteSpace(text))
        {
            body = JObject.Empty;
        }
        else
        {
            try
            {
                body = JsonParser.Parse(text);
            }
            catch (JsonParseException ex)
            {
                throw new ApiException(ApiErrorCodes.SerializationException,
                    $"The request body is not valid JSON: line {ex.Line.ToString(CultureInfo.InvariantCulture)}, column {ex.Column.ToString(CultureInfo.InvariantCulture)}: {ex.Reason}.");
            }
        }

        return body is JObject fields
            ? (target[TargetPrefix.Length..], new ApiRequest(fields))
            : throw new ApiException(ApiErrorCodes.SerializationException, $"The request body must be a JSON object, found {body.KindName}.");
    }
}
