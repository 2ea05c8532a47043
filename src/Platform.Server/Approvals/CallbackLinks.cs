using System.Net;
using Platform.Asl.Json;
using Platform.Engine.Orchestration;
using Platform.Engine.Tasks;

namespace Platform.Server.Approvals;

/// <summary>Approval links for a host that answers them over a <see cref="WorkflowClient"/> (the Azure Functions app): the
/// link carries a <c>.waitForTaskToken</c> task token; GET shows a confirmation page and changes nothing (link scanners
/// must not approve anything), POST decides, answering the task with <c>{"approved", "comment"}</c>.</summary>
/// <remarks>The token is signed and expiring, so a forged or expired link says so; a link whose execution no longer runs
/// says it was used or is no longer awaited. The link never carries Durable's system key.</remarks>
public static class CallbackLinks
{
    /// <summary>Answers one request to an approval link with an HTTP status and an HTML page.</summary>
    /// <param name="client">Reads the execution and raises the decision.</param>
    /// <param name="tokens">Verifies the token.</param>
    /// <param name="method">GET (show) or POST (decide).</param>
    /// <param name="token">The task token from the link.</param>
    /// <param name="decision">On POST: "approve" or "reject".</param>
    /// <param name="comment">On POST: an optional comment.</param>
    /// <param name="nowUtc">The current time.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public static async Task<(int Status, string Html)> HandleAsync(
        WorkflowClient client, TaskTokens tokens, string method, string? token, string? decision, string? comment, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(tokens);
        var check = tokens.Verify(token, nowUtc);
        if (check.Status == TaskTokenStatus.Invalid)
        {
            return Page(400, "Invalid link", $"This approval link is not valid: {check.Reason}. Nothing was changed.");
        }

        if (check.Status == TaskTokenStatus.Expired)
        {
            return Page(410, "Expired link", $"This approval link has expired: {check.Reason}. Nothing was changed.");
        }

        var instance = await client.GetInstanceAsync(check.ExecutionId!, getInputsAndOutputs: false, cancellationToken);
        if (instance is null || instance.RuntimeStatus is not (WorkflowRuntimeStatus.Running or WorkflowRuntimeStatus.Pending or WorkflowRuntimeStatus.Suspended))
        {
            return Page(410, "Link already used", "This approval link was already used, or its workflow no longer waits for it. Nothing was changed.");
        }

        if (string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return Page(200, "Approval", $"<form method=\"post\"><p>Execution {Encode(check.ExecutionId!)} waits for your decision.</p>"
                + "<p><label>Comment <input name=\"comment\" maxlength=\"1000\"></label></p>"
                + "<button name=\"decision\" value=\"approve\">Approve</button> <button name=\"decision\" value=\"reject\">Reject</button></form>", encoded: true);
        }

        if (!string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase) || decision is not ("approve" or "reject"))
        {
            return Page(400, "Bad request", "Decide with POST and decision=approve or decision=reject. Nothing was changed.");
        }

        bool approved = decision == "approve";
        var output = new JObject(["approved", "comment"], [JNode.From(approved), comment is null ? JNode.Null : JNode.From(comment)]);
        var callback = TaskCallback.Success(tokens, token, output, nowUtc);
        await client.RaiseEventAsync(callback.InstanceId!, callback.EventName!, callback.Payload, cancellationToken);
        return Page(200, approved ? "Approved" : "Rejected", approved ? "Approved. The workflow continues." : "Rejected. The workflow continues with the rejection.");
    }

    private static (int, string) Page(int status, string title, string body, bool encoded = false) =>
        (status, "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + Encode(title) + "</title></head><body><h1>" + Encode(title) + "</h1>"
            + (encoded ? body : "<p>" + Encode(body) + "</p>") + "</body></html>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
