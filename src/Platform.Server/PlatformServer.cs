using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Server.Api;
using Platform.Server.Hosting;
using Platform.Server.WebConsole;
using Platform.Server.Triggers;

namespace Platform.Server;

/// <summary>The local server: the AWS Step Functions API at <c>POST /</c> over the embedded runtime (Standard executions
/// durable on SQLite, Express in memory), and the console's address, on Kestrel.</summary>
/// <remarks>Create it, <see cref="StartAsync"/>, and dispose it to stop: running executions are left in the journal and
/// resume on the next start.</remarks>
public sealed class PlatformServer : IAsyncDisposable
{
    /// <summary>The largest request body accepted: a 1 MiB definition or 256 KiB input, JSON-escaped, fits.</summary>
    public const int MaxRequestBodyBytes = 8 * 1024 * 1024;

    private readonly ServerBackend _backend;
    private bool _started;

    private PlatformServer(WebApplication app, ServerBackend backend)
    {
        App = app;
        _backend = backend;
    }

    /// <summary>Gets the web application (tests reach its test server through it).</summary>
    public WebApplication App { get; }

    /// <summary>Gets the settings in force.</summary>
    public PlatformServerOptions Options => _backend.Options;

    /// <summary>Gets the data directory's full path.</summary>
    public string DataDirectory => _backend.DataDirectory;

    /// <summary>Gets what became of the sample state machines at start.</summary>
    public IReadOnlyList<SampleRegistration> Samples => _backend.Samples;

    /// <summary>Gets the base URL of the API once started, as this machine reaches it, e.g. <c>http://localhost:8083</c>.</summary>
    public Uri? ApiUrl { get; private set; }

    /// <summary>Gets the addresses the server listens on once started, as Kestrel reports them (e.g. <c>http://0.0.0.0:8080</c>).</summary>
    public IReadOnlyList<string> ListeningUrls { get; private set; } = [];

    /// <summary>Gets the console's URL once started.</summary>
    public Uri? ConsoleUrl => ApiUrl is null ? null : new Uri(ApiUrl, "console/");

    internal ServerBackend Backend => _backend;

    /// <summary>Builds the server: reads the configuration (appsettings.json in the current directory, environment,
    /// <paramref name="settings"/> last), opens the data directory and resumes unfinished executions.</summary>
    /// <param name="settings">Settings that win over every other source, as <c>Platform:Port</c>-style keys.</param>
    /// <param name="defaults">Defaults for what configuration does not set (task handlers, clock).</param>
    /// <param name="configure">Last changes to the builder (tests swap Kestrel for a test server).</param>
    /// <exception cref="ServerConfigurationException">A setting is invalid or the data directory cannot be used.</exception>
    public static PlatformServer Create(
        IReadOnlyDictionary<string, string?>? settings = null, PlatformServerOptions? defaults = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddInMemoryCollection(ServerConfiguration.FromEnvironment());
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var options = ServerConfiguration.Read(builder.Configuration, defaults ?? new PlatformServerOptions());
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
            // Hosting's per-request diagnostics log only at Information and Debug ("Request starting/finished"), which the line
            // above already filters out; but while that logger is enabled at any level, hosting also starts an Activity and a
            // log scope for every request (a few percent of a small request's CPU). Turn it off unless configured otherwise.
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // By default localhost only: a developer's server. Urls (checked to need an API key beyond loopback) widen it.
            foreach (var address in options.Urls ?? [new ListenAddress("localhost", options.Port)])
            {
                Listen(kestrel, address);
            }

            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        // Read straight into a buffer instead of first waiting for data with a zero-byte read: one system call less per
        // request, for a 4 KiB buffer per idle connection.
        builder.WebHost.UseSockets(sockets => sockets.WaitForDataBeforeAllocatingBuffer = false);

        configure?.Invoke(builder);

        var backend = ServerBackend.Open(options);
        try
        {
            builder.Services.AddSingleton(backend);
            builder.Services.AddSingleton<StepFunctionsApi>();
            builder.Services.AddSingleton<AwsJsonEndpoint>();
            builder.Services.AddSingleton(ConsoleAssets.Load());
            builder.Services.AddSingleton<ConsoleGraphEndpoint>();
            TriggerEndpoints.AddTriggers(builder.Services);
            var app = builder.Build();
            var server = new PlatformServer(app, backend);
            server.Map();
            return server;
        }
        catch
        {
            backend.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Starts listening.</summary>
    /// <exception cref="IOException">The port is taken.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await App.StartAsync(cancellationToken);
        _started = true;
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        ListeningUrls = [.. addresses];
        string? address = addresses.FirstOrDefault(a => a.Contains("localhost", StringComparison.Ordinal)) ?? addresses.FirstOrDefault();
        ApiUrl = address is null ? new Uri("http://localhost/") : Reachable(new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Waits until the application is asked to stop (Ctrl+C, SIGTERM) or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancelled = cancellationToken.Register(() => stopping.TrySetResult());
        using var asked = App.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        await stopping.Task;
    }

    /// <summary>Stops listening, finishes the requests in flight, and closes the data (running executions resume on the next start).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await App.StopAsync(timeout.Token);
        }

        await App.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private void Map()
    {
        if (Options.ApiKey is { } key)
        {
            var authentication = new ApiKeyAuthentication(key);
            App.Use((context, next) => authentication.InvokeAsync(context, next));
        }

        var endpoint = App.Services.GetRequiredService<AwsJsonEndpoint>();
        App.MapPost("/", endpoint.HandleAsync);
        App.MapGet("/", () => Results.Text(
            "Platform server: the AWS Step Functions API (AWS JSON 1.0) is served here with POST and 'X-Amz-Target: AWSStepFunctions.<Operation>'; the web console is at /console/.\n",
            "text/plain"));

        // The web console: its files (no build step, embedded in this assembly) and its one endpoint, the graph layout.
        var assets = App.Services.GetRequiredService<ConsoleAssets>();
        var graph = App.Services.GetRequiredService<ConsoleGraphEndpoint>();
        App.MapMethods("/console/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string? path) => assets.ServeAsync(context, path));
        App.MapGet(ConsoleGraphEndpoint.Path, graph.HandleAsync);
        App.Map("/console/api/{**rest}", (HttpContext context, string? rest) => Results.Content(
            AwsJsonEndpoint.Error(ApiErrorCodes.UnknownOperationException,
                $"No console endpoint '{context.Request.Method} /console/api/{ApiRequest.Shorten(rest ?? string.Empty)}': the console's API is GET {ConsoleGraphEndpoint.Path}.").ToJson(),
            AwsJsonEndpoint.ContentType,
            statusCode: StatusCodes.Status404NotFound));
        TriggerEndpoints.Map(this);
    }

    private static void Listen(KestrelServerOptions kestrel, ListenAddress address)
    {
        switch (address)
        {
            // Port 0 cannot be bound on "localhost" (two sockets, two ports), so it takes 127.0.0.1.
            case { Host: "localhost", Port: 0 }:
                kestrel.Listen(IPAddress.Loopback, 0);
                break;
            case { Host: "localhost" }:
                kestrel.ListenLocalhost(address.Port);
                break;
            case { Host: ListenAddress.AnyHost }:
                kestrel.ListenAnyIP(address.Port);
                break;
            default:
                kestrel.Listen(address.Address!, address.Port);
                break;
        }
    }

    /// <summary>The URL of an address as this machine reaches it: a wildcard address (0.0.0.0, [::]) is reached on localhost.</summary>
    private static Uri Reachable(Uri address) =>
        address.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*"
            ? new UriBuilder(address) { Host = "localhost" }.Uri
            : address;
}
