using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Asl.Json;
using Platform.Runtime.Durable;
using Platform.Runtime.Registry;
using Platform.Server.Hosting;

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
        string requestId = RandomIds.NewString();
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
        await WriteAsync(context.Response, answer, context.RequestAborted);
    }

    /// <summary>Writes the answer's JSON as UTF-8 straight into the response pipe with its Content-Length (one write, no
    /// chunked framing, and no text or byte array in between).</summary>
    internal static async Task WriteAsync(HttpResponse response, JObject answer, CancellationToken cancellationToken)
    {
        var writer = response.BodyWriter;
        int length = answer.Utf8Size;
        if (!JsonWriter.TryWriteUtf8(answer, writer.GetSpan(length)[..length], out int written) || written != length)
        {
            // Utf8Size counts a lone surrogate as the two bytes of half a pair, while it is written as U+FFFD (three):
            // such an answer goes through the text.
            byte[] text = Encoding.UTF8.GetBytes(answer.ToJson());
            response.ContentLength = text.Length;
            await response.Body.WriteAsync(text, cancellationToken);
            return;
        }

        response.ContentLength = length;
        writer.Advance(length);
        await writer.FlushAsync(cancellationToken);
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

        byte[] buffer;
        int length;
        try
        {
            (buffer, length) = await ReadBodyAsync(request);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ApiException(ApiErrorCodes.ValidationException, $"The request body is larger than this server accepts ({PlatformServer.MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture)} bytes).", 413);
        }

        JNode body;
        try
        {
            body = Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return body is JObject fields
            ? (target[TargetPrefix.Length..], new ApiRequest(fields))
            : throw new ApiException(ApiErrorCodes.SerializationException, $"The request body must be a JSON object, found {body.KindName}.");
    }

    /// <summary>Reads the whole body into a rented buffer (sized by Content-Length when there is one), which the caller returns.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and < PlatformServer.MaxRequestBodyBytes ? (int)request.ContentLength.Value + 1 : 4096);
        try
        {
            int filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan().CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await request.Body.ReadAsync(buffer.AsMemory(filled), request.HttpContext.RequestAborted);
                if (read == 0)
                {
                    return (buffer, filled);
                }

                filled += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>The body as JSON, as if it were decoded to text first (a byte order mark dropped, invalid UTF-8 replaced
    /// by U+FFFD, a blank body read as <c>{}</c>): valid UTF-8 with something other than whitespace in it, the usual case,
    /// is parsed as it is, without the round trip through a string.</summary>
    private static JNode Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        // A printable ASCII character is never white space, so such a body is not blank; then decoding valid UTF-8 and
        // encoding it again gives back the same bytes, which is what the parser reads.
        int visible = utf8.IndexOfAnyInRange((byte)0x21, (byte)0x7E);
        if (visible < 0 || !Utf8.IsValid(utf8))
        {
            string text = Encoding.UTF8.GetString(utf8);
            if (string.IsNullOrWhiteSpace(text))
            {
                return JObject.Empty;
            }

            try
            {
                return JsonParser.Parse(text);
            }
            catch (JsonParseException ex)
            {
                throw NotJson(ex);
            }
        }

        try
        {
            return JsonParser.Parse(utf8);
        }
        catch (JsonParseException ex)
        {
            throw NotJson(ex);
        }
    }

    private static ApiException NotJson(JsonParseException ex) => new(ApiErrorCodes.SerializationException,
        $"The request body is not valid JSON: line {ex.Line.ToString(CultureInfo.InvariantCulture)}, column {ex.Column.ToString(CultureInfo.InvariantCulture)}: {ex.Reason}.");
}
