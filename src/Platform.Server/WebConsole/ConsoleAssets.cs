using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Platform.Server.WebConsole;

/// <summary>The web console's files (HTML, CSS, JavaScript modules), embedded in this assembly under
/// <c>console/</c> and served at <c>/console/</c> with their content types, an ETag, and a strict content security
/// policy. No build step: the files are served exactly as they are in <c>WebConsole/wwwroot</c>.</summary>
/// <remarks>They are embedded rather than read from disk so that <c>dotnet run</c> from any directory (or an installed
/// <c>platform</c>) serves the same console. The files hold no data; everything they show comes from the API.</remarks>
internal sealed class ConsoleAssets
{
    /// <summary>The prefix of the console's embedded resource names.</summary>
    public const string ResourcePrefix = "console/";

    /// <summary>The page served for <c>/console/</c>.</summary>
    public const string IndexFile = "index.html";

    /// <summary>What the console's pages may load: only this origin's scripts, styles and API; no inline script.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, ConsoleAsset> _files;

    private ConsoleAssets(FrozenDictionary<string, ConsoleAsset> files) => _files = files;

    /// <summary>Gets the files, by path relative to <c>/console/</c> (e.g. <c>app.js</c>).</summary>
    public IReadOnlyDictionary<string, ConsoleAsset> Files => _files;

    /// <summary>Reads the embedded files of this assembly.</summary>
    /// <exception cref="InvalidOperationException">A file has an extension without a known content type (a build mistake).</exception>
    public static ConsoleAssets Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            string path = name[ResourcePrefix.Length..].Replace('\\', '/');
            files[path] = new ConsoleAsset(path, Read(assembly, name), ContentTypeOf(path));
        }

        if (!files.ContainsKey(IndexFile))
        {
            throw new InvalidOperationException($"The console's {IndexFile} is not embedded in {assembly.GetName().Name}.");
        }

        return new ConsoleAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Gets the content type of a console file by its extension.</summary>
    /// <exception cref="InvalidOperationException">The extension has no known content type.</exception>
    public static string ContentTypeOf(string path) =>
        ContentTypes.TryGetValue(Path.GetExtension(path), out string? type)
            ? type
            : throw new InvalidOperationException($"The console file '{path}' has no known content type: add its extension to {nameof(ConsoleAssets)}.");

    /// <summary>Answers <c>GET</c> or <c>HEAD</c> of <c>/console/{path}</c>: the file (the index for an empty path), 304 when
    /// the ETag matches, or 404 naming the path; <c>/console</c> itself is redirected to <c>/console/</c>, where the page's
    /// relative links resolve.</summary>
    public async Task ServeAsync(HttpContext context, string? path)
    {
        var response = context.Response;
        if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
        {
            response.StatusCode = StatusCodes.Status301MovedPermanently;
            response.Headers.Location = context.Request.PathBase + context.Request.Path + "/" + context.Request.QueryString;
            return;
        }

        response.Headers.XContentTypeOptions = "nosniff";
        if (!_files.TryGetValue(string.IsNullOrEmpty(path) ? IndexFile : path, out var file))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync($"No console file '/console/{path}'. The console is at /console/.\n", context.RequestAborted);
            return;
        }

        response.Headers.ETag = file.ETag;
        response.Headers.CacheControl = "no-cache";
        if (file.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers["Referrer-Policy"] = "no-referrer";
        }

        if (context.Request.Headers.IfNoneMatch.Any(tag => tag is not null && (tag == file.ETag || tag == "*")))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = file.ContentType;
        response.ContentLength = file.Content.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(file.Content, context.RequestAborted);
        }
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' cannot be read.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>One console file.</summary>
/// <param name="Path">The path relative to <c>/console/</c>.</param>
/// <param name="Content">The bytes served.</param>
/// <param name="ContentType">The Content-Type header.</param>
internal sealed record ConsoleAsset(string Path, byte[] Content, string ContentType)
{
    /// <summary>Gets the strong ETag: a hash of the content.</summary>
    public string ETag { get; } = "\"" + Convert.ToHexStringLower(SHA256.HashData(Content))[..16] + "\"";
}
