using System.Globalization;
using System.Net;

namespace Platform.Server.Hosting;

/// <summary>One address the server listens on: <c>http://&lt;host&gt;:&lt;port&gt;</c>, where the host is <c>localhost</c>,
/// an IP address (<c>0.0.0.0</c>, <c>[::]</c>, <c>127.0.0.1</c>, …) or <c>*</c> (every interface, IPv4 and IPv6).</summary>
/// <param name="Host">The host as written: <c>localhost</c>, <c>*</c>, or an IP address (IPv6 without brackets).</param>
/// <param name="Port">The port; 0 picks a free one.</param>
/// <remarks>Plain HTTP only: TLS is for whatever stands in front (a container platform's ingress, a reverse proxy), since
/// the server has no certificate to serve. Host names other than <c>localhost</c> cannot be bound, so they are refused.</remarks>
public sealed record ListenAddress(string Host, int Port)
{
    /// <summary>The host that means every interface.</summary>
    public const string AnyHost = "*";

    /// <summary>Gets a value indicating whether only this machine can reach the address (localhost, 127.0.0.0/8, ::1).</summary>
    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Gets the IP address to bind, or null for <c>localhost</c> and <c>*</c>.</summary>
    public IPAddress? Address => Host is "localhost" or AnyHost ? null : IPAddress.Parse(Host);

    /// <summary>Reads a list of addresses separated by <c>;</c> or <c>,</c> (ASP.NET's <c>urls</c> format).</summary>
    /// <exception cref="FormatException">An entry is not an address this server can bind; the message says which and why.</exception>
    public static IReadOnlyList<ListenAddress> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            throw new FormatException("no address is given");
        }

        var addresses = entries.Select(Parse).ToList();
        var duplicate = addresses.GroupBy(a => a).FirstOrDefault(g => g.Count() > 1 && g.Key.Port != 0);
        return duplicate is null ? addresses : throw new FormatException($"'{duplicate.Key}' is given twice");
    }

    /// <summary>Reads one address.</summary>
    /// <exception cref="FormatException">It is not an address this server can bind; the message says why.</exception>
    public static ListenAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{text}' is https: the server has no certificate, so it listens on http and TLS ends in front of it (an ingress or reverse proxy)");
        }

        if (!text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{text}' does not start with http://");
        }

        string rest = text["http://".Length..].TrimEnd('/');
        if (rest.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException($"'{text}' has a path: the server answers at the root of the address");
        }

        int colon = rest.LastIndexOf(':');
        bool bracketed = rest.StartsWith('[');
        if (colon < 0 || (bracketed && colon < rest.IndexOf(']', StringComparison.Ordinal)))
        {
            throw new FormatException($"'{text}' has no port (write it as http://<host>:<port>)");
        }

        string host = rest[..colon];
        string portText = rest[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            throw new FormatException($"'{text}' has the port '{portText}', which is not a whole number from 0 to 65535");
        }

        if (bracketed && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        host = host.ToLowerInvariant();
        if (host == "+")
        {
            host = AnyHost;
        }

        return host is "localhost" or AnyHost || IsIpAddress(host)
            ? new ListenAddress(host, port)
            : throw new FormatException($"'{text}' names the host '{host}', which cannot be bound: give localhost, an IP address of this machine, 0.0.0.0 or * (every interface)");
    }

    /// <summary>Whether the host is an IP address written in full (IPAddress also reads "1" as 0.0.0.1, which no one means).</summary>
    private static bool IsIpAddress(string host) =>
        IPAddress.TryParse(host, out _) && (host.Contains(':', StringComparison.Ordinal) || host.Count(c => c == '.') == 3);

    /// <summary>Writes the address as a URL.</summary>
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"http://[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}" : $"http://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
