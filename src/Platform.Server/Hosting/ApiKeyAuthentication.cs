using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.Server.Api;

namespace Platform.Server.Hosting;

/// <summary>When an API key is configured, every request must present it: <c>Authorization: Bearer &lt;key&gt;</c>,
/// <c>X-Api-Key: &lt;key&gt;</c>, or (for AWS clients) as the access key id of a SigV4 <c>Authorization</c> header
/// (<c>Credential=&lt;key&gt;/…</c>; the signature itself is not checked). Paths under <see cref="ExemptPrefix"/> are left to
/// the approval pages, which carry signed tokens of their own; the web console's files (<c>/console/</c>, except
/// <c>/console/api/</c>) are served without the key, since they hold no data and the page must load to ask for it.</summary>
internal sealed class ApiKeyAuthentication(string apiKey)
{
    /// <summary>The path prefix reserved for approval links (GET shows, POST decides), which never need the key.</summary>
    public const string ExemptPrefix = "/approvals/";

    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/approvals", StringComparison.Ordinal) || IsConsoleFile(path) || Accepts(context.Request))
        {
            await next(context);
            return;
        }

        bool api = path == "/" && HttpMethods.IsPost(context.Request.Method);
        bool presented = Presented(context.Request) is not null;
        string message = presented
            ? "The security token included in the request is invalid: the API key does not match."
            : "The request carries no API key: send 'Authorization: Bearer <key>', 'X-Api-Key: <key>', or sign it with the key as the AWS access key id.";
        context.Response.StatusCode = api ? 400 : 403;
        context.Response.ContentType = AwsJsonEndpoint.ContentType;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        var body = AwsJsonEndpoint.Error(api ? ApiErrorCodes.UnrecognizedClientException : ApiErrorCodes.AccessDeniedException, message);
        await context.Response.WriteAsync(body.ToJson(), context.RequestAborted);
    }

    /// <summary>Whether the path is one of the console's static files (its data comes from the API and /console/api/, which need the key).</summary>
    internal static bool IsConsoleFile(PathString path) =>
        path.StartsWithSegments("/console", StringComparison.Ordinal) && !path.StartsWithSegments("/console/api", StringComparison.Ordinal);

    private bool Accepts(HttpRequest request) =>
        Presented(request) is { } key && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), _expected);

    /// <summary>The key the request presents, if any.</summary>
    internal static string? Presented(HttpRequest request)
    {
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        if (authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
        {
            int at = authorization.IndexOf("Credential=", StringComparison.Ordinal);
            if (at >= 0)
            {
                int start = at + "Credential=".Length;
                int slash = authorization.IndexOf('/', start);
                return slash > start ? authorization[start..slash] : null;
            }
        }

        string header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header : null;
    }
}
