using Platform.Asl.Json;
using Platform.Server.Triggers;

namespace Platform.Server.Tests.Triggers;

/// <summary>The Event Grid parser on Azure's SDK: the documents it builds from both schemas and their system events, and
/// refusals that name the event, the field and the reason.</summary>
public sealed class EventGridParserTests
{
    private const string Blob = """
        {"id":"b1","topic":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct","subject":"/blobServices/default/containers/photos/blobs/2026/cat.jpg",
         "eventType":"Microsoft.Storage.BlobCreated","eventTime":"2026-01-01T10:00:00Z","dataVersion":"1",
         "data":{"api":"PutBlob","contentType":"image/jpeg","contentLength":10,"eTag":"0x8D","url":"https://acct.blob.core.windows.net/photos/2026/cat.jpg"}}
        """;

    [Fact]
    public void Parse_BlobCreatedEventGridEvent_ReadsTheStorageSystemEvent()
    {
        var (events, error) = EventGridParser.Parse("[" + Blob + "]");

        error.Should().BeNull();
        var e = events!.Should().ContainSingle().Subject;
        (e.Id, e.Container, e.Key, e.EventType).Should().Be(("b1", "photos", "2026/cat.jpg", "Microsoft.Storage.BlobCreated"));
        var document = e.Document;
        document["schema"].Should().Be(JNode.From("EventGridEvent"));
        document["time"].Should().Be(JNode.From("2026-01-01T10:00:00Z"));
        document["source"].Should().Be(JNode.From("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct"));
        (document["fileName"], document["size"], document["contentType"], document["eTag"], document["url"]).Should().Be(
            (JNode.From("cat.jpg"), JNode.From(10), JNode.From("image/jpeg"), JNode.From("0x8D"), JNode.From("https://acct.blob.core.windows.net/photos/2026/cat.jpg")));
    }

    [Fact]
    public void Parse_CloudEvents_KeepJsonDataAndBinaryDataAsBase64()
    {
        var (events, error) = EventGridParser.Parse("""
            [{"specversion":"1.0","id":"c1","source":"/orders","type":"Orders.Created","time":"2026-01-01T00:00:00.5Z","data":{"orderId":9}},
             {"specversion":"1.0","id":"c2","source":"/files","type":"Files.Raw","datacontenttype":"application/octet-stream","data_base64":"AAEC"}]
            """);

        error.Should().BeNull();
        events!.Select(e => e.Document["data"]).Should().Equal(JNode.Parse("""{"orderId":9}"""), JNode.From("AAEC"));
        events![0].Document["time"].Should().Be(JNode.From("2026-01-01T00:00:00.5Z"));
        events[1].Document["time"].Should().Be(JNode.From(string.Empty));
        events.Select(e => e.Document["schema"]).Should().AllBeEquivalentTo(JNode.From("CloudEvent"));
    }

    [Fact]
    public void Parse_SubscriptionValidation_CarriesTheCode()
    {
        var (events, _) = EventGridParser.Parse("""
            [{"id":"v1","subject":"","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-01-01T00:00:00Z","dataVersion":"2",
              "data":{"validationCode":"512d38b6","validationUrl":"https://example"}}]
            """);

        events!.Single().ValidationCode.Should().Be("512d38b6");
    }

    [Theory]
    [InlineData("""[{"id":"1","subject":"s","eventType":"T","eventTime":"yesterday","dataVersion":"1"}]""", "event [0] (EventGridEvent schema): 'eventTime' must be an ISO 8601 date and time, found \"yesterday\"")]
    [InlineData("""[{"id":"1","subject":"s","eventType":"T","eventTime":"2026-01-01T00:00:00Z","dataVersion":"1","topic":7}]""", "event [0] (EventGridEvent schema): 'topic' must be a string, found number")]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"s","type":"t"},{"specversion":"1.0","id":"2","source":"s","type":"t","time":"noon"}]""", "event [1] (CloudEvents 1.0): 'time' must be an RFC 3339 date and time, found \"noon\"")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","data_base64":"%%%"}""", "event [0] (CloudEvents 1.0): 'data_base64' is not base64")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"s","type":"t","data":1,"data_base64":"AA=="}""", "event [0] (CloudEvents 1.0) has both 'data' and 'data_base64'")]
    [InlineData("""[{"id":"v","subject":"","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-01-01T00:00:00Z","dataVersion":"1","data":{}}]""", "event [0] (EventGridEvent schema): the subscription validation event 'v' has no string 'data.validationCode'")]
    [InlineData("[1]", "event [0] must be an object, found number")]
    [InlineData("[]", "the body holds no events: an empty array")]
    public void Parse_BadEvents_AreRefusedWithTheEventTheFieldAndTheReason(string body, string expected)
    {
        var (events, error) = EventGridParser.Parse(body);

        events.Should().BeNull();
        error.Should().StartWith(expected);
    }
}
