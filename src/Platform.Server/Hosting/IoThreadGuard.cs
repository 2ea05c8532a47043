using Microsoft.AspNetCore.Http;
using Platform.Server.Api;

namespace Platform.Server.Hosting;

/// <summary>Keeps blocking requests off the socket threads when sockets complete inline.</summary>
/// <remarks>
/// <c>platform serve</c> sets <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> (unless it is set already), and the
/// server then has Kestrel schedule inline too (<c>UnsafePreferInlineScheduling</c>): a request runs on the thread that read it from the
/// socket, instead of being handed to the thread pool twice on the way in and once on the way out. On two cores that is
/// about a third of a small request's cost. A request that blocks on that thread (a SQLite commit, a file read) would hold
/// up every connection the thread serves, so every request except StartSyncExecution first moves to the thread pool;
/// StartSyncExecution runs an Express execution in memory, which blocks on nothing (its tasks and waits are asynchronous).
/// On a thread-pool thread (the default scheduling, and the test server) this does nothing.
/// </remarks>
public static class IoThreadGuard
{
    /// <summary>The .NET setting that completes socket operations on the socket threads.</summary>
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    private const string InlineTarget = AwsJsonEndpoint.TargetPrefix + "StartSyncExecution";

    /// <summary>Runs the rest of the pipeline, on the thread pool unless the request may stay where it is.</summary>
    public static Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        Thread.CurrentThread.IsThreadPoolThread || MayRunInline(context.Request) ? next(context) : OnThreadPoolAsync(context, next);

    /// <summary>Whether a request never blocks, so it may run on a socket thread: <c>POST /</c> with
    /// <c>X-Amz-Target: AWSStepFunctions.StartSyncExecution</c>.</summary>
    public static bool MayRunInline(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value == "/" && request.Headers["X-Amz-Target"] == InlineTarget;

    private static async Task OnThreadPoolAsync(HttpContext context, RequestDelegate next)
    {
        await Task.Yield();
        await next(context);
    }
}
