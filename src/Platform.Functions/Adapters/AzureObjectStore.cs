using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Platform.Engine.Integrations;

namespace Platform.Functions.Adapters;

/// <summary>The object store port over Azure Blob Storage (containers and blobs; identity-based access).</summary>
/// <param name="service">The storage account's blob service.</param>
internal sealed class AzureObjectStore(BlobServiceClient service) : IObjectStore
{
    /// <inheritdoc />
    public async ValueTask<StoredObject?> GetAsync(string container, string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = (await service.GetBlobContainerClient(container).GetBlobClient(key).DownloadContentAsync(cancellationToken)).Value;
            var d = result.Details;
            return new StoredObject(new ObjectProperties(container, key, d.ContentLength, d.ETag.ToString(), d.LastModified, d.ContentType, Metadata(d.Metadata)), result.Content.ToMemory());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask<ObjectProperties> PutAsync(string container, string key, ReadOnlyMemory<byte> content, ObjectPutOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ObjectPutOptions();
        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = options.ContentType },
            Metadata = options.Metadata?.ToDictionary(),
            Conditions = new BlobRequestConditions
            {
                IfMatch = options.IfMatch is null ? null : new ETag(options.IfMatch),
                IfNoneMatch = options.IfNoneMatch ? ETag.All : null,
            },
        };
        try
        {
            var info = (await service.GetBlobContainerClient(container).GetBlobClient(key).UploadAsync(BinaryData.FromBytes(content), upload, cancellationToken)).Value;
            return new ObjectProperties(container, key, content.Length, info.ETag.ToString(), info.LastModified, options.ContentType, options.Metadata ?? new Dictionary<string, string>());
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ObjectStoreException(ObjectStoreError.PreconditionFailed, $"The object {container}/{key} does not meet the write's condition ({ex.ErrorCode}).");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new ObjectStoreException(ObjectStoreError.ContainerNotFound, $"The container '{container}' does not exist ({ex.ErrorCode}).");
        }
    }

    /// <inheritdoc />
    public async ValueTask<ObjectListing> ListAsync(string container, ObjectListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ObjectListOptions();
        var pages = service.GetBlobContainerClient(container)
            .GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, options.Prefix, cancellationToken)
            .AsPages(options.ContinuationToken, options.MaxResults);
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            var items = page.Values
                .Where(b => options.StartAfter is null || string.CompareOrdinal(b.Name, options.StartAfter) > 0)
                .Select(b => new ObjectProperties(
                    container, b.Name, b.Properties.ContentLength ?? 0, b.Properties.ETag?.ToString() ?? string.Empty,
                    b.Properties.LastModified ?? default, b.Properties.ContentType ?? "application/octet-stream", Metadata(b.Metadata)))
                .ToList();
            return new ObjectListing(items, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new ObjectListing([], null);
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string container, string key, CancellationToken cancellationToken = default) =>
        (await service.GetBlobContainerClient(container).GetBlobClient(key).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;

    private static Dictionary<string, string> Metadata(IDictionary<string, string>? metadata) =>
        metadata is null ? [] : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
}
