using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Platform.Server.Hosting;

namespace Platform.Server;

/// <summary>Reads <see cref="PlatformServerOptions"/> from configuration: the <c>Platform</c> section (appsettings.json,
/// <c>Platform__Port</c>-style environment variables, the command line), and <c>PLATFORM_&lt;SETTING&gt;</c> environment
/// variables (<c>PLATFORM_PORT</c>, <c>PLATFORM_URLS</c>, <c>PLATFORM_API_KEY</c>, <c>PLATFORM_DATA_DIRECTORY</c>: underscores
/// are ignored).</summary>
public static partial class ServerConfiguration
{
    /// <summary>The configuration section of the server's settings.</summary>
    public const string Section = "Platform";

    /// <summary>The prefix of the server's own environment variables.</summary>
    public const string EnvironmentPrefix = "PLATFORM_";

    private static readonly string[] Settings = ["DataDirectory", "Port", "Urls", "ApiKey", "AllowAnonymous", "Region", "AccountId", "WorkflowsDirectory", "TaskTokenKey"];

    /// <summary>Maps <c>PLATFORM_*</c> environment variables onto <c>Platform:*</c> keys (unknown ones are left out).</summary>
    public static Dictionary<string, string?> FromEnvironment(IDictionary? variables = null)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in variables ?? Environment.GetEnvironmentVariables())
        {
            if (entry.Key is not string key || !key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string setting = key[EnvironmentPrefix.Length..].Replace("_", string.Empty, StringComparison.Ordinal);
            string? known = Array.Find(Settings, s => s.Equals(setting, StringComparison.OrdinalIgnoreCase));
            if (known is not null)
            {
                result[$"{Section}:{known}"] = entry.Value as string;
            }
        }

        return result;
    }

    /// <summary>Reads and checks the settings over <paramref name="defaults"/>.</summary>
    /// <exception cref="ServerConfigurationException">A setting is malformed or out of range; the message names it.</exception>
    public static PlatformServerOptions Read(IConfiguration configuration, PlatformServerOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(defaults);
        var section = configuration.GetSection(Section);
        var options = defaults;
        if (section["DataDirectory"] is { } data)
        {
            options = options with { DataDirectory = data.Length > 0 ? data : throw Invalid("DataDirectory", data, "a directory path") };
        }

        if (section["Port"] is { } portText)
        {
            options = options with
            {
                Port = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535
                    ? port
                    : throw Invalid("Port", portText, "a whole number from 0 to 65535 (0 picks a free port)"),
            };
        }

        if (section["ApiKey"] is { } key)
        {
            options = options with { ApiKey = key.Length == 0 ? null : key };
        }

        if (section["Urls"] is { Length: > 0 } urls)
        {
            try
            {
                options = options with { Urls = ListenAddress.ParseList(urls) };
            }
            catch (FormatException ex)
            {
                throw new ServerConfigurationException(
                    $"the setting {Section}:Urls must be http://<host>:<port> addresses separated by ';' (e.g. http://0.0.0.0:8080), found '{urls}': {ex.Message}");
            }
        }

        if (section["AllowAnonymous"] is { } anonymous)
        {
            options = options with { AllowAnonymous = bool.TryParse(anonymous, out bool allow) ? allow : throw Invalid("AllowAnonymous", anonymous, "true or false") };
        }

        if (section["Region"] is { } region)
        {
            options = options with { Region = RegionPattern().IsMatch(region) ? region : throw Invalid("Region", region, "an AWS region name such as us-east-1") };
        }

        if (section["AccountId"] is { } account)
        {
            options = options with { AccountId = AccountPattern().IsMatch(account) ? account : throw Invalid("AccountId", account, "12 digits") };
        }

        if (section["WorkflowsDirectory"] is { } workflows)
        {
            options = options with { WorkflowsDirectory = workflows.Length == 0 ? null : workflows };
        }

        if (section["TaskTokenKey"] is { Length: > 0 } tokenKey)
        {
            options = options with { TaskTokenKey = TokenKey(tokenKey) };
        }

        options = Triggers.IntegrationSettings.Read(section, options);
        CheckExposure(options);
        return options;
    }

    /// <summary>Refuses to listen beyond this machine without an API key unless that is asked for: the API runs whatever a
    /// caller sends, and the data and approval decisions are behind it.</summary>
    private static void CheckExposure(PlatformServerOptions options)
    {
        if (options.ApiKey is null && !options.AllowAnonymous && options.Urls?.FirstOrDefault(a => !a.IsLoopback) is { } exposed)
        {
            throw new ServerConfigurationException(
                $"the setting {Section}:Urls listens on {exposed}, beyond this machine, but no API key is configured: set {Section}:ApiKey " +
                $"(PLATFORM_API_KEY, --api-key) so that callers must present it, or set {Section}:AllowAnonymous to true " +
                "(PLATFORM_ALLOW_ANONYMOUS, --allow-anonymous) if everyone who can reach the address may use it");
        }
    }

    /// <summary>Reads the task token signing key: base64 of at least 32 bytes. The error never repeats the value (a secret).</summary>
    private static byte[] TokenKey(string text) => ReadTaskTokenKey($"{Section}:TaskTokenKey", text);

    /// <summary>Reads a task token signing key setting: base64 of at least 32 random bytes.</summary>
    /// <param name="setting">The setting's name, for the error (<c>Platform:TaskTokenKey</c>, the Functions app's <c>TASK_TOKEN_KEY</c>).</param>
    /// <param name="text">Its value.</param>
    /// <exception cref="ServerConfigurationException">The value is not base64 of at least 32 bytes; the message names the
    /// setting and never repeats the value (a secret).</exception>
    public static byte[] ReadTaskTokenKey(string setting, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[]? key = null;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            // Reported below.
        }

        return key is { Length: >= 32 }
            ? key
            : throw new ServerConfigurationException(
                $"the setting {setting} must be base64 of at least 32 random bytes (e.g. from 'openssl rand -base64 32'); " +
                (key is not null ? $"the value given decodes to {key.Length.ToString(CultureInfo.InvariantCulture)} bytes"
                    : text.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase)
                        ? "the value given is a Key Vault reference the host did not resolve (check the app's keyVaultReferenceIdentity and its access to the secret)"
                        : "the value given is not base64"));
    }

    private static ServerConfigurationException Invalid(string setting, string value, string expected) =>
        new($"the setting {Section}:{setting} must be {expected}, found '{value}'");

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();
}
