using Azure.Data.Tables;
using Moq;
using Platform.Asl.Json;
using Platform.Engine.Integrations;
using Platform.Functions.Adapters;

namespace Platform.Functions.Tests;

public sealed class AzureTableStoreTests
{
    private static readonly JObject Attributes = (JObject)JNode.Parse("""{"state":"open"}""");

    [Fact]
    public async Task DeleteAsync_ExistsOnAMissingItem_ThrowsConditionFailedAsSqliteDoes()
    {
        var (store, _) = Store();

        var act = () => store.DeleteAsync("breakers", "p", "s", TableWriteCondition.Exists).AsTask();

        (await act.Should().ThrowAsync<TableStoreException>()).Which.Code.Should().Be(TableStoreError.ConditionFailed);
    }

    [Fact]
    public async Task DeleteAsync_IfMatchOnAMissingItem_ThrowsConditionFailed()
    {
        var (store, _) = Store();

        var act = () => store.DeleteAsync("breakers", "p", "s", TableWriteCondition.IfMatch("W/\"datetime'1'\"")).AsTask();

        (await act.Should().ThrowAsync<TableStoreException>()).Which.Code.Should().Be(TableStoreError.ConditionFailed);
    }

    [Fact]
    public async Task DeleteAsync_UnconditionalOnAMissingItem_ReturnsFalse()
    {
        var (store, _) = Store();

        (await store.DeleteAsync("breakers", "p", "s", TableWriteCondition.None)).Should().BeFalse();
    }

    [Fact]
    public async Task DeleteAsync_IfMatch_DeletesAtThatETagAndRefusesAnother()
    {
        var (store, table) = Store();
        table.Seed("p", "s", "{}");
        string stale = "W/\"datetime'0'\"";

        var stale412 = () => store.DeleteAsync("breakers", "p", "s", TableWriteCondition.IfMatch(stale)).AsTask();
        (await stale412.Should().ThrowAsync<TableStoreException>()).Which.Code.Should().Be(TableStoreError.ConditionFailed);

        (await store.DeleteAsync("breakers", "p", "s", TableWriteCondition.IfMatch(table.ETagOf("p", "s").ToString()))).Should().BeTrue();
        table.Contains("p", "s").Should().BeFalse();
    }

    [Fact]
    public async Task PutAsync_NotExistsOnAnExistingItem_ThrowsConditionFailed_AndIfMatchWritesAtTheReadETag()
    {
        var (store, _) = Store();
        var first = await store.PutAsync("breakers", "p", "s", Attributes, TableWriteCondition.NotExists);

        var again = () => store.PutAsync("breakers", "p", "s", Attributes, TableWriteCondition.NotExists).AsTask();
        (await again.Should().ThrowAsync<TableStoreException>()).Which.Code.Should().Be(TableStoreError.ConditionFailed);

        var second = await store.PutAsync("breakers", "p", "s", Attributes, TableWriteCondition.IfMatch(first.ETag));
        second.ETag.Should().NotBe(first.ETag);
        (await store.GetAsync("breakers", "p", "s"))!.Attributes.ToJson().Should().Be("""{"state":"open"}""");
    }

    [Fact]
    public async Task MissingTable_IsTableNotFound_NotAFailedCondition()
    {
        var (store, _) = Store(tableExists: false);

        Func<Task> put = () => store.PutAsync("ddbOrders", "p", "s", Attributes, TableWriteCondition.NotExists).AsTask();
        Func<Task> delete = () => store.DeleteAsync("ddbOrders", "p", "s", TableWriteCondition.IfMatch("W/\"datetime'1'\"")).AsTask();
        Func<Task> unconditionalDelete = () => store.DeleteAsync("ddbOrders", "p", "s", TableWriteCondition.None).AsTask();
        Func<Task> get = () => store.GetAsync("ddbOrders", "p", "s").AsTask();

        foreach (var act in new[] { put, delete, unconditionalDelete, get })
        {
            var thrown = (await act.Should().ThrowAsync<TableStoreException>()).Which;
            thrown.Code.Should().Be(TableStoreError.TableNotFound);
            thrown.Message.Should().Contain("'ddbOrders' does not exist");
        }
    }

    [Fact]
    public async Task GetAsync_MissingItemInAnExistingTable_IsNull()
    {
        var (store, _) = Store();

        (await store.GetAsync("breakers", "p", "s")).Should().BeNull();
    }

    private static (AzureTableStore Store, FakeTableClient Table) Store(bool tableExists = true)
    {
        var table = new FakeTableClient(tableExists);
        var service = new Mock<TableServiceClient>();
        service.Setup(s => s.GetTableClient(It.IsAny<string>())).Returns(table);
        return (new AzureTableStore(service.Object), table);
    }
}
