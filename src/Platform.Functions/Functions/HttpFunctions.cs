using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Platform.Functions.Durable;
using Platform.Server.Approvals;

namespace Platform.Functions.Functions;

/// <summary>The AWS Step Functions-compatible API and the approval links, over ASP.NET Core integration.</summary>
/// <param name="platform">The app's parts.</param>
public sealed class HttpFunctions(FunctionsPlatform platform)
{
    /// <summary>AWS JSON 1.0 (<c>POST /api/sfn</c> with <c>X-Amz-Target</c>): the server's own request handling, with the
    /// executions on Durable Functions. Clients send the function key in <c>x-functions-key</c>.</summary>
    [Function("StepFunctionsApi")]
    public async Task<IActionResult> Api([HttpTrigger(AuthorizationLevel.Function, "post", Route = "sfn")] HttpRequest request, [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        await platform.Api(new DurableWorkflowClient(client)).HandleAsync(request.HttpContext);
        return new EmptyResult();
    }

    /// <summary>An approval link (<c>/api/approvals?token=…</c>): GET shows the decision page, POST decides. Anonymous:
    /// the signed, expiring task token is the authorization, and the link never carries a key.</summary>
    [Function("ApprovalLink")]
    public async Task<IActionResult> Approval([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "approvals")] HttpRequest request, [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (platform.Tokens is null)
        {
            return new ContentResult { StatusCode = 503, Content = "Approval links need the setting " + AppSettings.TaskTokenKey + ".", ContentType = "text/plain; charset=utf-8" };
        }

        string? decision = null;
        string? comment = null;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            decision = form["decision"].ToString();
            comment = form["comment"].ToString() is { Length: > 0 } text ? text : null;
        }

        var (status, html) = await CallbackLinks.HandleAsync(
            new DurableWorkflowClient(client), platform.Tokens, request.Method, request.Query["token"].ToString(), decision, comment,
            platform.Time.GetUtcNow().UtcDateTime, request.HttpContext.RequestAborted);
        return new ContentResult { StatusCode = status, Content = html, ContentType = "text/html; charset=utf-8" };
    }
}
