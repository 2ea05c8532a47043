using Platform.Asl.Json;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.Api;

public sealed class StateMachineOperationsTests
{
    [Fact]
    public async Task CreateDescribeUpdateListDelete_RoundTrip()
    {
        await using var h = await ServerHarness.StartAsync();
        var created = await h.OkAsync("CreateStateMachine", new { name = "orders", definition = Definitions.Pass, roleArn = ServerHarness.Role });
        string arn = ((JString)created["stateMachineArn"]!).Value;
        arn.Should().Be(ServerHarness.MachineArn("orders"));
        created["creationDate"].Should().BeOfType<JNumber>();

        var described = await h.OkAsync("DescribeStateMachine", new { stateMachineArn = arn });
        ((JString)described["definition"]!).Value.Should().Be(Definitions.Pass);
        ((JString)described["type"]!).Value.Should().Be("STANDARD");
        ((JString)described["status"]!).Value.Should().Be("ACTIVE");
        string revision = ((JString)described["revisionId"]!).Value;

        var updated = await h.OkAsync("UpdateStateMachine", new { stateMachineArn = arn, definition = Definitions.PassTwo, publish = true });
        ((JString)updated["revisionId"]!).Value.Should().NotBe(revision);
        ((JString)updated["stateMachineVersionArn"]!).Value.Should().Be(arn + ":1");
        ((JString)(await h.OkAsync("DescribeStateMachine", new { stateMachineArn = arn }))["definition"]!).Value.Should().Be(Definitions.PassTwo);

        await h.CreateAsync("another", Definitions.Pass, "EXPRESS");
        var listed = await h.OkAsync("ListStateMachines", new { maxResults = 1 });
        var first = (JObject)((JArray)listed["stateMachines"]!)[0];
        ((JString)first["name"]!).Value.Should().Be("another");
        ((JString)first["type"]!).Value.Should().Be("EXPRESS");
        var second = await h.OkAsync("ListStateMachines", new { maxResults = 1, nextToken = ((JString)listed["nextToken"]!).Value });
        ((JString)((JObject)((JArray)second["stateMachines"]!)[0])["name"]!).Value.Should().Be("orders");
        second.ContainsKey("nextToken").Should().BeFalse();

        (await h.OkAsync("DeleteStateMachine", new { stateMachineArn = arn })).Count.Should().Be(0);
        (await h.CallAsync("DescribeStateMachine", new { stateMachineArn = arn })).ShouldFailWith("StateMachineDoesNotExist");
    }

    [Fact]
    public async Task CreateStateMachine_BadRequests_AwsErrors()
    {
        await using var h = await ServerHarness.StartAsync();
        (await h.CallAsync("CreateStateMachine", new { name = "bad name", definition = Definitions.Pass, roleArn = ServerHarness.Role }))
            .ShouldFailWith("InvalidName").Should().Contain("whitespace");
        (await h.CallAsync("CreateStateMachine", new { name = "x", definition = """{"StartAt":"Nope","States":{"A":{"Type":"Pass","End":true}}}""", roleArn = ServerHarness.Role }))
            .ShouldFailWith("InvalidDefinition").Should().Contain("/StartAt");
        (await h.CallAsync("CreateStateMachine", new { name = "x", definition = Definitions.Pass, roleArn = "not-an-arn" }))
            .ShouldFailWith("InvalidArn");
        (await h.CallAsync("CreateStateMachine", new { definition = Definitions.Pass, roleArn = ServerHarness.Role }))
            .ShouldFailWith("ValidationException").Should().Contain("'name'").And.Contain("must not be null");
        (await h.CallAsync("CreateStateMachine", new { name = new string('a', 81), definition = Definitions.Pass, roleArn = ServerHarness.Role }))
            .ShouldFailWith("ValidationException").Should().Contain("less than or equal to 80");
        (await h.CallAsync("CreateStateMachine", new { name = "x", definition = new string(' ', 1_048_577), roleArn = ServerHarness.Role }))
            .ShouldFailWith("ValidationException").Should().Contain("'definition'").And.Contain("1048576");
        (await h.CallAsync("CreateStateMachine", new { name = "x", definition = Definitions.Pass, roleArn = ServerHarness.Role, type = "FAST" }))
            .ShouldFailWith("ValidationException").Should().Contain("[STANDARD, EXPRESS]");
        (await h.CallAsync("CreateStateMachine", new { name = 5, definition = Definitions.Pass, roleArn = ServerHarness.Role }))
            .ShouldFailWith("SerializationException").Should().Contain("'name' must be a string");

        await h.CreateAsync("taken", Definitions.Pass);
        (await h.CallAsync("CreateStateMachine", new { name = "taken", definition = Definitions.Pass, roleArn = ServerHarness.Role }))
            .Status.Should().Be(200, "an identical create is idempotent");
        (await h.CallAsync("CreateStateMachine", new { name = "taken", definition = Definitions.PassTwo, roleArn = ServerHarness.Role }))
            .ShouldFailWith("StateMachineAlreadyExists");
    }

    [Fact]
    public async Task DescribeAndListAndUpdate_BadArnsAndRanges_AwsErrors()
    {
        await using var h = await ServerHarness.StartAsync();
        (await h.CallAsync("DescribeStateMachine", new { stateMachineArn = "arn:aws:states:us-east-1:123456789012:activity:x" })).ShouldFailWith("InvalidArn");
        (await h.CallAsync("DescribeStateMachine", new { stateMachineArn = ServerHarness.MachineArn("ghost") })).ShouldFailWith("StateMachineDoesNotExist");
        (await h.CallAsync("ListStateMachines", new { maxResults = 1001 })).ShouldFailWith("ValidationException").Should().Contain("less than or equal to 1000");
        (await h.CallAsync("ListStateMachines", new { maxResults = -1 })).ShouldFailWith("ValidationException");
        (await h.CallAsync("ListStateMachines", new { nextToken = "garbage" })).ShouldFailWith("InvalidToken");
        string arn = await h.CreateAsync("m", Definitions.Pass);
        (await h.CallAsync("UpdateStateMachine", new { stateMachineArn = arn })).ShouldFailWith("ValidationException");
        (await h.CallAsync("UpdateStateMachine", new { stateMachineArn = arn, definition = "{" })).ShouldFailWith("InvalidDefinition");
        (await h.CallAsync("UpdateStateMachine", new { stateMachineArn = ServerHarness.MachineArn("ghost"), definition = Definitions.Pass })).ShouldFailWith("StateMachineDoesNotExist");
        (await h.CallAsync("DeleteStateMachine", new { stateMachineArn = ServerHarness.MachineArn("ghost") })).Status.Should().Be(200, "deleting a missing state machine succeeds, as on AWS");
    }

    [Fact]
    public async Task VersionsAndAliases_FullLifecycle()
    {
        await using var h = await ServerHarness.StartAsync();
        string arn = await h.CreateAsync("m", Definitions.Pass);
        var v1 = await h.OkAsync("PublishStateMachineVersion", new { stateMachineArn = arn, description = "first" });
        string version1 = ((JString)v1["stateMachineVersionArn"]!).Value;
        version1.Should().Be(arn + ":1");
        await h.OkAsync("UpdateStateMachine", new { stateMachineArn = arn, definition = Definitions.PassTwo });
        string version2 = ((JString)(await h.OkAsync("PublishStateMachineVersion", new { stateMachineArn = arn }))["stateMachineVersionArn"]!).Value;

        var versions = (JArray)(await h.OkAsync("ListStateMachineVersions", new { stateMachineArn = arn }))["stateMachineVersions"]!;
        versions.Select(v => ((JString)((JObject)v)["stateMachineVersionArn"]!).Value).Should().Equal(version2, version1);
        var describedVersion = await h.OkAsync("DescribeStateMachine", new { stateMachineArn = version1 });
        ((JString)describedVersion["definition"]!).Value.Should().Be(Definitions.Pass);
        ((JString)describedVersion["description"]!).Value.Should().Be("first");

        var alias = await h.OkAsync("CreateStateMachineAlias", new
        {
            name = "live", description = "canary",
            routingConfiguration = new object[] { new { stateMachineVersionArn = version1, weight = 100 } },
        });
        string aliasArn = ((JString)alias["stateMachineAliasArn"]!).Value;
        aliasArn.Should().Be(arn + ":live");
        await h.OkAsync("UpdateStateMachineAlias", new
        {
            stateMachineAliasArn = aliasArn,
            routingConfiguration = new object[] { new { stateMachineVersionArn = version1, weight = 0 }, new { stateMachineVersionArn = version2, weight = 100 } },
        });
        var described = await h.OkAsync("DescribeStateMachineAlias", new { stateMachineAliasArn = aliasArn });
        ((JString)described["description"]!).Value.Should().Be("canary");
        ((JArray)described["routingConfiguration"]!).Count.Should().Be(2);
        described["updateDate"].Should().BeOfType<JNumber>();
        var aliases = (JArray)(await h.OkAsync("ListStateMachineAliases", new { stateMachineArn = arn }))["stateMachineAliases"]!;
        ((JString)((JObject)aliases[0])["stateMachineAliasArn"]!).Value.Should().Be(aliasArn);

        (await h.CallAsync("DeleteStateMachineVersion", new { stateMachineVersionArn = version2 })).ShouldFailWith("ConflictException");
        (await h.CallAsync("DescribeStateMachine", new { stateMachineArn = aliasArn })).ShouldFailWith("ValidationException");
        (await h.CallAsync("CreateStateMachineAlias", new { name = "empty", routingConfiguration = Array.Empty<object>() })).ShouldFailWith("ValidationException");
        (await h.CallAsync("CreateStateMachineAlias", new { name = "w", routingConfiguration = new object[] { new { stateMachineVersionArn = version1, weight = 101 } } }))
            .ShouldFailWith("ValidationException").Should().Contain("100");
        (await h.CallAsync("CreateStateMachineAlias", new { name = "nested", routingConfiguration = new object[] { 5 } })).ShouldFailWith("SerializationException");

        await h.OkAsync("DeleteStateMachineAlias", new { stateMachineAliasArn = aliasArn });
        (await h.CallAsync("DescribeStateMachineAlias", new { stateMachineAliasArn = aliasArn })).ShouldFailWith("ResourceNotFound");
        await h.OkAsync("DeleteStateMachineVersion", new { stateMachineVersionArn = version2 });
        (await h.CallAsync("DescribeStateMachine", new { stateMachineArn = version2 })).ShouldFailWith("StateMachineDoesNotExist");
    }
}
