using Platform.Asl.Json;
using Platform.Runtime.Integrations;
using Platform.Server.Tests.Support;
using Platform.Server.Triggers;

namespace Platform.Server.Tests.Triggers;

public sealed class BlobTriggerTests
{
    private const string Template = """{"bucket.$": "$.container", "key.$": "$.key", "fileName.$": "$.fileName"}""";

    internal static Dictionary<string, string?> FileValidationSettings(bool watch = false) => new()
    {
        ["WorkflowsDirectory"] = HttpSupport.RepoWorkflows,
        ["WatchInbox"] = watch ? "true" : "false",
        ["Triggers:0:Name"] = "uploads",
        ["Triggers:0:Source"] = "blob",
        ["Triggers:0:Container"] = "uploads",
        ["Triggers:0:Prefix"] = "incoming/",
        ["Triggers:0:StateMachine"] = "file-validation",
        ["Triggers:0:Input"] = Template,
    };

    [Fact]
    public async Task Upload_ValidCsv_StartsFileValidation_AcceptsMovesAndNotifies_RedeliveryStartsNothing()
    {
        await using var h = await ServerHarness.StartAsync(FileValidationSettings());
        const string csv = "id,name,amount\n1,Ann,10.5\n2,Bob,3\n";
        var uploaded = await h.SendAsync(HttpMethod.Put, "/objects/uploads/incoming/good.csv", csv, "text/csv", r => r.Headers.Add("X-Event-Id", "evt-1"));
        uploaded.Status.Should().Be(201, uploaded.Text);
        var delivery = uploaded.Delivery();
        delivery.Str("status").Should().Be("started");
        string arn = delivery.Str("executionArn");
        arn.Should().EndWith(":execution:file-validation:" + TriggerService.ExecutionName(new TriggerRule { Name = "uploads", Source = TriggerSource.Blob, StateMachine = "x" }, "evt-1"));

        var ended = await h.WaitForEndAsync(arn);
        ended.Str("status").Should().Be("SUCCEEDED", ended.ToString());
        var output = (JObject)JNode.Parse(ended.Str("output"));
        output.Str("outcome").Should().Be("accepted");
        output["records"].Should().Be(JNode.From(2));

        var moved = await h.SendAsync(HttpMethod.Get, "/objects/uploads/accepted/good.csv");
        moved.Status.Should().Be(200);
        moved.Text.Should().Be(csv);
        (await h.SendAsync(HttpMethod.Get, "/objects/uploads/incoming/good.csv")).Status.Should().Be(404);

        using var outbox = new FolderEventOutbox(Path.Combine(h.Server.DataDirectory, "outbox"));
        var notified = await outbox.ReadAsync("notifications");
        ((JObject)notified.Should().ContainSingle().Which["data"]!).Str("outcome").Should().Be("accepted");

        // The same event delivered again (same id): nothing new starts.
        var again = await h.SendAsync(HttpMethod.Put, "/objects/uploads/incoming/good.csv", csv, "text/csv", r => r.Headers.Add("X-Event-Id", "evt-1"));
        again.Status.Should().Be(201);
        again.Delivery().Str("status").Should().Be("duplicate");
        again.Delivery().Str("executionArn").Should().Be(arn);
        var listed = await h.OkAsync("ListExecutions", new { stateMachineArn = ServerHarness.MachineArn("file-validation") });
        ((JArray)listed["executions"]!).Should().HaveCount(1);
    }

    [Fact]
    public async Task Upload_InvalidJson_IsQuarantinedWithTheReason()
    {
        await using var h = await ServerHarness.StartAsync(FileValidationSettings());
        var uploaded = await h.SendAsync(HttpMethod.Put, "/objects/uploads/incoming/orders.json", """[{"id":1,"name":"Ann","amount":2},{"id":2,"amount":3}]""");
        var ended = await h.WaitForEndAsync(uploaded.Delivery().Str("executionArn"));
        var output = (JObject)JNode.Parse(ended.Str("output"));
        output.Str("outcome").Should().Be("quarantined");
        output.Str("reason").Should().Be("record [1] has no string 'name'");
        (await h.SendAsync(HttpMethod.Get, "/objects/uploads/quarantine/orders.json")).Status.Should().Be(200);
    }

    [Fact]
    public async Task Upload_OutsideTheRule_IsStoredAndStartsNothing_BadNamesAreRefused()
    {
        await using var h = await ServerHarness.StartAsync(FileValidationSettings());
        var other = await h.SendAsync(HttpMethod.Put, "/objects/uploads/elsewhere/a.csv", "x");
        other.Status.Should().Be(201);
        ((JArray)other.Json["deliveries"]!).Should().BeEmpty();

        var badContainer = await h.SendAsync(HttpMethod.Put, "/objects/UP/a.csv", "x");
        badContainer.Status.Should().Be(400);
        badContainer.Text.Should().Contain("InvalidContainerName").And.Contain("'UP'");
        var badKey = await h.SendAsync(HttpMethod.Put, "/objects/uploads/a%01b.csv", "x");
        badKey.Status.Should().Be(400);
        badKey.Text.Should().Contain("InvalidKey");
    }

    [Fact]
    public async Task Inbox_FileMovedIn_IsStoredAndTriggersOnce_AndABadPathIsRejected()
    {
        await using var h = await ServerHarness.StartAsync(FileValidationSettings());
        var inbox = h.Service<InboxWatcher>();
        string file = Path.Combine(inbox.Directory, "uploads", "incoming", "drop.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "id,name,amount\n7,Eve,1\n");

        var results = await inbox.ScanInboxAsync();
        var stored = results.Should().ContainSingle().Which;
        stored.Status.Should().Be("stored");
        stored.Deliveries.Should().ContainSingle().Which.Status.Should().Be("started");
        File.Exists(file).Should().BeFalse("the inbox file is removed once stored");
        var ended = await h.WaitForEndAsync(stored.Deliveries[0].ExecutionArn!);
        ended.Str("status").Should().Be("SUCCEEDED");

        // The same file seen again (e.g. a crash before its removal) is the same event.
        await File.WriteAllTextAsync(file, "id,name,amount\n7,Eve,1\n");
        (await inbox.ScanInboxAsync()).Single().Deliveries.Single().Status.Should().Be("duplicate");

        string bad = Path.Combine(inbox.Directory, "Bad_Container", "x.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        await File.WriteAllTextAsync(bad, "x");
        var rejected = (await inbox.ScanInboxAsync()).Single();
        rejected.Status.Should().Be("rejected");
        rejected.Reason.Should().Contain("'Bad_Container' is not a valid container");
        File.Exists(Path.Combine(inbox.RejectedDirectory, "Bad_Container", "x.csv.reason.txt")).Should().BeTrue();
    }

    [Fact]
    public async Task Inbox_Watched_PicksUpAMovedFileWithoutAnExplicitScan()
    {
        await using var h = await ServerHarness.StartAsync(FileValidationSettings(watch: true));
        var inbox = h.Service<InboxWatcher>();
        string staging = Path.Combine(h.Directory, "staging.csv");
        await File.WriteAllTextAsync(staging, "id,name,amount\n1,Ann,1\n");
        Directory.CreateDirectory(Path.Combine(inbox.Directory, "uploads", "incoming"));
        File.Move(staging, Path.Combine(inbox.Directory, "uploads", "incoming", "watched.csv"));

        var listed = await HttpSupport.EventuallyAsync<JArray>(
            async () => (await h.OkAsync("ListExecutions", new { stateMachineArn = ServerHarness.MachineArn("file-validation") }))["executions"] is JArray { Count: > 0 } found ? found : null,
            "an execution started by the watched inbox");
        listed.Should().ContainSingle();
    }
}
