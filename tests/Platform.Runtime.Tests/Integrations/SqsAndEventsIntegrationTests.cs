using System.Security.Cryptography;
using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Integrations;
using Platform.Runtime.Durable;
using Platform.Runtime.Tests.Durable;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Integrations;

public class SqsAndEventsIntegrationTests
{
    private const string Send = "arn:aws:states:::sqs:sendMessage";

    [Fact]
    public async Task SendMessage_JsonBody_IsSerialisedAndReturnsAwsResult()
    {
        using var fixture = new IntegrationFixture();
        var output = fixture.Run(IntegrationFixture.OneTask(Send,
            """{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/orders","MessageBody":{"order.$":"$.id"},"MessageAttributes":{"kind":{"DataType":"String","StringValue":"new"}}}"""),
            """{"id":"o-9"}""").Output();

        var received = await fixture.Queue.ReceiveAsync("orders", TimeSpan.FromMinutes(1));
        received.Should().NotBeNull();
        received!.Body.Should().Be("""{"order":"o-9"}""");
        received.Attributes["kind"].Should().Be(new QueueMessageAttribute("String", "new"));
        output["MessageId"].Should().Be(JNode.From(received.MessageId));
#pragma warning disable CA5351 // SQS's checksum is MD5.
        output["MD5OfMessageBody"].Should().Be(JNode.From(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("""{"order":"o-9"}""")))));
#pragma warning restore CA5351
        output["MD5OfMessageAttributes"].Should().NotBeNull();
        output["SdkHttpMetadata"].Should().Be(JNode.Parse("""{"HttpStatusCode":200}"""));
    }

    [Fact]
    public void SendMessage_MD5OfMessageAttributes_MatchesSqsAlgorithm()
    {
        // The digest of one String attribute, computed by hand from SQS's documented encoding.
        using var fixture = new IntegrationFixture();
        var output = fixture.Run(IntegrationFixture.OneTask(Send, """{"QueueUrl":"q1","MessageBody":"x","MessageAttributes":{"a":{"DataType":"String","StringValue":"b"}}}""")).Output();
        byte[] expected = [0, 0, 0, 1, (byte)'a', 0, 0, 0, 6, .. "String"u8, 1, 0, 0, 0, 1, (byte)'b'];
#pragma warning disable CA5351
        output["MD5OfMessageAttributes"].Should().Be(JNode.From(Convert.ToHexStringLower(MD5.HashData(expected))));
#pragma warning restore CA5351
    }

    [Theory]
    [InlineData("""{"QueueUrl":"jobs.fifo","MessageBody":"x"}""", "MessageGroupId")]
    [InlineData("""{"QueueUrl":"jobs","MessageBody":"x","MessageGroupId":"g"}""", "not valid for this queue type")]
    [InlineData("""{"QueueUrl":"jobs","MessageBody":""}""", "MessageBody")]
    public void SendMessage_InvalidForTheQueue_IsCaughtAsAmazonSqsException(string parameters, string expected)
    {
        using var fixture = new IntegrationFixture();
        var (error, cause) = fixture.Run(IntegrationFixture.OneTask(Send, parameters, """["SQS.AmazonSQSException"]""")).Caught();
        error.Should().Be("SQS.AmazonSQSException");
        cause.Should().Contain(expected);
    }

    [Fact]
    public void SendMessage_BadQueueName_IsCaughtAsQueueDoesNotExist()
    {
        using var fixture = new IntegrationFixture();
        fixture.Run(IntegrationFixture.OneTask(Send, """{"QueueUrl":"https://sqs/123/bad name!","MessageBody":"x"}""")).Caught().Error
            .Should().Be("SQS.QueueDoesNotExistException");
    }

    [Fact]
    public async Task SendMessage_FifoQueue_DeduplicatesByContent()
    {
        using var fixture = new IntegrationFixture();
        const string Parameters = """{"QueueUrl":"jobs.fifo","MessageBody":"same","MessageGroupId":"g"}""";
        var first = fixture.Run(IntegrationFixture.OneTask(Send, Parameters)).Output();
        var second = fixture.Run(IntegrationFixture.OneTask(Send, Parameters)).Output();
        second["MessageId"].Should().Be(first["MessageId"]);
        fixture.Queue.CountPending("jobs.fifo").Should().Be(1);
        (await fixture.Queue.ReceiveAsync("jobs.fifo", TimeSpan.FromSeconds(30)))!.Body.Should().Be("same");
    }

    [Fact]
    public async Task SendMessageWaitForTaskToken_OnTheDurableHost_ResumesWhenTheConsumerAnswers()
    {
        using var fixture = new IntegrationFixture();
        using var durable = new DurableFixture();
        const string Machine = """
            {"StartAt":"Ask","States":{
              "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters":{"QueueUrl":"approvals","MessageBody":{"token.$":"$$.Task.Token","order.$":"$.order"}},
                     "ResultPath":"$.decision","End":true}}}
            """;
        var host = durable.Open(fixture.Registry, h => h.RegisterStateMachine("Machine", Harness.Compile(Machine)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"order":"o-3"}"""));
        await DurableFixture.IdleAsync(host);
        host.GetExecution(id)!.Status.Should().Be(DurableStatus.Running);

        // The consumer: take the message, answer with its token, complete it.
        var message = await fixture.Queue.ReceiveAsync("approvals", TimeSpan.FromMinutes(5));
        var body = (JObject)JNode.Parse(message!.Body);
        body["order"].Should().Be(JNode.From("o-3"));
        await host.SendTaskSuccessAsync(((JString)body["token"]!).Value, JNode.Parse("""{"approved":true}"""));
        await fixture.Queue.CompleteAsync("approvals", message.LockToken);

        var result = await durable.DriveAsync(host, id);
        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""{"order":"o-3","decision":{"approved":true}}"""));
        fixture.Queue.CountPending("approvals").Should().Be(0);
    }

    [Fact]
    public async Task PutEvents_Entries_AreInTheOutboxAndTheResultHasTheirIds()
    {
        using var fixture = new IntegrationFixture();
        const string Parameters = """
            {"Entries":[
              {"Source":"shop.orders","DetailType":"OrderPlaced","Detail":{"id.$":"$.id"},"Resources":["arn:x"]},
              {"Source":"shop.orders","DetailType":"Audit","Detail":"{\"n\":1}","EventBusName":"arn:aws:events:us-east-1:123456789012:event-bus/audit"}]}
            """;
        var output = fixture.Run(IntegrationFixture.OneTask("arn:aws:states:::events:putEvents", Parameters), """{"id":"o-5"}""").Output();

        output["FailedEntryCount"].Should().Be(JNode.From(0));
        var entries = (JArray)output["Entries"]!;
        entries.Should().HaveCount(2);
        var events = await fixture.Outbox.ReadAsync("default");
        events.Should().ContainSingle();
        events[0]["id"].Should().Be(((JObject)entries[0])["EventId"]);
        events[0]["source"].Should().Be(JNode.From("shop.orders"));
        events[0]["type"].Should().Be(JNode.From("OrderPlaced"));
        events[0]["data"].Should().Be(JNode.Parse("""{"id":"o-5"}"""));
        events[0]["resources"].Should().Be(JNode.Parse("""["arn:x"]"""));
        events[0]["time"].Should().Be(JNode.From("2024-01-01T00:00:00.000Z"));
        (await fixture.Outbox.ReadAsync("audit")).Single()["data"].Should().Be(JNode.Parse("""{"n":1}"""));
    }

    [Fact]
    public async Task PutEvents_AnEntryWithoutDetail_FailsWithFailedEntry_AndTheOthersArePublished()
    {
        using var fixture = new IntegrationFixture();
        const string Parameters = """{"Entries":[{"Source":"s","DetailType":"ok","Detail":{}},{"Source":"s","DetailType":"bad"}]}""";
        var (error, cause) = fixture.Run(IntegrationFixture.OneTask("arn:aws:states:::events:putEvents", Parameters, """["EventBridge.FailedEntry"]""")).Caught();

        error.Should().Be("EventBridge.FailedEntry");
        var response = (JObject)JNode.Parse(cause);
        response["FailedEntryCount"].Should().Be(JNode.From(1));
        ((JObject)((JArray)response["Entries"]!)[1])["ErrorCode"].Should().Be(JNode.From("InvalidArgument"));
        (await fixture.Outbox.ReadAsync("default")).Should().ContainSingle();
    }

    [Fact]
    public void PutEvents_MoreThanTenEntries_IsAValidationError()
    {
        using var fixture = new IntegrationFixture();
        string entries = string.Join(',', Enumerable.Repeat("""{"Source":"s","DetailType":"t","Detail":{}}""", 11));
        fixture.Run(IntegrationFixture.OneTask("arn:aws:states:::events:putEvents", $$"""{"Entries":[{{entries}}]}""")).Caught().Error
            .Should().Be("EventBridge.AmazonEventBridgeException");
    }
}
