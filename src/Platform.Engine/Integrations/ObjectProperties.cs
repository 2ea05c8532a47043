namespace Platform.Engine.Integrations;

/// <summary>What an object store knows about one object.</summary>
/// <param name="Container">The container (bucket) holding it.</param>
/// <param name="Key">Its key.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="ETag">Its entity tag, opaque and quoted (<c>"…"</c>), changed by every write.</param>
/// <param name="LastModified">When it was last written (UTC).</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Metadata">Its user metadata (names are case-insensitive on both clouds; stored lower-case here).</param>
public sealed record ObjectProperties(
    string Container, string Key, long Size, string ETag, DateTimeOffset LastModified, string ContentType, IReadOnlyDictionary<string, string> Metadata);
