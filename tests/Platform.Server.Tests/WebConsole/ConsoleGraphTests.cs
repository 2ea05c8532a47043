using System.Net;
using Platform.Asl.Graph;
using Platform.Asl.Json;
using Platform.Asl.Parsing;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.WebConsole;

/// <summary>GET /console/api/graph: the layout <c>platform graph --format json</c> gives (GraphRenderer), of a state
/// machine, a version, or the revision an execution runs; bad queries and unknown ARNs are the API's precise errors.</summary>
public sealed class ConsoleGraphTests
{
    /// <summary>Choice rules, a Catch, a Parallel and a Map: every kind of edge and a cluster.</summary>
    private const string Rich = """
        {"StartAt":"Route","States":{
          "Route":{"Type":"Choice","Choices":[{"Variable":"$.tier","StringEquals":"gold","Next":"Both"}],"Default":"Each"},
          "Both":{"Type":"Parallel","Branches":[
            {"StartAt":"Left","States":{"Left":{"Type":"Pass","End":true}}},
            {"StartAt":"Right","States":{"Right":{"Type":"Wait","Seconds":1,"End":true}}}],
            "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Oops"}],"Next":"Done"},
          "Each":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"Item","States":{"Item":{"Type":"Pass","End":true}}},"Next":"Done"},
          "Oops":{"Type":"Fail","Error":"E"},
          "Done":{"Type":"Succeed"}}}
        """;

    private static string Layout(string definition) => GraphRenderer.Render(AslParser.Parse(definition).Definition!, GraphFormat.Json);

    private static async Task<(HttpStatusCode Status, string ContentType, string Body)> GetAsync(ServerHarness h, string query)
    {
        using var response = await h.Client.GetAsync("/console/api/graph" + query);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? string.Empty, await response.Content.ReadAsStringAsync());
    }

    private static async Task<ApiResult> ErrorAsync(ServerHarness h, string query)
    {
        var (status, _, body) = await GetAsync(h, query);
        return new ApiResult((int)status, (JObject)JNode.Parse(body));
    }

    private static string Arn(string arn) => Uri.EscapeDataString(arn);

    [Fact]
    public async Task StateMachine_TheLayoutOfPlatformGraphJson()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("rich", Rich);
        var (status, type, body) = await GetAsync(h, "?stateMachineArn=" + Arn(machine));
        status.Should().Be(HttpStatusCode.OK, body);
        type.Should().Be("application/json; charset=utf-8");
        body.Should().Be(Layout(Rich));

        var layout = (JObject)JNode.Parse(body);
        ((JArray)layout["clusters"]!).Should().HaveCount(3, "two Parallel branches and a Map item processor");
        ((JArray)layout["nodes"]!).Cast<JObject>().Select(n => n["stateName"]).OfType<JString>().Select(s => s.Value)
            .Should().BeEquivalentTo(["Route", "Both", "Left", "Right", "Each", "Item", "Oops", "Done"]);
    }

    [Fact]
    public async Task Execution_TheRevisionItRuns_NotTheStateMachinesLatest()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("approve", Definitions.Callback());
        string execution = ((JString)(await h.OkAsync("StartExecution", new { stateMachineArn = machine, name = "run-1" }))["executionArn"]!).Value;
        await h.OkAsync("UpdateStateMachine", new { stateMachineArn = machine, definition = Rich });

        (await GetAsync(h, "?executionArn=" + Arn(execution))).Body.Should().Be(Layout(Definitions.Callback()));
        (await GetAsync(h, "?stateMachineArn=" + Arn(machine))).Body.Should().Be(Layout(Rich));
    }

    [Fact]
    public async Task Version_ItsOwnDefinition()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("versioned", Definitions.Pass);
        string version = ((JString)(await h.OkAsync("PublishStateMachineVersion", new { stateMachineArn = machine }))["stateMachineVersionArn"]!).Value;
        await h.OkAsync("UpdateStateMachine", new { stateMachineArn = machine, definition = Definitions.Fails });

        (await GetAsync(h, "?stateMachineArn=" + Arn(version))).Body.Should().Be(Layout(Definitions.Pass));
        (await GetAsync(h, "?stateMachineArn=" + Arn(machine))).Body.Should().Be(Layout(Definitions.Fails));
    }

    [Fact]
    public async Task ExpressExecution_ItsDefinition()
    {
        await using var h = await ServerHarness.StartAsync();
        string machine = await h.CreateAsync("quick", Definitions.Pass, "EXPRESS");
        string execution = ((JString)(await h.OkAsync("StartExecution", new { stateMachineArn = machine }))["executionArn"]!).Value;
        (await GetAsync(h, "?executionArn=" + Arn(execution))).Body.Should().Be(Layout(Definitions.Pass));
    }

    [Fact]
    public async Task UnknownStateMachine_StateMachineDoesNotExist()
    {
        await using var h = await ServerHarness.StartAsync();
        string arn = ServerHarness.MachineArn("ghost");
        (await ErrorAsync(h, "?stateMachineArn=" + Arn(arn))).ShouldFailWith("StateMachineDoesNotExist").Should().Contain(arn);
    }

    [Fact]
    public async Task UnknownExecution_ExecutionDoesNotExist()
    {
        await using var h = await ServerHarness.StartAsync();
        await h.CreateAsync("known", Definitions.Pass);
        string arn = ServerHarness.ExecutionArn("known", "never-started");
        (await ErrorAsync(h, "?executionArn=" + Arn(arn))).ShouldFailWith("ExecutionDoesNotExist").Should().Contain(arn);
    }

    [Theory]
    [InlineData("?executionArn=garbage", "InvalidArn", "Invalid Arn: 'garbage' in executionArn")]
    [InlineData("?stateMachineArn=garbage", "InvalidArn", "garbage")]
    [InlineData("", "ValidationException", "Give the state machine to draw: ?stateMachineArn=<state machine or version ARN> or ?executionArn=<execution ARN>.")]
    [InlineData("?stateMachineArn=a&executionArn=b", "ValidationException", "Give either stateMachineArn or executionArn, not both.")]
    [InlineData("?stateMachineArn=a&stateMachineArn=b", "ValidationException", "The query parameter 'stateMachineArn' is given 2 times: give it once.")]
    [InlineData("?arn=x", "ValidationException", "Unknown query parameter 'arn': give stateMachineArn or executionArn.")]
    [InlineData("?stateMachineArn=", "ValidationException", "at 'stateMachineArn' failed to satisfy constraint: Member must have length greater than or equal to 1")]
    public async Task BadQuery_PreciseError(string query, string code, string message)
    {
        await using var h = await ServerHarness.StartAsync();
        (await ErrorAsync(h, query)).ShouldFailWith(code).Should().Contain(message);
    }
}
