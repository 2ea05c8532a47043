using Platform.Server.Hosting;

namespace Platform.Server.Tests.Azure;

public sealed class StorageConnectionTests
{
    [Fact]
    public void Parse_HttpsUrl_IsAnEndpoint()
    {
        StorageConnection.Parse("PLATFORM_BLOB_ENDPOINT", " https://account.blob.core.windows.net/ ")
            .Should().Be(new StorageConnection(new Uri("https://account.blob.core.windows.net/"), null));
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")]
    public void Parse_KeyValuePairs_IsAConnectionString(string value)
    {
        StorageConnection.Parse("PLATFORM_BLOB_ENDPOINT", value).Should().Be(new StorageConnection(null, value));
    }

    [Fact]
    public void Parse_HttpUrl_IsRefusedBecauseTokensNeedHttps()
    {
        var act = () => StorageConnection.Parse("PLATFORM_TABLE_ENDPOINT", "http://127.0.0.1:10002/devstoreaccount1");

        act.Should().Throw<ServerConfigurationException>().Which.Message.Should()
            .Contain("PLATFORM_TABLE_ENDPOINT").And.Contain("only over https").And.Contain("UseDevelopmentStorage=true");
    }

    [Theory]
    [InlineData("account.blob.core.windows.net")]
    [InlineData("ftp://account.blob.core.windows.net")]
    public void Parse_NeitherForm_IsRefusedNamingTheSetting(string value)
    {
        var act = () => StorageConnection.Parse("PLATFORM_BLOB_ENDPOINT", value);

        act.Should().Throw<ServerConfigurationException>().Which.Message.Should().Contain("PLATFORM_BLOB_ENDPOINT").And.Contain("https endpoint");
    }
}
