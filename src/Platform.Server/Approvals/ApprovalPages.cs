using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.Asl.Json;
using Platform.Server.Hosting;

namespace Platform.Server.Approvals;

/// <summary>The approval pages under <c>/approvals/</c> (exempt from the API key: the signed link is the credential).
/// GET shows what is to be approved with Approve and Reject forms and never decides, so link scanners approve nothing;
/// POST decides once. A used or expired link is 410, a tampered one 400, each with a page that says which.</summary>
internal static class ApprovalPages
{
    public static void Map(WebApplication app, ServerBackend backend)
    {
        var approvals = backend.Integrations.Approvals;
        app.MapGet("/approvals/{link}", async (string link, HttpContext context) =>
        {
            var check = await approvals.CheckAsync(link, context.RequestAborted);
            return check.Status == ApprovalLinkStatus.Pending ? Page(200, "Approval requested", Form(check)) : Refused(check);
        });
        app.MapPost("/approvals/{link}", async (string link, HttpContext context) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return Page(400, "Not decided", Paragraph("The decision must be posted as a form (application/x-www-form-urlencoded) with the field 'decision' = 'approve' or 'reject'. Nothing was changed."));
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            string decision = form["decision"].ToString();
            if (decision is not ("approve" or "reject"))
            {
                return Page(400, "Not decided", Paragraph($"The form field 'decision' must be 'approve' or 'reject', found '{decision}'. Nothing was changed."));
            }

            string comment = form["comment"].ToString();
            var result = await approvals.DecideAsync(link, decision == "approve", comment.Length == 0 ? null : comment, backend.Durable, context.RequestAborted);
            return result.Status == ApprovalLinkStatus.Pending ? Page(200, decision == "approve" ? "Approved" : "Rejected", Paragraph(result.Reason)) : Refused(result);
        });
    }

    private static IResult Refused(ApprovalCheck check) => check.Status switch
    {
        ApprovalLinkStatus.Tampered => Page(400, "Invalid approval link", Paragraph(check.Reason)),
        ApprovalLinkStatus.Unknown => Page(404, "Unknown approval", Paragraph(check.Reason)),
        ApprovalLinkStatus.Used => Page(410, "Approval link already used", Paragraph(check.Reason)),
        _ => Page(410, "Approval link expired", Paragraph(check.Reason)),
    };

    private static string Form(ApprovalCheck check)
    {
        var item = check.Item!;
        var html = new StringBuilder();
        html.Append("<h2>").Append(Encode(ApprovalService.Text(item, "subject"))).Append("</h2>");
        html.Append(Paragraph(ApprovalService.Text(item, "message")));
        if (item.Attributes["details"] is { } details && details is not JNull)
        {
            html.Append("<pre>").Append(Encode(details.ToJson(indented: true))).Append("</pre>");
        }

        html.Append("<p><small>Execution ").Append(Encode(ApprovalService.Text(item, "executionArn")))
            .Append(", state ").Append(Encode(ApprovalService.Text(item, "state")))
            .Append(". The link expires at ").Append(Encode(ApprovalService.Text(item, "expiresAt"))).Append(".</small></p>");
        html.Append("<form method=\"post\"><p><label>Comment <input name=\"comment\" maxlength=\"1000\"></label></p>")
            .Append("<button name=\"decision\" value=\"approve\">Approve</button> ")
            .Append("<button name=\"decision\" value=\"reject\">Reject</button></form>");
        return html.ToString();
    }

    private static string Paragraph(string text) => "<p>" + Encode(text) + "</p>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static IResult Page(int status, string title, string body) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>{Encode(title)}</title></head><body><h1>{Encode(title)}</h1>{body}</body></html>",
        "text/html; charset=utf-8",
        Encoding.UTF8,
        status);
}
