using System.Collections;
using Microsoft.Extensions.Configuration;
using Platform.Asl.Json;
using Platform.Server.Hosting;
using Platform.Server.Tests.Support;

namespace Platform.Server.Tests.Api;

public sealed class StartupTests
{
    [Fact]
    public async Task Samples_RegisteredOnEveryStart_Idempotently()
    {
        string workflows = Directory.CreateTempSubdirectory("platform-workflows").FullName;
        try
        {
            File.WriteAllText(Path.Combine(workflows, "greet.asl.json"), Definitions.Pass);
            File.WriteAllText(Path.Combine(workflows, "broken.asl.json"), "{");
            File.WriteAllText(Path.Combine(workflows, "notes.txt"), "not a state machine");
            await using var h = await ServerHarness.StartAsync(new Dictionary<string, string?> { ["WorkflowsDirectory"] = workflows });
            h.Server.Samples.Select(s => (s.Name, s.Outcome)).Should().BeEquivalentTo(new[] { ("broken", SampleOutcome.Skipped), ("greet", SampleOutcome.Created) });
            h.Server.Samples.Single(s => s.Name == "broken").Problem.Should().NotBeNullOrEmpty();

            await h.RestartAsync();
            h.Server.Samples.Single(s => s.Name == "greet").Outcome.Should().Be(SampleOutcome.Unchanged);
            File.WriteAllText(Path.Combine(workflows, "greet.asl.json"), Definitions.PassTwo);
            await h.RestartAsync();
            h.Server.Samples.Single(s => s.Name == "greet").Outcome.Should().Be(SampleOutcome.Updated);
            ((JString)(await h.OkAsync("DescribeStateMachine", new { stateMachineArn = ServerHarness.MachineArn("greet") }))["definition"]!).Value.Should().Be(Definitions.PassTwo);
        }
        finally
        {
            Directory.Delete(workflows, recursive: true);
        }
    }

    [Fact]
    public async Task ASecondServer_OnTheSameDataFolder_IsRefusedPlainly()
    {
        await using var h = await ServerHarness.StartAsync();
        var second = () => PlatformServer.Create(new Dictionary<string, string?> { ["Platform:DataDirectory"] = h.Server.DataDirectory, ["Platform:Port"] = "0" });
        second.Should().Throw<ServerConfigurationException>().Which.Message.Should().Contain("is in use").And.Contain(h.Server.DataDirectory);
    }

    [Theory]
    [InlineData("REPLACE-with-base64-of-32-random-bytes", "not base64")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/task-token-key/)", "Key Vault reference the host did not resolve")]
    [InlineData("AAAA", "decodes to 3 bytes")]
    public void ReadTaskTokenKey_Malformed_NamesTheGivenSettingWithoutRepeatingTheValue(string value, string expected)
    {
        var act = () => ServerConfiguration.ReadTaskTokenKey("TASK_TOKEN_KEY", value);

        act.Should().Throw<ServerConfigurationException>().Which.Message.Should().Contain("the setting TASK_TOKEN_KEY").And.Contain(expected).And.NotContain(value);
    }

    [Theory]
    [InlineData("not base64!", "not base64")]
    [InlineData("c2hvcnQ=", "decodes to 5 bytes")]
    public void Configuration_TaskTokenKey_Malformed_IsRefusedWithoutRepeatingIt(string value, string expected)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Platform:TaskTokenKey"] = value }).Build();
        var act = () => ServerConfiguration.Read(settings, new PlatformServerOptions());
        act.Should().Throw<ServerConfigurationException>().Which.Message.Should().Contain("Platform:TaskTokenKey").And.Contain(expected).And.NotContain(value);
    }

    [Fact]
    public async Task TaskTokenKey_Configured_IsUsedAndNotStoredInTheJournal()
    {
        string key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        await using var h = await ServerHarness.StartAsync(new Dictionary<string, string?> { ["TaskTokenKey"] = key });
        h.Server.Options.TaskTokenKey.Should().Equal(Convert.FromBase64String(key));
        string journal = Path.Combine(h.Server.DataDirectory, "journal.db");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={journal};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM settings WHERE name = 'task-token-key'";
        Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(0, "the configured key is not written beside the data");
    }

    [Fact]
    public async Task RegionAndAccount_Configured_ShapeTheArns()
    {
        await using var h = await ServerHarness.StartAsync(new Dictionary<string, string?> { ["Region"] = "eu-west-3", ["AccountId"] = "000000000042" });
        var created = await h.OkAsync("CreateStateMachine", new { name = "m", definition = Definitions.Pass, roleArn = ServerHarness.Role });
        ((JString)created["stateMachineArn"]!).Value.Should().Be("arn:aws:states:eu-west-3:000000000042:stateMachine:m");
    }

    [Fact]
    public void Configuration_PlatformEnvironmentVariables_MapOntoSettings()
    {
        var variables = new Hashtable { ["PLATFORM_API_KEY"] = "k", ["PLATFORM_PORT"] = "9000", ["PLATFORM_DATADIRECTORY"] = "/d", ["PLATFORM_UNKNOWN"] = "x", ["OTHER"] = "y" };
        var mapped = ServerConfiguration.FromEnvironment(variables);
        mapped.Should().BeEquivalentTo(new Dictionary<string, string?> { ["Platform:ApiKey"] = "k", ["Platform:Port"] = "9000", ["Platform:DataDirectory"] = "/d" });
        var options = ServerConfiguration.Read(new ConfigurationBuilder().AddInMemoryCollection(mapped).Build(), new PlatformServerOptions());
        (options.ApiKey, options.Port, options.DataDirectory).Should().Be(("k", 9000, "/d"));
    }

    [Theory]
    [InlineData("Port", "70000", "Platform:Port")]
    [InlineData("Port", "eighty", "Platform:Port")]
    [InlineData("Region", "Mars", "Platform:Region")]
    [InlineData("AccountId", "42", "Platform:AccountId")]
    public void Configuration_InvalidSetting_NamesIt(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Platform:" + key] = value }).Build();
        var act = () => ServerConfiguration.Read(configuration, new PlatformServerOptions());
        act.Should().Throw<ServerConfigurationException>().WithMessage($"*{named}*{value}*");
    }
}
