using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Server.Tests.Azure;

/// <summary>CI check of the Azure Functions app's configuration (the app itself is outside Platform.sln): host.json and
/// local.settings.sample.json parse, and every setting the app reads is in the sample and documented in the README.</summary>
public sealed partial class FunctionsSettingsTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void HostJson_Parses_WithTheDurableTaskHubAndExplicitServiceBusSettlement()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "host.json")));
        var extensions = host.RootElement.GetProperty("extensions");

        host.RootElement.GetProperty("version").GetString().Should().Be("2.0");
        extensions.GetProperty("durableTask").GetProperty("hubName").GetString().Should().Be("%TASKHUB_NAME%");
        extensions.GetProperty("serviceBus").GetProperty("autoCompleteMessages").GetBoolean().Should().BeFalse("the Service Bus trigger settles messages itself");
        host.RootElement.GetProperty("logging").TryGetProperty("extensions", out _).Should().BeFalse("extensions nested in logging is the sample bug azure-api.md warns of");
    }

    [Fact]
    public void Settings_EveryOneTheAppReads_IsInTheSampleAndTheReadme()
    {
        var sample = SampleSettings();
        string readme = ReadmeSettingsSection();

        var read = SettingsTheAppReads();

        read.Should().Contain(["TASK_TOKEN_KEY", "TASKHUB_NAME", "InboxStorage", "Bus", "SERVICEBUS_QUEUE", "PURGE_SCHEDULE", "Platform__Triggers"], "the scan must find the app's settings");
        foreach (string setting in read)
        {
            sample.Should().Contain(k => k == setting || k.StartsWith(setting + "__", StringComparison.Ordinal), $"{setting} is read by the app, so local.settings.sample.json shows it");
            readme.Should().Contain("`" + setting, $"{setting} is read by the app, so the README's Application settings section documents it");
        }
    }

    [Fact]
    public void SampleSettings_AreAllReadByTheAppOrTheHost()
    {
        var read = SettingsTheAppReads().Concat(["AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME"]).ToList();

        SampleSettings().Should().OnlyContain(k => read.Any(r => k == r || k.StartsWith(r + "__", StringComparison.Ordinal)), "a sample setting nothing reads misleads");
    }

    [Fact]
    public void SampleSettings_StorageSettings_AreConnectionStringsTheSdkAcceptsWithoutHttps()
    {
        var values = SampleValues();

        foreach (string setting in new[] { "PLATFORM_BLOB_ENDPOINT", "PLATFORM_TABLE_ENDPOINT" })
        {
            Hosting.StorageConnection.Parse(setting, values[setting]).ConnectionString.Should().NotBeNull($"{setting} runs against Azurite over http, which a token credential refuses");
        }
    }

    [Fact]
    public void SampleSettings_TaskTokenKeyPlaceholder_IsRefusedNamingTheSetting()
    {
        var act = () => ServerConfiguration.ReadTaskTokenKey("TASK_TOKEN_KEY", SampleValues()["TASK_TOKEN_KEY"]);

        act.Should().Throw<ServerConfigurationException>().Which.Message.Should().Contain("TASK_TOKEN_KEY");
    }

    /// <summary>Settings named in the app's code: AppSettings constants (values in quotes), binding expressions (%NAME%),
    /// binding connections (Connection = AppSettings.X) and those of host.json.</summary>
    private static List<string> SettingsTheAppReads()
    {
        string app = Path.Combine(Root, "src", "Platform.Functions");
        string appSettings = File.ReadAllText(Path.Combine(app, "AppSettings.cs"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in ConstPattern().Matches(appSettings))
        {
            if (m.Groups["name"].Value != "InboxContainer")
            {
                names.Add(m.Groups["value"].Value);
            }
        }

        foreach (Match m in ArrayItemPattern().Matches(appSettings[appSettings.IndexOf("ServerSettings", StringComparison.Ordinal)..]))
        {
            names.Add(m.Groups[1].Value);
        }

        foreach (string file in Directory.EnumerateFiles(app, "*.cs", SearchOption.AllDirectories).Append(Path.Combine(Root, "host.json")))
        {
            foreach (Match m in BindingExpressionPattern().Matches(File.ReadAllText(file)))
            {
                names.Add(m.Groups[1].Value);
            }
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    private static List<string> SampleSettings()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "local.settings.sample.json")));
        sample.RootElement.GetProperty("IsEncrypted").GetBoolean().Should().BeFalse();
        return [.. sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name)];
    }

    private static Dictionary<string, string> SampleValues()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private static string ReadmeSettingsSection()
    {
        string readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        int start = readme.IndexOf("## Application settings", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "the README has an Application settings section");
        int end = readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return readme[start..(end < 0 ? readme.Length : end)];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""public const string (?<name>\w+) = "(?<value>[^"]+)";""")]
    private static partial Regex ConstPattern();

    [GeneratedRegex("\"(Platform__\\w+)\"")]
    private static partial Regex ArrayItemPattern();

    [GeneratedRegex("""%([A-Za-z_][A-Za-z0-9_]*)%""")]
    private static partial Regex BindingExpressionPattern();
}
