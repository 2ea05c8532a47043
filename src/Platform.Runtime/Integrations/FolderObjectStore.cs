using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Integrations;

namespace Platform.Runtime.Integrations;

/// <summary>An object store in a local folder: container <c>c</c>, key <c>a/b.txt</c> is the file <c>&lt;root&gt;/c/a/b.txt</c>,
/// so the objects can be browsed and dropped in by hand. Content type, metadata and ETag live beside, under
/// <c>&lt;root&gt;/.meta</c>.</summary>
/// <remarks>
/// <para>Names are checked before any path is built, and every path is checked again to lie inside its container's folder,
/// so no key reaches outside it: a container is 3 to 63 characters of lower-case letters, digits, '.' and '-', starting and
/// ending with a letter or digit (S3's rule); a key is 1 to 1,024 UTF-8 bytes of '/'-separated segments, none empty, '.' or
/// '..', none longer than 255 bytes, with no backslash, control character or character the file system forbids.</para>
/// <para>Writes go to a temporary file first and are then moved into place, so a reader never sees half an object. Writes
/// and deletes are serialised within the process (which makes <c>If-Match</c> checks atomic there), not across processes.
/// Unlike S3, a key cannot be both an object and a folder of other keys (<c>a</c> and <c>a/b</c>): the second write is
/// refused with a message saying so.</para>
/// </remarks>
public sealed class FolderObjectStore : IObjectStore, IDisposable
{
    private const string MetaFolder = ".meta";
    private const string TempFolder = ".tmp";
    private const int MaxKeyBytes = 1024;
    private const int MaxSegmentBytes = 255;

    private readonly string _root;
    private readonly TimeProvider _time;
    private readonly bool _createContainers;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the store in <paramref name="root"/> (created if missing).</summary>
    /// <param name="root">The folder holding one sub-folder per container.</param>
    /// <param name="timeProvider">The clock that stamps LastModified.</param>
    /// <param name="createContainers">Whether a write creates a missing container (else it fails with ContainerNotFound).</param>
    public FolderObjectStore(string root, TimeProvider? timeProvider = null, bool createContainers = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
        _time = timeProvider ?? TimeProvider.System;
        _createContainers = createContainers;
    }

    /// <summary>Gets the root folder.</summary>
    public string Root => _root;

    /// <summary>Creates a container (a folder) if it does not exist.</summary>
    public void CreateContainer(string container)
    {
        CheckContainer(container);
        Directory.CreateDirectory(Path.Combine(_root, container));
    }

    /// <summary>Returns why <paramref name="container"/> cannot name a container, or null when it can.</summary>
    public static string? ValidateContainer(string? container)
    {
        if (string.IsNullOrEmpty(container) || container.Length is < 3 or > 63)
        {
            return $"the container name '{container}' must have 3 to 63 characters";
        }

        foreach (char c in container)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not '.' and not '-')
            {
                return $"the container name '{container}' contains {Describe(c)}; only lower-case letters, digits, '.' and '-' are allowed";
            }
        }

        if (!char.IsAsciiLetterOrDigit(container[0]) || !char.IsAsciiLetterOrDigit(container[^1]))
        {
            return $"the container name '{container}' must start and end with a letter or digit";
        }

        return container.Contains("..", StringComparison.Ordinal) ? $"the container name '{container}' cannot contain '..'" : null;
    }

    /// <summary>Returns why <paramref name="key"/> cannot be an object key here, or null when it can.</summary>
    public static string? ValidateKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "the key is empty";
        }

        int bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes > MaxKeyBytes)
        {
            return $"the key is {bytes} UTF-8 bytes long, over the limit of {MaxKeyBytes}";
        }

        var invalid = Path.GetInvalidFileNameChars();
        for (int i = 0; i < key.Length; i++)
        {
            char c = key[i];
            if (c == '\\' || char.IsControl(c) || (c != '/' && Array.IndexOf(invalid, c) >= 0))
            {
                return $"the key '{Printable(key)}' contains {Describe(c)} at position {i}, which object keys cannot hold here";
            }
        }

        foreach (string segment in key.Split('/'))
        {
            if (segment.Length == 0)
            {
                return $"the key '{key}' has an empty path segment (a leading, trailing or doubled '/')";
            }

            if (segment is "." or "..")
            {
                return $"the key '{key}' has a '{segment}' path segment, which could reach outside its container";
            }

            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                return $"the key '{key}' has a path segment longer than {MaxSegmentBytes} bytes, which the file system cannot hold";
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async ValueTask<StoredObject?> GetAsync(string container, string key, CancellationToken cancellationToken = default)
    {
        var (file, meta) = Locate(container, key);
        RequireContainer(container);
        if (!File.Exists(file))
        {
            return null;
        }

        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        return new StoredObject(await PropertiesAsync(container, key, file, meta, content, cancellationToken), content);
    }

    /// <inheritdoc />
    public async ValueTask<ObjectProperties> PutAsync(string container, string key, ReadOnlyMemory<byte> content, ObjectPutOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ObjectPutOptions();
        var (file, meta) = Locate(container, key);
        if (!Directory.Exists(Path.Combine(_root, container)))
        {
            if (!_createContainers)
            {
                throw new ObjectStoreException(ObjectStoreError.ContainerNotFound, $"The container '{container}' does not exist.");
            }

            Directory.CreateDirectory(Path.Combine(_root, container));
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Directory.Exists(file))
            {
                throw new ObjectStoreException(ObjectStoreError.InvalidKey,
                    $"The key '{key}' in container '{container}' is a folder of other keys here (e.g. '{key}/…'); this store cannot hold an object there too.");
            }

            CheckParentsAreFolders(container, key);
            if (options.IfNoneMatch || options.IfMatch is not null)
            {
                string? current = File.Exists(file) ? ETagOf(await File.ReadAllBytesAsync(file, cancellationToken)) : null;
                if (options.IfNoneMatch && current is not null)
                {
                    throw new ObjectStoreException(ObjectStoreError.PreconditionFailed, $"The key '{key}' already exists in container '{container}' (If-None-Match: *).");
                }

                if (options.IfMatch is { } expected && !string.Equals(current, Quote(expected), StringComparison.Ordinal))
                {
                    throw new ObjectStoreException(ObjectStoreError.PreconditionFailed,
                        current is null
                            ? $"The key '{key}' does not exist in container '{container}' (If-Match: {expected})."
                            : $"The key '{key}' in container '{container}' has ETag {current}, not {Quote(expected)} (If-Match).");
                }
            }

            string etag = ETagOf(content.Span);
            var now = _time.GetUtcNow();
            var metadata = Normalize(options.Metadata);
            var metaJson = new JObject(
                ["contentType", "metadata", "etag", "lastModified"],
                [JNode.From(options.ContentType), JObject.FromPairs(metadata.Select(m => new KeyValuePair<string, JNode>(m.Key, JNode.From(m.Value)))), JNode.From(etag), JNode.From(now.UtcTicks)]);
            string tempFolder = Path.Combine(_root, TempFolder);
            Directory.CreateDirectory(tempFolder);
            string tempContent = Path.Combine(tempFolder, Guid.NewGuid().ToString("N"));
            string tempMeta = tempContent + ".meta";
            await File.WriteAllBytesAsync(tempContent, content, cancellationToken);
            await File.WriteAllTextAsync(tempMeta, metaJson.ToString(), cancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            Directory.CreateDirectory(Path.GetDirectoryName(meta)!);
            File.Move(tempMeta, meta, overwrite: true);
            File.Move(tempContent, file, overwrite: true);
            return new ObjectProperties(container, key, content.Length, etag, now, options.ContentType, metadata);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<ObjectListing> ListAsync(string container, ObjectListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ObjectListOptions();
        CheckContainer(container);
        RequireContainer(container);
        if (options.MaxResults is < 1 or > ObjectListOptions.MaxPageSize)
        {
            throw new ObjectStoreException(ObjectStoreError.InvalidArgument, $"MaxResults must be between 1 and {ObjectListOptions.MaxPageSize}, found {options.MaxResults}.");
        }

        string scope = $"container {container}, prefix {options.Prefix}";
        string? after = LocalPageToken.Decode(options.ContinuationToken, scope, m => new ObjectStoreException(ObjectStoreError.InvalidContinuationToken, m));
        if (options.StartAfter is { } startAfter && (after is null || string.CompareOrdinal(startAfter, after) > 0))
        {
            after = startAfter;
        }

        string folder = Path.Combine(_root, container);
        var keys = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(k => (options.Prefix is null || k.StartsWith(options.Prefix, StringComparison.Ordinal)) && (after is null || string.CompareOrdinal(k, after) > 0) && ValidateKey(k) is null)
            .Order(StringComparer.Ordinal)
            .Take(options.MaxResults + 1)
            .ToList();
        string? next = null;
        if (keys.Count > options.MaxResults)
        {
            keys.RemoveAt(keys.Count - 1);
            next = LocalPageToken.Encode(scope, keys[^1]);
        }

        var items = new List<ObjectProperties>(keys.Count);
        foreach (string key in keys)
        {
            var (file, meta) = Locate(container, key);
            try
            {
                items.Add(await PropertiesAsync(container, key, file, meta, null, cancellationToken));
            }
            catch (FileNotFoundException)
            {
                // Deleted while listing.
            }
        }

        return new ObjectListing(items, next);
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string container, string key, CancellationToken cancellationToken = default)
    {
        var (file, meta) = Locate(container, key);
        RequireContainer(container);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(file))
            {
                return false;
            }

            File.Delete(file);
            File.Delete(meta);
            RemoveEmptyFolders(Path.GetDirectoryName(file)!, Path.Combine(_root, container));
            RemoveEmptyFolders(Path.GetDirectoryName(meta)!, Path.Combine(_root, MetaFolder, container));
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private (string File, string Meta) Locate(string container, string key)
    {
        CheckContainer(container);
        if (ValidateKey(key) is { } bad)
        {
            throw new ObjectStoreException(ObjectStoreError.InvalidKey, $"Invalid key for container '{container}': {bad}.");
        }

        string folder = Path.Combine(_root, container);
        string metaFolder = Path.Combine(_root, MetaFolder, container);
        string relative = key.Replace('/', Path.DirectorySeparatorChar);
        string file = Path.GetFullPath(Path.Combine(folder, relative));
        string meta = Path.GetFullPath(Path.Combine(metaFolder, relative)) + ".json";

        // Belt and braces: whatever the checks above missed, nothing outside the container's folder is ever touched.
        if (!file.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || !meta.StartsWith(metaFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ObjectStoreException(ObjectStoreError.InvalidKey, $"Invalid key for container '{container}': the key '{Printable(key)}' resolves outside the container.");
        }

        return (file, meta);
    }

    private static void CheckContainer(string container)
    {
        if (ValidateContainer(container) is { } bad)
        {
            throw new ObjectStoreException(ObjectStoreError.InvalidContainerName, $"Invalid container name: {bad}.");
        }
    }

    private void RequireContainer(string container)
    {
        if (!Directory.Exists(Path.Combine(_root, container)))
        {
            throw new ObjectStoreException(ObjectStoreError.ContainerNotFound, $"The container '{container}' does not exist.");
        }
    }

    private void CheckParentsAreFolders(string container, string key)
    {
        string path = Path.Combine(_root, container);
        var segments = key.Split('/');
        for (int i = 0; i < segments.Length - 1; i++)
        {
            path = Path.Combine(path, segments[i]);
            if (File.Exists(path))
            {
                string parent = string.Join('/', segments, 0, i + 1);
                throw new ObjectStoreException(ObjectStoreError.InvalidKey,
                    $"The key '{key}' in container '{container}' needs '{parent}' to be a folder, but it is an object here; this store cannot hold both.");
            }
        }
    }

    private static async ValueTask<ObjectProperties> PropertiesAsync(string container, string key, string file, string meta, byte[]? content, CancellationToken cancellationToken)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new FileNotFoundException(file);
        }

        string contentType = "application/octet-stream";
        IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        string? etag = null;
        var lastModified = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
        JObject? stored = null;
        if (File.Exists(meta))
        {
            try
            {
                stored = JNode.Parse(await File.ReadAllTextAsync(meta, cancellationToken)) as JObject;
            }
            catch (JsonParseException)
            {
                stored = null;
            }
        }

        if (stored is not null)
        {
            contentType = (stored["contentType"] as JString)?.Value ?? contentType;
            if (stored["metadata"] is JObject m)
            {
                metadata = m.Where(p => p.Value is JString).ToDictionary(p => p.Key, p => ((JString)p.Value).Value, StringComparer.Ordinal);
            }

            etag = (stored["etag"] as JString)?.Value;
            if (stored["lastModified"] is JNumber ticks && ticks.TryGetInt64(out long t))
            {
                lastModified = new DateTimeOffset(t, TimeSpan.Zero);
            }
        }

        // The bytes are the truth: an object dropped in or replaced by hand gets the ETag of what is there now.
        if (content is not null)
        {
            etag = ETagOf(content);
        }
        else if (etag is null || stored is null || info.LastWriteTimeUtc.Ticks > lastModified.UtcTicks + TimeSpan.TicksPerSecond)
        {
            etag = ETagOf(await File.ReadAllBytesAsync(file, cancellationToken));
        }

        return new ObjectProperties(container, key, info.Length, etag, lastModified, contentType, metadata);
    }

    private static void RemoveEmptyFolders(string folder, string stop)
    {
        while (folder.Length > stop.Length && folder.StartsWith(stop, StringComparison.Ordinal) && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }

    private static Dictionary<string, string> Normalize(IReadOnlyDictionary<string, string>? metadata)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata is not null)
        {
            foreach (var (name, value) in metadata)
            {
                result[name.ToLowerInvariant()] = value;
            }
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    // S3's ETag of a single-part object is the MD5 of its bytes: a checksum here, not a security measure.
#pragma warning disable CA5351
    private static string ETagOf(ReadOnlySpan<byte> content) => "\"" + Convert.ToHexStringLower(MD5.HashData(content)) + "\"";
#pragma warning restore CA5351

    private static string Quote(string etag) => etag.StartsWith('"') ? etag : "\"" + etag + "\"";

    private static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c)
        ? string.Create(CultureInfo.InvariantCulture, $"the character U+{(int)c:X4}")
        : $"'{c}'";

    private static string Printable(string key) => new(key.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
