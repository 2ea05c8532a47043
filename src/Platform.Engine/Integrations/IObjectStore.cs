namespace Platform.Engine.Integrations;

/// <summary>Object (blob) storage: named containers of keyed objects, each with a content type, user metadata and an ETag.</summary>
/// <remarks>
/// <para>One member per operation of S3 buckets and Azure Blob Storage containers, so either backs it one-to-one: a
/// container is a bucket or a blob container, a key is an object key or a blob name ('/'-separated, never starting with
/// '/').</para>
/// <para>A missing object is a value (<see langword="null"/>, <see langword="false"/>), not an exception. Invalid names, a
/// missing container and a failed precondition throw <see cref="ObjectStoreException"/> with a code.</para>
/// </remarks>
public interface IObjectStore
{
    /// <summary>Reads an object, or returns <see langword="null"/> when the container has no such key.</summary>
    ValueTask<StoredObject?> GetAsync(string container, string key, CancellationToken cancellationToken = default);

    /// <summary>Writes (creates or replaces) an object, honouring the preconditions of <paramref name="options"/>.</summary>
    /// <returns>The stored object's properties, with its new ETag.</returns>
    ValueTask<ObjectProperties> PutAsync(string container, string key, ReadOnlyMemory<byte> content, ObjectPutOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists a container's objects in key order (ordinal), one page at a time.</summary>
    ValueTask<ObjectListing> ListAsync(string container, ObjectListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object; returns <see langword="false"/> when there was none.</summary>
    ValueTask<bool> DeleteAsync(string container, string key, CancellationToken cancellationToken = default);
}
