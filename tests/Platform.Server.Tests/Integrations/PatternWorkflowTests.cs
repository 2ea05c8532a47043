using Platform.Asl.Json;
using Platform.Runtime.Integrations;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.Integrations;

/// <summary>The circuit-breaker and saga workflows of workflows/, against a partner that refuses connections (port 1 on
/// the loopback: no network is reached).</summary>
public sealed class PatternWorkflowTests
{
    private const string Unreachable = "http://127.0.0.1:1/";

    [Fact]
    public async Task CircuitBreakerWorkflow_FailuresOpenTheCircuit_ThenOrdersAreDeferredWithoutCallingThePartner()
    {
        await using var h = await ServerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["WorkflowsDirectory"] = HttpSupport.RepoWorkflows,
            ["CircuitBreakers:0:Resource"] = "arn:aws:states:::http:invoke",
            ["CircuitBreakers:0:FailureThreshold"] = "2",
            ["CircuitBreakers:0:CoolDownSeconds"] = "600",
        });
        var reasons = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            string input = "{\"endpoint\":\"" + Unreachable + "orders\",\"order\":{\"id\":" + i + "}}";
            var ended = await h.WaitForEndAsync((await h.OkAsync("StartExecution", new { stateMachineArn = ServerHarness.MachineArn("circuit-breaker"), input })).Str("executionArn"));
            var output = (JObject)JNode.Parse(ended.Str("output"));
            output.Str("status").Should().Be("DEFERRED");
            reasons.Add(output.Str("reason"));
        }

        reasons.Should().Equal("States.Http.Socket", "States.Http.Socket", "CircuitBreaker.Open");
        var queue = (SqliteMessageQueue)h.Server.Backend.Integrations.Services.Queue!;
        queue.CountPending("deferred-orders").Should().Be(3);
        var circuits = (JArray)(await h.SendAsync(HttpMethod.Get, "/platform/circuit-breakers")).Json["circuits"]!;
        ((JObject)circuits.Single()).Str("key").Should().Be("arn:aws:states:::http:invoke http://127.0.0.1:1");
    }

    [Fact]
    public async Task SagaWorkflow_PaymentFails_StockIsReleased_AndOutOfStockReservesNothing()
    {
        await using var h = await ServerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["WorkflowsDirectory"] = HttpSupport.RepoWorkflows,
            ["Tables:0:Name"] = "Inventory",
            ["Tables:0:PartitionKey"] = "sku",
        });
        string admin = await h.CreateAsync("stock", """
            {"StartAt":"Choose","States":{
              "Choose":{"Type":"Choice","Choices":[{"Variable":"$.set","IsPresent":true,"Next":"Put"}],"Default":"Get"},
              "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"TableName":"Inventory","Item":{"sku":{"S":"A1"},"stock":{"N.$":"$.set"}}},"ResultPath":null,"Next":"Get"},
              "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","Parameters":{"TableName":"Inventory","Key":{"sku":{"S":"A1"}}},"ResultSelector":{"stock.$":"$.Item.stock.N"},"End":true}}}
            """);
        async Task<string> StockAsync(string input) =>
            ((JObject)JNode.Parse((await h.WaitForEndAsync((await h.OkAsync("StartExecution", new { stateMachineArn = admin, input })).Str("executionArn"))).Str("output"))).Str("stock");
        (await StockAsync("""{"set":"5"}""")).Should().Be("5");

        string saga = ServerHarness.MachineArn("order-saga");
        var failed = await h.WaitForEndAsync((await h.OkAsync("StartExecution", new { stateMachineArn = saga, input = $$"""{"sku":"A1","quantity":2,"paymentEndpoint":"{{Unreachable}}pay"}""" })).Str("executionArn"));
        failed.Str("status").Should().Be("FAILED");
        failed.Str("error").Should().Be("Order.PaymentFailed");
        var history = (JArray)(await h.OkAsync("GetExecutionHistory", new { executionArn = failed.Str("executionArn"), maxResults = 1000 }))["events"]!;
        history.Cast<JObject>().Count(e => e["type"] is JString { Value: "TaskSucceeded" }).Should().Be(2, "the reservation and its compensation both ran");
        (await StockAsync("{}")).Should().Be("5", "the compensation released the reserved stock");

        var outOfStock = await h.WaitForEndAsync((await h.OkAsync("StartExecution", new { stateMachineArn = saga, input = $$"""{"sku":"A1","quantity":9,"paymentEndpoint":"{{Unreachable}}pay"}""" })).Str("executionArn"));
        outOfStock.Str("error").Should().Be("Order.OutOfStock");
        (await StockAsync("{}")).Should().Be("5");
    }
}
