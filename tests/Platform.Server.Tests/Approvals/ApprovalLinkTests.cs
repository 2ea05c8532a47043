using Platform.Asl.Json;
using Platform.Runtime.Integrations;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.Approvals;

public sealed class ApprovalLinkTests
{
    private static readonly Dictionary<string, string?> Settings = new() { ["WorkflowsDirectory"] = HttpSupport.RepoWorkflows, ["ApiKey"] = "secret" };

    private const string Applicant = """{"name":"X1","address":{"street":"1 Main St","city":"Lyon","postalCode":"69001","country":"FR"}}""";

    private static async Task<JObject> NotificationAsync(ServerHarness h, string executionArn)
    {
        using var outbox = new FolderEventOutbox(Path.Combine(h.Server.DataDirectory, "outbox", "notifications"));
        return await HttpSupport.EventuallyAsync<JObject>(
            async () => (await outbox.ReadAsync("approvals")).Select(e => (JObject)e["data"]!).FirstOrDefault(d => d.Str("executionArn") == executionArn),
            "the approval notification");
    }

    private static async Task<string> StartAsync(ServerHarness h, string name, string input = Applicant)
    {
        var started = await h.CallAsync("StartExecution", new { stateMachineArn = ServerHarness.MachineArn("account-opening"), name, input }, r => r.Headers.Add("X-Api-Key", "secret"));
        started.Status.Should().Be(200, started.Body.ToString());
        return started.Body.Str("executionArn");
    }

    private static async Task<JObject> DescribeAsync(ServerHarness h, string arn) =>
        (await h.CallAsync("DescribeExecution", new { executionArn = arn }, r => r.Headers.Add("X-Api-Key", "secret"))).Body;

    private static async Task<JObject> WaitForEndAsync(ServerHarness h, string arn) =>
        await HttpSupport.EventuallyAsync<JObject>(async () => await DescribeAsync(h, arn) is var d && d.Str("status") != "RUNNING" ? d : null, "the end of " + arn);

    [Fact]
    public async Task ApprovalLink_GetShowsWithoutDeciding_PostApprovesOnce_SecondUseAndTamperingAreRefused()
    {
        await using var h = await ServerHarness.StartAsync(Settings);
        string arn = await StartAsync(h, "review-me");
        var notification = await NotificationAsync(h, arn);
        string path = notification.Str("path");
        path.Should().StartWith("/approvals/");
        notification.Str("url").Should().EndWith(path);
        notification.Str("subject").Should().Be("Account opening for X1");

        var page = await h.SendAsync(HttpMethod.Get, path);
        page.Status.Should().Be(200);
        page.Text.Should().Contain("Account opening for X1").And.Contain("69001").And.Contain("value=\"approve\"").And.Contain("value=\"reject\"").And.Contain("method=\"post\"");
        (await DescribeAsync(h, arn)).Str("status").Should().Be("RUNNING", "a GET never decides");

        string signature = path[(path.LastIndexOf('.') + 1)..];
        string tampered = path[..(path.LastIndexOf('.') + 1)] + (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        var forged = await h.PostFormAsync(tampered, ("decision", "approve"));
        forged.Status.Should().Be(400);
        forged.Text.Should().Contain("signature does not match");
        var longer = await h.SendAsync(HttpMethod.Get, path.Replace(".", ".9", StringComparison.Ordinal));
        longer.Status.Should().Be(400, "changing the expiry breaks the signature");
        (await DescribeAsync(h, arn)).Str("status").Should().Be("RUNNING");

        var bad = await h.PostFormAsync(path, ("decision", "maybe"));
        bad.Status.Should().Be(400);
        bad.Text.Should().Contain("found &#39;maybe&#39;");

        var approved = await h.PostFormAsync(path, ("decision", "approve"), ("comment", "checked by phone"));
        approved.Status.Should().Be(200, approved.Text);
        approved.Text.Should().Contain("Approved");
        var ended = await WaitForEndAsync(h, arn);
        ended.Str("status").Should().Be("SUCCEEDED");
        JNode.Parse(ended.Str("output")).Should().Be(JNode.Parse("""{"status":"APPROVED","name":"X1"}"""));

        var second = await h.PostFormAsync(path, ("decision", "reject"));
        second.Status.Should().Be(410);
        second.Text.Should().Contain("already been used: approved");
        (await h.SendAsync(HttpMethod.Get, path)).Status.Should().Be(410);
    }

    [Fact]
    public async Task ApprovalLink_Reject_EndsRejected_AndCleanApplicationsNeedNoApproval()
    {
        await using var h = await ServerHarness.StartAsync(Settings);
        string arn = await StartAsync(h, "reject-me");
        string path = (await NotificationAsync(h, arn)).Str("path");
        (await h.PostFormAsync(path, ("decision", "reject"))).Status.Should().Be(200);
        JNode.Parse((await WaitForEndAsync(h, arn)).Str("output")).Should().Be(JNode.Parse("""{"status":"REJECTED","name":"X1"}"""));

        string clean = await StartAsync(h, "clean", Applicant.Replace("X1", "Ada Lovelace", StringComparison.Ordinal));
        JNode.Parse((await WaitForEndAsync(h, clean)).Str("output")).Should().Be(JNode.Parse("""{"status":"APPROVED","name":"Ada Lovelace"}"""));
    }

    [Fact]
    public async Task ApprovalLink_Expired_IsRefusedAndChangesNothing()
    {
        await using var h = await ServerHarness.StartAsync(new Dictionary<string, string?>());
        string machine = await h.CreateAsync("quick", """
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::approval:notify.waitForTaskToken",
              "Parameters":{"TaskToken.$":"$$.Task.Token","Message":"quick one","ExpiresInSeconds":1},"End":true}}}
            """);
        string arn = (await h.OkAsync("StartExecution", new { stateMachineArn = machine })).Str("executionArn");
        string path = (await NotificationAsync(h, arn)).Str("path");
        var expired = await HttpSupport.EventuallyAsync<HttpAnswer>(async () => await h.SendAsync(HttpMethod.Get, path) is { Status: 410 } a ? a : null, "the link's expiry", 10);
        expired.Text.Should().Contain("expired at");
        (await h.PostFormAsync(path, ("decision", "approve"))).Status.Should().Be(410);
        (await h.OkAsync("DescribeExecution", new { executionArn = arn })).Str("status").Should().Be("RUNNING");
    }

    [Fact]
    public async Task ApprovalTask_WithoutTaskTokenOrMessage_FailsWithTheReason()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("plain", """{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::approval:notify","Parameters":{"Message":"m"},"End":true}}}""");
        var ended = await h.WaitForEndAsync((await h.OkAsync("StartExecution", new { stateMachineArn = machine })).Str("executionArn"));
        ended.Str("error").Should().Be("States.Runtime");
        ended.Str("cause").Should().Contain(".waitForTaskToken");

        string noMessage = await h.CreateAsync("nomsg", """{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::approval:notify.waitForTaskToken","Parameters":{"TaskToken.$":"$$.Task.Token","Messag":"m"},"End":true}}}""");
        var failed = await h.WaitForEndAsync((await h.OkAsync("StartExecution", new { stateMachineArn = noMessage })).Str("executionArn"));
        failed.Str("cause").Should().Contain("'Messag' is not supported");
    }
}
