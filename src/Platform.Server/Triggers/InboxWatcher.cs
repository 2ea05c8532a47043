using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Runtime.Integrations;
using Platform.Server.Hosting;

namespace Platform.Server.Triggers;

/// <summary>The inbox folder <c>inbox/</c> under the data directory: a file moved to <c>inbox/&lt;container&gt;/&lt;key…&gt;</c>
/// is stored in the object store as that container and key, its creation is routed like an upload, and the file is
/// removed. A file whose path is not a valid container and key is moved to <c>inbox-rejected/</c> with a
/// <c>.reason.txt</c> beside it.</summary>
/// <remarks>The inbox is scanned at start and, when <see cref="PlatformServerOptions.WatchInbox"/> is on, whenever a
/// <see cref="FileSystemWatcher"/> reports a change (after a quiet half second). Scans run one at a time; the event id is
/// a hash of the path and content, so a file seen twice (a crash before its removal) starts nothing twice. Move files in
/// (a rename is atomic); a file still being copied may be read half-written.</remarks>
internal sealed partial class InboxWatcher : IHostedService, IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    private readonly ServerBackend _backend;
    private readonly TriggerService _triggers;
    private readonly ILogger<InboxWatcher> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FileSystemWatcher? _watcher;
    private ITimer? _debounce;

    public InboxWatcher(ServerBackend backend, TriggerService triggers, ILogger<InboxWatcher> logger)
    {
        _backend = backend;
        _triggers = triggers;
        _logger = logger;
        Directory = Path.Combine(backend.DataDirectory, "inbox");
        RejectedDirectory = Path.Combine(backend.DataDirectory, "inbox-rejected");
    }

    /// <summary>Gets the inbox folder.</summary>
    public string Directory { get; }

    /// <summary>Gets the folder refused files are moved to.</summary>
    public string RejectedDirectory { get; }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (_backend.Options.WatchInbox)
        {
            _debounce = TimeProvider.System.CreateTimer(_ => _ = ScanQuietlyAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _watcher = new FileSystemWatcher(Directory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite };
            _watcher.Created += (_, _) => Kick();
            _watcher.Renamed += (_, _) => Kick();
            _watcher.Changed += (_, _) => Kick();
            _watcher.EnableRaisingEvents = true;
        }

        _ = ScanQuietlyAsync();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        _watcher = null;
        _debounce?.Dispose();
        _debounce = null;
        return Task.CompletedTask;
    }

    /// <summary>Stores and routes every file in the inbox (one scan at a time), and says what became of each.</summary>
    public async Task<IReadOnlyList<InboxResult>> ScanInboxAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var results = new List<InboxResult>();
            if (!System.IO.Directory.Exists(Directory))
            {
                return results;
            }

            foreach (string file in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                results.Add(await TakeAsync(file, cancellationToken));
            }

            return results;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        _gate.Dispose();
    }

    private async Task<InboxResult> TakeAsync(string file, CancellationToken cancellationToken)
    {
        string relative = Path.GetRelativePath(Directory, file).Replace(Path.DirectorySeparatorChar, '/');
        string name = Path.GetFileName(file);
        if (name.StartsWith('.') || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".partial", StringComparison.OrdinalIgnoreCase) || name.EndsWith('~'))
        {
            return new InboxResult(relative, "skipped", "a temporary or hidden file (starts with '.', ends with .tmp, .partial or ~)", []);
        }

        int slash = relative.IndexOf('/', StringComparison.Ordinal);
        string container = slash < 0 ? string.Empty : relative[..slash];
        string key = slash < 0 ? relative : relative[(slash + 1)..];
        string? why = slash < 0
            ? "a file directly in inbox/ has no container: put it in inbox/<container>/"
            : FolderObjectStore.ValidateContainer(container) is { } badContainer ? $"the folder '{container}' is not a valid container: {badContainer}"
            : FolderObjectStore.ValidateKey(key) is { } badKey ? $"'{key}' is not a valid key: {badKey}"
            : null;
        if (why is not null)
        {
            Reject(file, relative, why);
            return new InboxResult(relative, "rejected", why, []);
        }

        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (IOException ex)
        {
            return new InboxResult(relative, "busy", $"cannot be read yet ({ex.Message}); the next scan tries again", []);
        }

        string eventId = "inbox:" + Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes(relative + "\n"), .. content]))[..40];
        var (_, _, deliveries) = await _triggers.StoreBlobAsync(container, key, content, ContentTypes.Of(name), eventId, "inbox", cancellationToken);
        try
        {
            File.Delete(file);
        }
        catch (IOException ex)
        {
            LogNotRemoved(_logger, relative, ex.Message);
        }

        return new InboxResult(relative, "stored", null, deliveries);
    }

    private void Reject(string file, string relative, string why)
    {
        try
        {
            string target = Path.Combine(RejectedDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(file, target, overwrite: true);
            File.WriteAllText(target + ".reason.txt", why + Environment.NewLine);
        }
        catch (IOException ex)
        {
            LogNotRemoved(_logger, relative, ex.Message);
        }
    }

    private void Kick() => _debounce?.Change(Quiet, Timeout.InfiniteTimeSpan);

    private async Task ScanQuietlyAsync()
    {
        try
        {
            foreach (var result in await ScanInboxAsync())
            {
                LogScanned(_logger, result.Path, result.Status, result.Reason ?? string.Empty, result.Deliveries.Count);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or Platform.Engine.Integrations.ObjectStoreException or Platform.Engine.Integrations.TableStoreException)
        {
            LogScanFailed(_logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "inbox: {Path} {Status} {Reason} ({Deliveries} deliveries)")]
    private static partial void LogScanned(ILogger logger, string path, string status, string reason, int deliveries);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "inbox: the scan failed: {Reason}")]
    private static partial void LogScanFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "inbox: {Path} was handled but could not be moved away: {Reason}")]
    private static partial void LogNotRemoved(ILogger logger, string path, string reason);
}
