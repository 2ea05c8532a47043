namespace Platform.Cli.Tests;

public sealed class ServeCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Serve_PortAndUrlsTogether_IsAUsageError()
    {
        var result = await CliHarness.RunAsync("serve", "--data", _cli.PathOf("data"), "--port", "9000", "--urls", "http://127.0.0.1:9001");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("either --port").And.Contain("--urls");
    }

    [Fact]
    public async Task Serve_UrlsBeyondLocalhostWithoutKey_IsRefusedBeforeListening()
    {
        var result = await CliHarness.RunAsync("serve", "--data", _cli.PathOf("data"), "--urls", "http://0.0.0.0:0");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("Platform:Urls").And.Contain("--api-key").And.Contain("--allow-anonymous");
        Directory.Exists(_cli.PathOf("data")).Should().BeFalse("the settings are refused before the data directory is opened");
    }

    [Fact]
    public async Task Serve_MalformedUrls_SaysWhichAndWhy()
    {
        var result = await CliHarness.RunAsync("serve", "--data", _cli.PathOf("data"), "--urls", "https://0.0.0.0:8443");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("'https://0.0.0.0:8443'").And.Contain("no certificate");
    }
}
