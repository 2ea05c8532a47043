using System.Collections;
using System.Net;
using Microsoft.Extensions.Configuration;
using Platform.Server.Hosting;

namespace Platform.Server.Tests.Api;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://localhost:8083", "localhost", 8083, true)]
    [InlineData("http://127.0.0.1:0", "127.0.0.1", 0, true)]
    [InlineData("http://[::1]:9000/", "::1", 9000, true)]
    [InlineData("http://0.0.0.0:8080", "0.0.0.0", 8080, false)]
    [InlineData("http://[::]:8080", "::", 8080, false)]
    [InlineData("http://*:8080", "*", 8080, false)]
    [InlineData("http://+:8080", "*", 8080, false)]
    [InlineData("HTTP://LocalHost:1", "localhost", 1, true)]
    public void Parse_BindableAddress_ReadsHostPortAndReach(string text, string host, int port, bool loopback)
    {
        var address = ListenAddress.Parse(text);

        (address.Host, address.Port, address.IsLoopback).Should().Be((host, port, loopback));
    }

    [Theory]
    [InlineData("https://0.0.0.0:8443", "no certificate")]
    [InlineData("0.0.0.0:8080", "does not start with http://")]
    [InlineData("http://0.0.0.0", "has no port")]
    [InlineData("http://[::1]", "has no port")]
    [InlineData("http://0.0.0.0:70000", "not a whole number from 0 to 65535")]
    [InlineData("http://0.0.0.0:http", "not a whole number from 0 to 65535")]
    [InlineData("http://0.0.0.0:8080/api", "has a path")]
    [InlineData("http://example.com:8080", "cannot be bound")]
    [InlineData("http://1:8080", "cannot be bound")]
    public void Parse_UnbindableAddress_SaysWhy(string text, string why)
    {
        var act = () => ListenAddress.Parse(text);

        act.Should().Throw<FormatException>().Which.Message.Should().Contain($"'{text}'").And.Contain(why);
    }

    [Fact]
    public void ParseList_SeparatedBySemicolonsOrCommas_ReadsEachAndRefusesRepeats()
    {
        ListenAddress.ParseList("http://localhost:1; http://0.0.0.0:2,http://[::]:3").Select(a => a.ToString())
            .Should().Equal("http://localhost:1", "http://0.0.0.0:2", "http://[::]:3");
        var repeated = () => ListenAddress.ParseList("http://0.0.0.0:2;http://0.0.0.0:2");
        repeated.Should().Throw<FormatException>().WithMessage("*given twice*");
        var empty = () => ListenAddress.ParseList(" ; ");
        empty.Should().Throw<FormatException>().WithMessage("*no address*");
    }

    [Fact]
    public void Configuration_UrlsBeyondLoopbackWithoutKey_IsRefusedNamingBothWaysOut()
    {
        var act = () => Read(new() { ["Platform:Urls"] = "http://localhost:1;http://0.0.0.0:8080" });

        act.Should().Throw<ServerConfigurationException>().Which.Message.Should()
            .Contain("Platform:Urls").And.Contain("http://0.0.0.0:8080").And.Contain("Platform:ApiKey").And.Contain("Platform:AllowAnonymous");
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", null, null)]
    [InlineData("http://0.0.0.0:8080", "secret", null)]
    [InlineData("http://0.0.0.0:8080", null, "true")]
    public void Configuration_UrlsLoopbackOrWithKeyOrConsciouslyAnonymous_AreAccepted(string urls, string? key, string? anonymous)
    {
        var options = Read(new() { ["Platform:Urls"] = urls, ["Platform:ApiKey"] = key, ["Platform:AllowAnonymous"] = anonymous });

        options.Urls.Should().ContainSingle().Which.ToString().Should().Be(urls);
    }

    [Theory]
    [InlineData("Urls", "http://example.com:80", "cannot be bound")]
    [InlineData("Urls", "tcp://0.0.0.0:80", "does not start with http://")]
    [InlineData("AllowAnonymous", "yes", "true or false")]
    public void Configuration_MalformedListenSetting_NamesItAndWhy(string setting, string value, string why)
    {
        var act = () => Read(new() { ["Platform:" + setting] = value });

        act.Should().Throw<ServerConfigurationException>().Which.Message.Should().Contain("Platform:" + setting).And.Contain(value).And.Contain(why);
    }

    [Fact]
    public void Configuration_PlatformUrlsEnvironmentVariables_MapOntoSettings()
    {
        var mapped = ServerConfiguration.FromEnvironment(new Hashtable { ["PLATFORM_URLS"] = "http://0.0.0.0:8080", ["PLATFORM_ALLOW_ANONYMOUS"] = "true" });

        mapped.Should().BeEquivalentTo(new Dictionary<string, string?> { ["Platform:Urls"] = "http://0.0.0.0:8080", ["Platform:AllowAnonymous"] = "true" });
    }

    [Fact]
    public async Task StartAsync_UrlsOnEveryInterface_ListensThereAndAnswersOnLoopback()
    {
        string data = Directory.CreateTempSubdirectory("platform-listen").FullName;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Platform:DataDirectory"] = data, ["Platform:Urls"] = "http://0.0.0.0:0", ["Platform:ApiKey"] = "k", ["Platform:WorkflowsDirectory"] = string.Empty,
            };
            await using var server = PlatformServer.Create(settings, new PlatformServerOptions { FullSync = false });
            await server.StartAsync();

            var bound = new Uri(server.ListeningUrls.Should().ContainSingle().Subject);
            bound.Host.Should().Be("0.0.0.0");
            server.ApiUrl!.Host.Should().Be("localhost", "a wildcard address is reached on localhost from this machine");
            using var http = new HttpClient();
            var answer = await http.GetAsync(new Uri($"http://127.0.0.1:{bound.Port}/"));
            answer.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the API key is required beyond loopback");
            using var keyed = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{bound.Port}/"));
            keyed.Headers.Add("X-Api-Key", "k");
            (await http.SendAsync(keyed)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static PlatformServerOptions Read(Dictionary<string, string?> settings) =>
        ServerConfiguration.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new PlatformServerOptions());
}
