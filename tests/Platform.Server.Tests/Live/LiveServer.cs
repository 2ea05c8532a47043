using System.Diagnostics;
using System.Text;

namespace Platform.Server.Tests.Live;

/// <summary>A real <c>platform serve</c> process on a free port and a temporary data directory; stopped with SIGINT (then
/// killed if it does not stop) when disposed.</summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _directory;

    private LiveServer(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    public string Url { get; private set; } = string.Empty;

    /// <summary>Gets the server's working directory (temporary, deleted on dispose): its <c>appsettings.json</c>, if any,
    /// and its data directory.</summary>
    public string Directory => _directory;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>platform serve</c> in a new temporary directory, with the repository's <c>workflows/</c>.</summary>
    /// <param name="apiKey">The API key to require, or null for none.</param>
    /// <param name="settingsFile">An <c>appsettings.json</c> to copy into the working directory (the server reads it from
    /// there); <c>DataDirectory</c> and <c>WorkflowsDirectory</c> in it are overridden by the command line.</param>
    /// <param name="dataFolder">The data directory's name inside the working directory.</param>
    public static async Task<LiveServer> StartAsync(string? apiKey, string? settingsFile = null, string dataFolder = "data")
    {
        string directory = System.IO.Directory.CreateTempSubdirectory("platform-live").FullName;
        if (settingsFile is not null)
        {
            File.Copy(settingsFile, Path.Combine(directory, "appsettings.json"));
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (string argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "platform.dll"), "serve", "--port", "0", "--data", Path.Combine(directory, dataFolder),
            "--workflows", Path.Combine(Tools.RepositoryRoot, "workflows"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (apiKey is not null)
        {
            start.ArgumentList.Add("--api-key");
            start.ArgumentList.Add(apiKey);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start platform serve");
        var server = new LiveServer(process, directory);
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => server.Receive(e.Data, url);
        process.ErrorDataReceived += (_, e) => server.Receive(e.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var deadline = Task.Delay(TimeSpan.FromSeconds(90));
        var first = await Task.WhenAny(url.Task, exited, deadline);
        if (first != url.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"platform serve did not print its URL ({(first == exited ? "it exited" : "90 s passed")}):\n{server.Output}");
        }

        server.Url = await url.Task;
        return server;
    }

    /// <summary>Stops the server with SIGINT and returns its exit code (null when it had to be killed).</summary>
    public async Task<int?> StopAsync()
    {
        if (_process.HasExited)
        {
            return _process.ExitCode;
        }

        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temporary directory.
        }
    }

    private void Receive(string? line, TaskCompletionSource<string>? url)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        const string Marker = "Platform server listening on ";
        if (url is not null && line.StartsWith(Marker, StringComparison.Ordinal))
        {
            url.TrySetResult(line[Marker.Length..].Trim());
        }
    }
}
