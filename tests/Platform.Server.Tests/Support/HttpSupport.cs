using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Platform.Asl.Json;

namespace Platform.Server.Tests.Support;

/// <summary>Plain HTTP calls to the server's non-AWS endpoints (objects, events, queues, approvals, platform).</summary>
public static class HttpSupport
{
    /// <summary>The repository's workflows/ folder.</summary>
    public static string RepoWorkflows
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test assembly"), "workflows");
        }
    }

    public static async Task<HttpAnswer> SendAsync(this ServerHarness h, HttpMethod method, string path, string? body = null, string? contentType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        configure?.Invoke(request);
        using var response = await h.Client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(p => p.Key, p => string.Join(",", p.Value), StringComparer.OrdinalIgnoreCase);
        return new HttpAnswer((int)response.StatusCode, text, headers);
    }

    public static Task<HttpAnswer> PostFormAsync(this ServerHarness h, string path, params (string Name, string Value)[] fields)
    {
        return h.SendAsync(HttpMethod.Post, path, string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value))), "application/x-www-form-urlencoded");
    }

    public static T Service<T>(this ServerHarness h)
        where T : notnull => h.Server.App.Services.GetRequiredService<T>();

    public static string Str(this JObject o, string key) => ((JString)o[key]!).Value;

    /// <summary>Polls <paramref name="probe"/> until it returns a value, or fails after the deadline.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, int seconds = 20)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {seconds} s");
            }

            await Task.Delay(25);
        }
    }
}

/// <summary>An HTTP answer: status, body text and headers.</summary>
public sealed record HttpAnswer(int Status, string Text, IReadOnlyDictionary<string, string> Headers)
{
    public JObject Json => (JObject)JNode.Parse(Text);

    public JObject Delivery(int index = 0) => (JObject)((JArray)Json["deliveries"]!)[index];
}
