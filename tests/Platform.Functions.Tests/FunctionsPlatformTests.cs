using Platform.Server;

namespace Platform.Functions.Tests;

public sealed class FunctionsPlatformTests
{
    [Theory]
    [InlineData(AppSettings.BlobEndpoint)]
    [InlineData(AppSettings.TableEndpoint)]
    public void StorageSetting_ConnectionString_IsUsedForLocalDevelopment(string setting)
    {
        var platform = TestPlatform.Create(new Dictionary<string, string?> { [setting] = "UseDevelopmentStorage=true" });

        if (setting == AppSettings.BlobEndpoint)
        {
            platform.Histories.Should().NotBeNull("a blob connection keeps the ASL histories");
        }
    }

    [Theory]
    [InlineData(AppSettings.BlobEndpoint, "https://account.blob.core.windows.net")]
    [InlineData(AppSettings.TableEndpoint, "https://account.table.core.windows.net")]
    public void StorageSetting_HttpsEndpoint_IsUsedWithTheIdentity(string setting, string endpoint)
    {
        var act = () => TestPlatform.Create(new Dictionary<string, string?> { [setting] = endpoint });

        act.Should().NotThrow();
    }

    [Theory]
    [InlineData(AppSettings.BlobEndpoint, "http://127.0.0.1:10000/devstoreaccount1")]
    [InlineData(AppSettings.TableEndpoint, "http://127.0.0.1:10002/devstoreaccount1")]
    public void StorageSetting_HttpEndpoint_IsRefusedNamingTheSettingNotBySdk(string setting, string endpoint)
    {
        // The SDK's own refusal is an ArgumentException ("Cannot use TokenCredential without HTTPS") naming no setting.
        var act = () => TestPlatform.Create(new Dictionary<string, string?> { [setting] = endpoint });

        act.Should().Throw<ServerConfigurationException>().Which.Message.Should().Contain(setting).And.Contain("UseDevelopmentStorage=true");
    }

    [Fact]
    public void TaskTokenKey_SamplePlaceholder_IsRefusedNamingTheSetting()
    {
        var act = () => TestPlatform.Create(new Dictionary<string, string?> { [AppSettings.TaskTokenKey] = "REPLACE-with-base64-of-32-random-bytes" });

        act.Should().Throw<ServerConfigurationException>().Which.Message.Should().Contain("TASK_TOKEN_KEY").And.Contain("not base64");
    }
}
