using Platform.Asl.Json;
using Platform.Engine.Integrations;
using Platform.Engine.Tasks;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Integrations;

public class DynamoDbIntegrationTests
{
    private const string Put = "arn:aws:states:::dynamodb:putItem";
    private const string Get = "arn:aws:states:::dynamodb:getItem";
    private const string Update = "arn:aws:states:::dynamodb:updateItem";
    private const string Delete = "arn:aws:states:::dynamodb:deleteItem";

    [Fact]
    public void PutThenGet_ReturnsTheItemWithTypedValuesAndSdkMetadata()
    {
        using var fixture = new IntegrationFixture();
        const string Machine = """
            {"StartAt":"Put","States":{
              "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
                     "Parameters":{"TableName":"Orders","Item":{"OrderId":{"S.$":"$.id"},"Total":{"N":"42.50"},"Paid":{"BOOL":false},"Tags":{"SS":["a","b"]}}},
                     "ResultPath":"$.put","Next":"Get"},
              "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
                     "Parameters":{"TableName":"Orders","Key":{"OrderId":{"S.$":"$.id"}}},"ResultPath":"$.got","End":true}}}
            """;
        var output = fixture.Run(Machine, """{"id":"o-1"}""").Output();

        var put = (JObject)output["put"]!;
        put.ContainsKey("Attributes").Should().BeFalse();
        put["SdkHttpMetadata"].Should().Be(JNode.Parse("""{"HttpStatusCode":200}"""));
        var got = (JObject)output["got"]!;
        got["Item"].Should().Be(JNode.Parse("""{"OrderId":{"S":"o-1"},"Total":{"N":"42.5"},"Paid":{"BOOL":false},"Tags":{"SS":["a","b"]}}"""));
        ((JObject)got["SdkResponseMetadata"]!).ContainsKey("RequestId").Should().BeTrue();
    }

    [Fact]
    public void GetItem_Missing_ReturnsNoItem()
    {
        using var fixture = new IntegrationFixture();
        var output = fixture.Run(IntegrationFixture.OneTask(Get, """{"TableName":"Orders","Key":{"OrderId":{"S":"none"}}}""")).Output();
        output.ContainsKey("Item").Should().BeFalse();
        output.ContainsKey("SdkHttpMetadata").Should().BeTrue();
    }

    [Fact]
    public void PutItem_AttributeNotExistsOnExistingItem_IsCaughtAsConditionalCheckFailed_AndKeepsTheItem()
    {
        using var fixture = new IntegrationFixture();
        const string Create = """{"TableName":"Orders","Item":{"OrderId":{"S":"o-1"},"Who":{"S":"WHO"}},"ConditionExpression":"attribute_not_exists(OrderId)"}""";
        fixture.Run(IntegrationFixture.OneTask(Put, Create.Replace("WHO", "first", StringComparison.Ordinal))).Output().ContainsKey("error").Should().BeFalse();

        var (error, cause) = fixture.Run(IntegrationFixture.OneTask(Put, Create.Replace("WHO", "second", StringComparison.Ordinal), """["DynamoDB.ConditionalCheckFailedException"]""")).Caught();

        error.Should().Be("DynamoDB.ConditionalCheckFailedException");
        cause.Should().StartWith("The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException");
        fixture.Run(IntegrationFixture.OneTask(Get, """{"TableName":"Orders","Key":{"OrderId":{"S":"o-1"}}}""")).Output()["Item"]
            .Should().Be(JNode.Parse("""{"OrderId":{"S":"o-1"},"Who":{"S":"first"}}"""));
    }

    [Fact]
    public void UpdateItem_SetAddRemove_ReturnsAllNewAndUpdatedOld()
    {
        using var fixture = new IntegrationFixture();
        fixture.Run(IntegrationFixture.OneTask(Put, """{"TableName":"Orders","Item":{"OrderId":{"S":"o-1"},"Count":{"N":"1"},"Note":{"S":"old"},"Tags":{"SS":["a"]}}}""")).Output();
        const string Parameters = """
            {"TableName":"Orders","Key":{"OrderId":{"S":"o-1"}},
             "UpdateExpression":"SET #s = :s, Total = if_not_exists(Total, :zero) + :amount REMOVE Note ADD #c :one, Tags :more",
             "ExpressionAttributeNames":{"#s":"Status","#c":"Count"},
             "ExpressionAttributeValues":{":s":{"S":"PAID"},":zero":{"N":"0"},":amount":{"N":"12.5"},":one":{"N":"1"},":more":{"SS":["b","a"]}},
             "ReturnValues":"RETURN"}
            """;
        var allNew = fixture.Run(IntegrationFixture.OneTask(Update, Parameters.Replace("RETURN", "ALL_NEW", StringComparison.Ordinal))).Output();
        allNew["Attributes"].Should().Be(JNode.Parse("""{"OrderId":{"S":"o-1"},"Count":{"N":"2"},"Tags":{"SS":["a","b"]},"Status":{"S":"PAID"},"Total":{"N":"12.5"}}"""));

        var updatedOld = fixture.Run(IntegrationFixture.OneTask(Update, Parameters.Replace("RETURN", "UPDATED_OLD", StringComparison.Ordinal))).Output();
        updatedOld["Attributes"].Should().Be(JNode.Parse("""{"Count":{"N":"2"},"Tags":{"SS":["a","b"]},"Status":{"S":"PAID"},"Total":{"N":"12.5"}}"""));
    }

    [Fact]
    public void UpdateItem_OptimisticVersionCheck_FailsOnAStaleVersion()
    {
        using var fixture = new IntegrationFixture();
        fixture.Run(IntegrationFixture.OneTask(Put, """{"TableName":"Orders","Item":{"OrderId":{"S":"o-1"},"Version":{"N":"3"}}}""")).Output();
        const string Bump = """
            {"TableName":"Orders","Key":{"OrderId":{"S":"o-1"}},"UpdateExpression":"SET Version = Version + :one",
             "ConditionExpression":"Version = :expected","ExpressionAttributeValues":{":one":{"N":"1"},":expected":{"N":"EXPECTED"}},"ReturnValues":"UPDATED_NEW"}
            """;
        fixture.Run(IntegrationFixture.OneTask(Update, Bump.Replace("EXPECTED", "3", StringComparison.Ordinal))).Output()["Attributes"]
            .Should().Be(JNode.Parse("""{"Version":{"N":"4"}}"""));
        fixture.Run(IntegrationFixture.OneTask(Update, Bump.Replace("EXPECTED", "3", StringComparison.Ordinal))).Caught().Error
            .Should().Be("DynamoDB.ConditionalCheckFailedException");
    }

    [Theory]
    [InlineData("Amount BETWEEN :lo AND :hi", true)]
    [InlineData("Amount > :hi", false)]
    [InlineData("begins_with(Sku, :prefix) AND NOT attribute_exists(Missing)", true)]
    [InlineData("Status IN (:lo, :hi) OR size(Sku) >= :three", true)]
    [InlineData("contains(Tags, :tag) AND attribute_type(Amount, :n)", true)]
    [InlineData("(Amount < :lo) OR (Missing = :lo)", false)]
    [InlineData("Missing <> :lo", true)]
    public void DeleteItem_ConditionExpressions_AreEvaluatedAsDynamoDb(string condition, bool holds)
    {
        using var fixture = new IntegrationFixture();
        fixture.Run(IntegrationFixture.OneTask(Put, """{"TableName":"Orders","Item":{"OrderId":{"S":"o-1"},"Amount":{"N":"15"},"Sku":{"S":"SKU-1"},"Tags":{"SS":["x","y"]}}}""")).Output();
        string values = """{":lo":{"N":"10"},":hi":{"N":"20"},":prefix":{"S":"SKU"},":three":{"N":"3"},":tag":{"S":"y"},":n":{"S":"N"}}""";
        var used = JObject.FromPairs(((JObject)JNode.Parse(values)).Where(p => condition.Contains(p.Key, StringComparison.Ordinal)));
        string parameters = $$$"""{"TableName":"Orders","Key":{"OrderId":{"S":"o-1"}},"ConditionExpression":"{{{condition}}}","ExpressionAttributeValues":{{{used}}},"ReturnValues":"ALL_OLD"}""";

        var output = fixture.Run(IntegrationFixture.OneTask(Delete, parameters)).Output();

        if (holds)
        {
            output.ContainsKey("error").Should().BeFalse(output.ToString());
            ((JObject)output["Attributes"]!)["Amount"].Should().Be(JNode.Parse("""{"N":"15"}"""));
        }
        else
        {
            ((JObject)output["error"]!)["Error"].Should().Be(JNode.From("DynamoDB.ConditionalCheckFailedException"));
        }
    }

    [Fact]
    public void AnyAction_UndeclaredTable_IsCaughtAsResourceNotFound()
    {
        using var fixture = new IntegrationFixture();
        var (error, cause) = fixture.Run(IntegrationFixture.OneTask(Get, """{"TableName":"Nope","Key":{"OrderId":{"S":"x"}}}""", """["DynamoDB.ResourceNotFoundException"]""")).Caught();
        error.Should().Be("DynamoDB.ResourceNotFoundException");
        cause.Should().StartWith("Requested resource not found: Table: Nope not found");
    }

    [Theory]
    [InlineData(Get, """{"TableName":"Orders","Key":{"OrderId":{"S":"x"}}}""")]
    [InlineData(Put, """{"TableName":"Orders","Item":{"OrderId":{"S":"x"}}}""")]
    public void AnyAction_DeclaredTableMissingFromTheStore_IsResourceNotFoundNotARetriedRace(string resource, string parameters)
    {
        using var fixture = new IntegrationFixture();
        var registry = new TaskHandlerRegistry().AddBuiltInIntegrations(fixture.Services with { TableStore = new MissingTables() });

        var (error, cause) = fixture.Run(IntegrationFixture.OneTask(resource, parameters), dispatcher: registry).Caught();

        error.Should().Be("DynamoDB.ResourceNotFoundException");
        cause.Should().StartWith("Requested resource not found: The table 'ddbOrders' does not exist");
    }

    [Theory]
    [InlineData("""{"TableName":"Orders","Key":{"OrderId":{"N":"1"}}}""", "Type mismatch for key OrderId expected: S actual: N")]
    [InlineData("""{"TableName":"Orders","Key":{"Id":{"S":"1"}}}""", "The provided key element does not match the schema")]
    [InlineData("""{"TableName":"Lines","Key":{"OrderId":{"S":"1"},"LineNo":{"N":"x"}}}""", "cannot be converted into a number")]
    [InlineData("""{"TableName":"Orders","Key":{"OrderId":{"S":"1","N":"1"}}}""", "more than one datatypes")]
    [InlineData("""{"TableName":"Orders","Key":{"OrderId":{"S":""}}}""", "cannot contain an empty string value. Key: OrderId")]
    [InlineData("""{"TableName":"Orders","Key":{"OrderId":{"S":"1"}},"ProjectionExpression":"#a","ExpressionAttributeNames":{"#a":"A","#b":"B"}}""", "unused in expressions: keys: {#b}")]
    [InlineData("""{"TableName":"Orders","Key":{"OrderId":{"S":"1"}},"ProjectionExpression":"a.b"}""", "Nested attribute paths")]
    public void GetItem_InvalidRequest_IsAValidationExceptionSayingWhy(string parameters, string expected)
    {
        using var fixture = new IntegrationFixture();
        var (error, cause) = fixture.Run(IntegrationFixture.OneTask(Get, parameters)).Caught();
        error.Should().Be("DynamoDB.AmazonDynamoDBException");
        cause.Should().Contain(expected).And.Contain("Error Code: ValidationException");
    }

    [Theory]
    [InlineData("SET a = :v AND", "Syntax error; token: \\\"AND\\\"")]
    [InlineData("SET a = :missing", "attribute value: :missing")]
    [InlineData("SET OrderId = :v", "Cannot update attribute OrderId. This attribute is part of the key")]
    [InlineData("SET a = :v SET b = :v", "The \\\"SET\\\" section can only be used once")]
    [InlineData("SET a = :v REMOVE a", "Two document paths overlap")]
    public void UpdateItem_BadUpdateExpression_IsAValidationExceptionSayingWhy(string expression, string expected)
    {
        using var fixture = new IntegrationFixture();
        string parameters = $$$$"""{"TableName":"Orders","Key":{"OrderId":{"S":"o-1"}},"UpdateExpression":"{{{{expression}}}}","ExpressionAttributeValues":{":v":{"S":"x"}}}""";
        var (error, cause) = fixture.Run(IntegrationFixture.OneTask(Update, parameters)).Caught();
        error.Should().Be("DynamoDB.AmazonDynamoDBException");
        cause.Should().Contain(expected.Replace("\\\"", "\"", StringComparison.Ordinal));
    }

    [Fact]
    public void PutItem_UnknownParameter_IsStatesRuntimeNamingTheField()
    {
        using var fixture = new IntegrationFixture();
        fixture.Run(IntegrationFixture.OneTask(Put, """{"TableName":"Orders","Itm":{}}"""))
            .ShouldFailWith("States.Runtime", "The field 'Itm' is not supported by dynamodb:putItem");
    }

    [Fact]
    public async Task UpdateItem_ConcurrentIncrements_LoseNoUpdate()
    {
        // Many workers race to ADD 1 to the same counter: every write is conditional on the version read, and a lost race
        // is re-read and re-applied, so the count is exact.
        using var fixture = new IntegrationFixture();
        const int Workers = 8, Each = 10;
        var invocation = new TaskInvocation
        {
            StateName = "Count",
            Resource = Update,
            ExecutionId = "e",
            Input = JNode.Parse("""{"TableName":"Orders","Key":{"OrderId":{"S":"counter"}},"UpdateExpression":"ADD Hits :one","ExpressionAttributeValues":{":one":{"N":"1"}}}"""),
        };
        var tasks = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < Each; i++)
            {
                var outcome = await fixture.Registry.DispatchAsync(invocation, default);
                outcome.IsSuccess.Should().BeTrue($"{outcome.Error}: {outcome.Cause}");
            }
        }));
        await Task.WhenAll(tasks);

        var item = await fixture.Tables.GetAsync("ddbOrders", "counter", string.Empty);
        item!.Attributes["Hits"].Should().Be(JNode.Parse($$"""{"N":"{{Workers * Each}}"}"""));
    }

    [Fact]
    public void CompositeKey_KeysWithForbiddenCharacters_AreStoredAndReadBack()
    {
        using var fixture = new IntegrationFixture();
        const string Item = """{"OrderId":{"S":"a/b#c?d\\e%f"},"LineNo":{"N":"002"},"Qty":{"N":"1"}}""";
        fixture.Run(IntegrationFixture.OneTask(Put, $$"""{"TableName":"Lines","Item":{{Item}}}""")).Output();
        var got = fixture.Run(IntegrationFixture.OneTask(Get, """{"TableName":"Lines","Key":{"OrderId":{"S":"a/b#c?d\\e%f"},"LineNo":{"N":"2"}}}""")).Output();
        got["Item"].Should().Be(JNode.Parse("""{"OrderId":{"S":"a/b#c?d\\e%f"},"LineNo":{"N":"2"},"Qty":{"N":"1"}}"""));
    }

    /// <summary>A store whose tables were never created (Azure Table storage without the deployed table).</summary>
    private sealed class MissingTables : ITableStore
    {
        private static TableStoreException NotFound(string table) => new(TableStoreError.TableNotFound, $"The table '{table}' does not exist in the storage account.");

        public ValueTask<TableItem?> GetAsync(string table, string partitionKey, string sortKey, CancellationToken cancellationToken = default) => throw NotFound(table);

        public ValueTask<TableItem> PutAsync(string table, string partitionKey, string sortKey, JObject attributes, TableWriteCondition condition, CancellationToken cancellationToken = default) =>
            throw NotFound(table);

        public ValueTask<bool> DeleteAsync(string table, string partitionKey, string sortKey, TableWriteCondition condition, CancellationToken cancellationToken = default) => throw NotFound(table);

        public ValueTask<TablePage> QueryAsync(string table, string partitionKey, TableQueryOptions? options = null, CancellationToken cancellationToken = default) => throw NotFound(table);
    }
}
