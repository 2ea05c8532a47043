using Platform.Engine.Integrations;

namespace Platform.Engine.Tests.Support;

/// <summary>An object store in a dictionary: keys listed in ordinal order, one page of everything.</summary>
internal sealed class MemoryObjectStore : IObjectStore
{
    public SortedDictionary<(string Container, string Key), byte[]> Objects { get; } = new();

    public ValueTask<StoredObject?> GetAsync(string container, string key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Objects.TryGetValue((container, key), out var content) ? new StoredObject(Properties(container, key, content), content) : null);

    public ValueTask<ObjectProperties> PutAsync(string container, string key, ReadOnlyMemory<byte> content, ObjectPutOptions? options = null, CancellationToken cancellationToken = default)
    {
        Objects[(container, key)] = content.ToArray();
        return ValueTask.FromResult(Properties(container, key, Objects[(container, key)]));
    }

    public ValueTask<ObjectListing> ListAsync(string container, ObjectListOptions? options = null, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new ObjectListing(
            [.. Objects.Where(o => o.Key.Container == container && o.Key.Key.StartsWith(options?.Prefix ?? string.Empty, StringComparison.Ordinal))
                .OrderBy(o => o.Key.Key, StringComparer.Ordinal).Select(o => Properties(container, o.Key.Key, o.Value))],
            null));

    public ValueTask<bool> DeleteAsync(string container, string key, CancellationToken cancellationToken = default) => ValueTask.FromResult(Objects.Remove((container, key)));

    private static ObjectProperties Properties(string container, string key, byte[] content) =>
        new(container, key, content.Length, "\"1\"", DateTimeOffset.UnixEpoch, "application/json", new Dictionary<string, string>());
}
