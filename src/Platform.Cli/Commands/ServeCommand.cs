using System.CommandLine;
using System.Globalization;
using Platform.Server;
using Platform.Server.Hosting;

namespace Platform.Cli.Commands;

/// <summary><c>platform serve</c>: runs the local server (the AWS Step Functions API over the durable runtime) until Ctrl+C.</summary>
internal static class ServeCommand
{
    /// <summary>The command's name (the CLI gives it a longer shutdown grace than other commands).</summary>
    public const string Name = "serve";

    /// <summary>The .NET setting that completes socket operations on the socket threads.</summary>
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static Command Create()
    {
        var data = new Option<string?>("--data", "-d") { HelpName = "dir", Description = "The data directory (registry, journal, execution index); created when missing. Default: ./.platform-data." };
        var port = new Option<int?>("--port", "-p") { HelpName = "n", Description = $"The port to listen on, on localhost (0 picks a free one). Default: {PlatformServerOptions.DefaultPort}." };
        var urls = new Option<string?>("--urls")
        {
            HelpName = "urls",
            Description = "Listen on these http://<host>:<port> addresses (';'-separated) instead of localhost, e.g. http://0.0.0.0:8080; beyond localhost an API key is required unless --allow-anonymous.",
        };
        var anonymous = new Option<bool>("--allow-anonymous") { Description = "Allow --urls beyond localhost without an API key (everyone who reaches the address may use the API)." };
        var apiKey = new Option<string?>("--api-key") { HelpName = "key", Description = "Require this key on every request (Authorization: Bearer, X-Api-Key, or as the AWS access key id)." };
        var region = new Option<string?>("--region") { HelpName = "region", Description = "The region written into ARNs. Default: us-east-1." };
        var account = new Option<string?>("--account") { HelpName = "id", Description = "The 12-digit account id written into ARNs. Default: 123456789012." };
        var workflows = new Option<string?>("--workflows") { HelpName = "dir", Description = "The directory of sample state machines (*.asl.json) registered on start. Default: ./workflows." };
        var command = new Command(Name, "Serve the AWS Step Functions API on the durable embedded runtime until Ctrl+C.") { data, port, urls, anonymous, apiKey, region, account, workflows };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            Put(settings, "DataDirectory", parseResult.GetValue(data));
            if (parseResult.GetValue(port) is not null && parseResult.GetValue(urls) is not null)
            {
                throw new UsageException("give either --port (localhost) or --urls (addresses with their ports), not both");
            }

            Put(settings, "Port", parseResult.GetValue(port)?.ToString(CultureInfo.InvariantCulture));
            Put(settings, "Urls", parseResult.GetValue(urls));
            Put(settings, "AllowAnonymous", parseResult.GetValue(anonymous) ? "true" : null);
            Put(settings, "ApiKey", parseResult.GetValue(apiKey));
            Put(settings, "Region", parseResult.GetValue(region));
            Put(settings, "AccountId", parseResult.GetValue(account));
            Put(settings, "WorkflowsDirectory", parseResult.GetValue(workflows));
            return RunAsync(settings, parseResult.InvocationConfiguration.Output, cancellationToken);
        });
        return command;
    }

    private static void Put(Dictionary<string, string?> settings, string key, string? value)
    {
        if (value is not null)
        {
            settings[$"{ServerConfiguration.Section}:{key}"] = value;
        }
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> settings, TextWriter stdout, CancellationToken cancellationToken)
    {
        // Socket operations complete on the threads that wait on the sockets instead of being handed to the thread pool
        // first (Kestrel then hands each request to the pool, so no request runs there), unless whoever started the
        // server chose otherwise. Set before the first socket exists: .NET reads it once per process.
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }

        PlatformServer server;
        try
        {
            server = PlatformServer.Create(settings);
        }
        catch (ServerConfigurationException ex)
        {
            throw new UsageException(ex.Message);
        }

        await using (server)
        {
            try
            {
                await server.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                string where = server.Options.Urls is { } addresses ? string.Join(", ", addresses) : $"port {server.Options.Port.ToString(CultureInfo.InvariantCulture)}";
                throw new UsageException($"cannot listen on {where}: {ex.Message}");
            }

            string api = server.ApiUrl!.ToString().TrimEnd('/');
            await stdout.WriteLineAsync($"Platform server listening on {string.Join(", ", server.ListeningUrls.DefaultIfEmpty(api))}");
            await stdout.WriteLineAsync($"  API:      {api}  (AWS Step Functions, AWS JSON 1.0: POST / with X-Amz-Target)");
            await stdout.WriteLineAsync($"  Console:  {server.ConsoleUrl}");
            await stdout.WriteLineAsync($"  Data:     {server.DataDirectory}");
            await stdout.WriteLineAsync($"  Auth:     {(server.Options.ApiKey is not null ? "API key required (the console asks for it once per browser tab)"
                : server.Options.Urls?.Any(a => !a.IsLoopback) == true ? "off, and reachable beyond this machine (--allow-anonymous)" : "off (no API key configured)")}");
            foreach (var sample in server.Samples)
            {
                await stdout.WriteLineAsync(sample.Outcome == SampleOutcome.Skipped
                    ? $"  Sample:   {sample.Name} skipped: {sample.Problem}"
                    : $"  Sample:   {sample.StateMachineArn} ({sample.Outcome.ToString().ToLowerInvariant()})");
            }

            await stdout.WriteLineAsync($"Try: aws stepfunctions --endpoint-url {api} list-state-machines");
            await stdout.WriteLineAsync("Press Ctrl+C to stop.");
            await stdout.FlushAsync(CancellationToken.None);
            await server.WaitForShutdownAsync(cancellationToken);
            await stdout.WriteLineAsync("Stopping: running executions stay in the journal and resume on the next start.");
        }

        await stdout.WriteLineAsync("Stopped.");
        return ExitCodes.Success;
    }
}
