namespace Platform.Engine.Integrations;

/// <summary>How an object is written: its content type, metadata, and optional preconditions.</summary>
public sealed record ObjectPutOptions
{
    /// <summary>Gets the media type stored with the object.</summary>
    /// <value><c>application/octet-stream</c>.</value>
    public string ContentType { get; init; } = "application/octet-stream";

    /// <summary>Gets the user metadata stored with the object.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the ETag the current object must have, or null for no such check (S3 <c>If-Match</c>, Azure <c>If-Match</c>).</summary>
    public string? IfMatch { get; init; }

    /// <summary>Gets a value indicating whether the write must fail when the key already exists (<c>If-None-Match: *</c>).</summary>
    public bool IfNoneMatch { get; init; }
}
