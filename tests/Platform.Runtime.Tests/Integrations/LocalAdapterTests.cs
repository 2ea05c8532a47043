using Platform.Asl.Json;
using Platform.Engine.Integrations;
using Platform.Runtime.Integrations;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Integrations;

/// <summary>The local adapters on their own: conditional writes, paging, locks, redelivery and deduplication.</summary>
public class LocalAdapterTests
{
    private static readonly JObject Doc = (JObject)JNode.Parse("""{"a":1}""");

    [Fact]
    public async Task TableStore_ConditionalWrites_HoldOrChangeNothing()
    {
        using var fixture = new IntegrationFixture();
        var store = fixture.Tables;
        var first = await store.PutAsync("things", "p", "s", Doc, TableWriteCondition.NotExists);
        var again = async () => await store.PutAsync("things", "p", "s", Doc, TableWriteCondition.NotExists);
        (await again.Should().ThrowAsync<TableStoreException>()).Which.Code.Should().Be(TableStoreError.ConditionFailed);

        var second = await store.PutAsync("things", "p", "s", (JObject)JNode.Parse("""{"a":2}"""), TableWriteCondition.IfMatch(first.ETag));
        second.ETag.Should().NotBe(first.ETag);
        var stale = async () => await store.PutAsync("things", "p", "s", Doc, TableWriteCondition.IfMatch(first.ETag));
        (await stale.Should().ThrowAsync<TableStoreException>()).WithMessage("*must have ETag*");
        ((JNode)(await store.GetAsync("things", "p", "s"))!.Attributes).Should().Be(JNode.Parse("""{"a":2}"""));

        var staleDelete = async () => await store.DeleteAsync("things", "p", "s", TableWriteCondition.IfMatch(first.ETag));
        await staleDelete.Should().ThrowAsync<TableStoreException>();
        (await store.DeleteAsync("things", "p", "s", TableWriteCondition.IfMatch(second.ETag))).Should().BeTrue();
        (await store.DeleteAsync("things", "p", "s", TableWriteCondition.None)).Should().BeFalse();
        var mustExist = async () => await store.PutAsync("things", "p", "s", Doc, TableWriteCondition.Exists);
        await mustExist.Should().ThrowAsync<TableStoreException>();
    }

    [Theory]
    [InlineData("things", "a/b", "'/'")]
    [InlineData("things", "a#b", "'#'")]
    [InlineData("things", "", "the partition key is empty")]
    [InlineData("th", "p", "3 to 63")]
    [InlineData("my-table", "p", "'-'")]
    public async Task TableStore_InvalidNames_AreRefusedSayingWhy(string table, string partition, string expected)
    {
        using var fixture = new IntegrationFixture();
        var act = async () => await fixture.Tables.GetAsync(table, partition, string.Empty);
        (await act.Should().ThrowAsync<TableStoreException>()).Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task TableStore_Query_PagesAPartitionInSortKeyOrder()
    {
        using var fixture = new IntegrationFixture();
        foreach (string sk in new[] { "c", "", "a", "b2", "b1" })
        {
            await fixture.Tables.PutAsync("things", "p", sk, Doc, TableWriteCondition.None);
        }

        await fixture.Tables.PutAsync("things", "other", "z", Doc, TableWriteCondition.None);
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await fixture.Tables.QueryAsync("things", "p", new TableQueryOptions { MaxResults = 2, ContinuationToken = token });
            keys.AddRange(page.Items.Select(i => i.SortKey));
            token = page.ContinuationToken;
        }
        while (token is not null);

        keys.Should().Equal("", "a", "b1", "b2", "c");
        (await fixture.Tables.QueryAsync("things", "p", new TableQueryOptions { SortKeyPrefix = "b" })).Items.Select(i => i.SortKey).Should().Equal("b1", "b2");
        var forged = async () => await fixture.Tables.QueryAsync("things", "other", new TableQueryOptions { ContinuationToken = "bm9wZQ" });
        (await forged.Should().ThrowAsync<TableStoreException>()).Which.Code.Should().Be(TableStoreError.InvalidContinuationToken);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a/b\\c#d?e%f")]
    [InlineData("tab\there\u0001")]
    [InlineData("%2F already escaped looking")]
    public void TableKeys_Escape_IsValidAndReversible(string value)
    {
        string escaped = TableKeys.Escape(value);
        TableKeys.Validate(escaped).Should().BeNull();
        TableKeys.Unescape(escaped).Should().Be(value);
    }

    [Fact]
    public async Task Queue_ExpiredLock_RedeliversTheMessage_AndTheOldLockCannotComplete()
    {
        using var fixture = new IntegrationFixture();
        var queue = fixture.Queue;
        await queue.SendAsync("work", new QueueMessage { Body = "job" });
        var first = await queue.ReceiveAsync("work", TimeSpan.FromSeconds(30));
        first!.DeliveryCount.Should().Be(1);
        (await queue.ReceiveAsync("work", TimeSpan.FromSeconds(30))).Should().BeNull("the message is locked");

        fixture.Clock.SetUtcNow(Harness.Start.AddSeconds(31));
        var second = await queue.ReceiveAsync("work", TimeSpan.FromSeconds(30));
        second!.MessageId.Should().Be(first.MessageId);
        second.DeliveryCount.Should().Be(2);
        var late = async () => await queue.CompleteAsync("work", first.LockToken);
        (await late.Should().ThrowAsync<QueueException>()).Which.Code.Should().Be(QueueError.LockLost);

        await queue.CompleteAsync("work", second.LockToken);
        queue.CountPending("work").Should().Be(0);
    }

    [Fact]
    public async Task Queue_DelayAndAbandon_ControlVisibility()
    {
        using var fixture = new IntegrationFixture();
        var queue = fixture.Queue;
        await queue.SendAsync("work", new QueueMessage { Body = "later", Delay = TimeSpan.FromSeconds(10) });
        await queue.SendAsync("work", new QueueMessage { Body = "now" });
        var now = await queue.ReceiveAsync("work", TimeSpan.FromMinutes(1));
        now!.Body.Should().Be("now");
        (await queue.ReceiveAsync("work", TimeSpan.FromMinutes(1))).Should().BeNull("the other is delayed");

        await queue.AbandonAsync("work", now.LockToken);
        (await queue.ReceiveAsync("work", TimeSpan.FromMinutes(1)))!.Body.Should().Be("now");
        fixture.Clock.SetUtcNow(Harness.Start.AddSeconds(10));
        (await queue.ReceiveAsync("work", TimeSpan.FromMinutes(1)))!.Body.Should().Be("later");
    }

    [Fact]
    public async Task Queue_SameDeduplicationId_WithinTheWindow_EnqueuesOnce()
    {
        using var fixture = new IntegrationFixture();
        var queue = fixture.Queue;
        var first = await queue.SendAsync("work", new QueueMessage { Body = "a", DeduplicationId = "d-1" });
        var second = await queue.SendAsync("work", new QueueMessage { Body = "a", DeduplicationId = "d-1" });
        second.Should().Be(first with { Duplicate = true });
        fixture.Clock.SetUtcNow(Harness.Start.AddMinutes(6));
        (await queue.SendAsync("work", new QueueMessage { Body = "a", DeduplicationId = "d-1" })).Duplicate.Should().BeFalse();
        queue.CountPending("work").Should().Be(2);
    }

    [Fact]
    public async Task Queue_SurvivesReopening()
    {
        using var fixture = new IntegrationFixture();
        await fixture.Queue.SendAsync("work", new QueueMessage { Body = "durable" });
        var reopened = new SqliteMessageQueue(Path.Combine(fixture.Directory, "queues.db"), fixture.Clock);
        (await reopened.ReceiveAsync("work", TimeSpan.FromSeconds(5)))!.Body.Should().Be("durable");
    }

    [Fact]
    public async Task Outbox_TornLastLine_IsSkipped()
    {
        using var fixture = new IntegrationFixture();
        await fixture.Outbox.PublishAsync([new OutgoingEvent("bus", "s", "t", JObject.Empty, DateTimeOffset.UnixEpoch, [])]);
        await File.AppendAllTextAsync(Path.Combine(fixture.Outbox.Folder, "bus.jsonl"), """{"id":"half""");
        (await fixture.Outbox.ReadAsync("bus")).Should().ContainSingle();
    }
}
