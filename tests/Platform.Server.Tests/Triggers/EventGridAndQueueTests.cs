using Platform.Asl.Json;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.Triggers;

public sealed class EventGridAndQueueTests
{
    private const string Echo = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Triggers:0:Name"] = "orders",
        ["Triggers:0:Source"] = "eventgrid",
        ["Triggers:0:EventTypes:0"] = "Orders.Created",
        ["Triggers:0:SubjectBeginsWith"] = "/orders/",
        ["Triggers:0:StateMachine"] = "echo",
        ["Triggers:0:Input"] = """{"orderId.$": "$.data.orderId", "via.$": "$.schema"}""",
        ["Triggers:1:Name"] = "photos",
        ["Triggers:1:Source"] = "blob",
        ["Triggers:1:Container"] = "photos",
        ["Triggers:1:StateMachine"] = "echo",
        ["Triggers:1:Input:container.$"] = "$.container",
        ["Triggers:1:Input:key.$"] = "$.key",
        ["Triggers:2:Name"] = "jobs",
        ["Triggers:2:Source"] = "queue",
        ["Triggers:2:Queue"] = "jobs",
        ["Triggers:2:StateMachine"] = "echo",
        ["Triggers:2:Input"] = """{"job.$": "$.body"}""",
    };

    private static string GridEvent(string id, string type, string subject, string data) =>
        $$"""{"id":"{{id}}","topic":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.EventGrid/topics/t","subject":"{{subject}}","eventType":"{{type}}","eventTime":"2026-01-01T00:00:00Z","data":{{data}},"dataVersion":"1","metadataVersion":"1"}""";

    [Fact]
    public async Task EventGrid_ValidationHandshakes_AnswerTheCodeAndTheOrigin()
    {
        await using var h = await ServerHarness.StartAsync(Settings());
        var validation = await h.SendAsync(HttpMethod.Post, "/events/eventgrid", "[" + GridEvent("v1", "Microsoft.EventGrid.SubscriptionValidationEvent", "", """{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6","validationUrl":"https://example"}""") + "]");
        validation.Status.Should().Be(200);
        ((JNode)validation.Json).Should().Be(JNode.Parse("""{"validationResponse":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}"""));

        var options = await h.SendAsync(HttpMethod.Options, "/events/eventgrid", configure: r => r.Headers.Add("WebHook-Request-Origin", "eventemitter.example.com"));
        options.Status.Should().Be(200);
        options.Headers["WebHook-Allowed-Origin"].Should().Be("eventemitter.example.com");
        var noOrigin = await h.SendAsync(HttpMethod.Options, "/events/eventgrid");
        noOrigin.Status.Should().Be(400);
        noOrigin.Text.Should().Contain("WebHook-Request-Origin");
    }

    [Fact]
    public async Task EventGrid_Delivery_BothSchemas_StartOncePerEventId()
    {
        await using var h = await ServerHarness.StartAsync(Settings());
        await h.CreateAsync("echo", Echo);
        string batch = "[" + GridEvent("e1", "Orders.Created", "/orders/1", """{"orderId":1}""") + "," + GridEvent("e2", "Orders.Deleted", "/orders/2", "{}") + "]";
        var delivered = await h.SendAsync(HttpMethod.Post, "/events/eventgrid", batch);
        delivered.Status.Should().Be(200, delivered.Text);
        delivered.Json["received"].Should().Be(JNode.From(2));
        ((JArray)delivered.Json["deliveries"]!).Should().ContainSingle("Orders.Deleted matches no rule");
        var ended = await h.WaitForEndAsync(delivered.Delivery().Str("executionArn"));
        JNode.Parse(ended.Str("output")).Should().Be(JNode.Parse("""{"orderId":1,"via":"EventGridEvent"}"""));

        (await h.SendAsync(HttpMethod.Post, "/events/eventgrid", batch)).Delivery().Str("status").Should().Be("duplicate");

        const string cloud = """{"specversion":"1.0","id":"c1","source":"/orders","type":"Orders.Created","subject":"/orders/9","time":"2026-01-01T00:00:00Z","data":{"orderId":9}}""";
        var single = await h.SendAsync(HttpMethod.Post, "/events/eventgrid", cloud, "application/cloudevents+json; charset=utf-8");
        single.Delivery().Str("status").Should().Be("started");
        JNode.Parse((await h.WaitForEndAsync(single.Delivery().Str("executionArn"))).Str("output")).Should().Be(JNode.Parse("""{"orderId":9,"via":"CloudEvent"}"""));
        (await h.SendAsync(HttpMethod.Post, "/events/eventgrid", "[" + cloud + "]", "application/cloudevents-batch+json")).Delivery().Str("status").Should().Be("duplicate");

        var blob = await h.SendAsync(HttpMethod.Post, "/events/eventgrid", "[" + GridEvent("b1", "Microsoft.Storage.BlobCreated", "/blobServices/default/containers/photos/blobs/2026/cat.jpg", """{"api":"PutBlob","contentType":"image/jpeg","contentLength":10,"url":"https://acct.blob.core.windows.net/photos/2026/cat.jpg"}""") + "]");
        var blobDelivery = blob.Delivery();
        blobDelivery.Str("rule").Should().Be("photos");
        JNode.Parse((await h.WaitForEndAsync(blobDelivery.Str("executionArn"))).Str("output")).Should().Be(JNode.Parse("""{"container":"photos","key":"2026/cat.jpg"}"""));
    }

    [Fact]
    public async Task EventGrid_BadBodies_AreRefusedWithWhatAndWhere_AndAMissingMachineIs422()
    {
        await using var h = await ServerHarness.StartAsync(Settings());
        var notJson = await h.SendAsync(HttpMethod.Post, "/events/eventgrid", "{oops");
        notJson.Status.Should().Be(400);
        notJson.Text.Should().Contain("not JSON");
        var missing = await h.SendAsync(HttpMethod.Post, "/events/eventgrid", """[{"id":"1","subject":"s","eventTime":"t","dataVersion":"1"}]""");
        missing.Status.Should().Be(400);
        missing.Json["error"]!.ToString().Should().Contain("event [0]").And.Contain("'eventType'").And.Contain("missing");
        var badSpec = await h.SendAsync(HttpMethod.Post, "/events/eventgrid", """{"specversion":"0.3","id":"1","source":"s","type":"t"}""");
        badSpec.Status.Should().Be(400);
        badSpec.Text.Should().Contain("specversion");

        // No state machine 'echo' yet: the delivery fails, is answered 422 (Event Grid retries), and a retry after the fix starts it.
        string order = "[" + GridEvent("late", "Orders.Created", "/orders/5", """{"orderId":5}""") + "]";
        var failed = await h.SendAsync(HttpMethod.Post, "/events/eventgrid", order);
        failed.Status.Should().Be(422);
        failed.Delivery().Str("status").Should().Be("failed");
        failed.Delivery().Str("reason").Should().Contain("StateMachineDoesNotExist");
        await h.CreateAsync("echo", Echo);
        (await h.SendAsync(HttpMethod.Post, "/events/eventgrid", order)).Delivery().Str("status").Should().Be("started");
    }

    [Fact]
    public async Task Queue_Message_StartsByRule_OncePerMessageId_AndUnroutedIs404()
    {
        await using var h = await ServerHarness.StartAsync(Settings());
        await h.CreateAsync("echo", Echo);
        var sent = await h.SendAsync(HttpMethod.Post, "/queues/jobs/messages", """{"n":1}""", configure: r => r.Headers.Add("X-Message-Id", "m-1"));
        sent.Status.Should().Be(200, sent.Text);
        JNode.Parse((await h.WaitForEndAsync(sent.Delivery().Str("executionArn"))).Str("output")).Should().Be(JNode.Parse("""{"job":{"n":1}}"""));
        (await h.SendAsync(HttpMethod.Post, "/queues/jobs/messages", """{"n":1}""", configure: r => r.Headers.Add("X-Message-Id", "m-1"))).Delivery().Str("status").Should().Be("duplicate");

        var unrouted = await h.SendAsync(HttpMethod.Post, "/queues/other/messages", """{"n":1}""");
        unrouted.Status.Should().Be(404);
        unrouted.Text.Should().Contain("no trigger rule listens to the queue 'other'");
        (await h.SendAsync(HttpMethod.Post, "/queues/bad%20name/messages", "{}")).Status.Should().Be(400);
    }

    [Fact]
    public async Task Queue_TaskTokenMessages_CompleteTheTask_AndAreRefusedPrecisely()
    {
        await using var h = await ServerHarness.StartAsync(Settings());
        string machine = await h.CreateAsync("cb", Definitions.Callback());
        string ok = (await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "ok" })).Str("executionArn");
        string token = await h.TokenAsync(ok);
        await h.WaitForEventAsync(ok, "TaskSubmitted");

        var neither = await h.SendAsync(HttpMethod.Post, "/queues/replies/messages", $$"""{"taskToken":"{{token}}"}""");
        neither.Status.Should().Be(400);
        neither.Text.Should().Contain("neither 'output'");
        var done = await h.SendAsync(HttpMethod.Post, "/queues/replies/messages", "{\"taskToken\":\"" + token + "\",\"output\":{\"approved\":true}}");
        done.Status.Should().Be(200, done.Text);
        JNode.Parse((await h.WaitForEndAsync(ok)).Str("output")).Should().Be(JNode.Parse("""{"answer":{"approved":true},"revision":"one"}"""));
        (await h.SendAsync(HttpMethod.Post, "/queues/replies/messages", "{\"taskToken\":\"" + token + "\",\"output\":{}}")).Status.Should().Be(410);
        (await h.SendAsync(HttpMethod.Post, "/queues/replies/messages", """{"taskToken":"forged","output":{}}""")).Status.Should().Be(400);

        string no = (await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "no" })).Str("executionArn");
        var failedToken = await h.TokenAsync(no);
        await h.WaitForEventAsync(no, "TaskSubmitted");
        (await h.SendAsync(HttpMethod.Post, "/queues/replies/messages", $$"""{"taskToken":"{{failedToken}}","error":"Rejected","cause":"no"}""")).Status.Should().Be(200);
        var failed = await h.WaitForEndAsync(no);
        failed.Str("status").Should().Be("FAILED");
        failed.Str("error").Should().Be("Rejected");
    }
}
