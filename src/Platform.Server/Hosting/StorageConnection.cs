namespace Platform.Server.Hosting;

/// <summary>Where a storage setting points: an https endpoint, used with a token credential (the app's managed identity),
/// or a connection string, for local development against an emulator (Azurite's <c>UseDevelopmentStorage=true</c>).</summary>
/// <remarks>The Azure SDK refuses a token credential over plain http ("Cannot use TokenCredential without HTTPS"), so an
/// emulator's http endpoint must come with its account key, which is what a connection string carries.</remarks>
/// <param name="Endpoint">The https endpoint, or null for a connection string.</param>
/// <param name="ConnectionString">The connection string, or null for an endpoint.</param>
public sealed record StorageConnection(Uri? Endpoint, string? ConnectionString)
{
    /// <summary>Reads a storage setting: an https URL is an endpoint; a value with <c>key=value</c> pairs is a connection string.</summary>
    /// <param name="setting">The setting's name, for the error.</param>
    /// <param name="value">Its value.</param>
    /// <exception cref="ServerConfigurationException">The value is an http URL or neither form; the message names the setting
    /// (and repeats the value only when it is a URL, never a connection string, which may hold a key).</exception>
    public static StorageConnection Parse(string setting, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string text = value.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri.Scheme == Uri.UriSchemeHttps
                ? new StorageConnection(uri, null)
                : throw new ServerConfigurationException(
                    $"the setting {setting} is an http endpoint ('{text}'), but the Azure SDK sends the managed identity's token only over https: " +
                    "give the account's https endpoint, or for a local emulator a connection string (UseDevelopmentStorage=true for Azurite)");
        }

        return text.Contains('=', StringComparison.Ordinal)
            ? new StorageConnection(null, text)
            : throw new ServerConfigurationException(
                $"the setting {setting} must be an https endpoint (https://<account>.blob.core.windows.net, https://<account>.table.core.windows.net) " +
                "or a storage connection string (UseDevelopmentStorage=true for Azurite)");
    }
}
