namespace Platform.Engine.Integrations;

/// <summary>Which page of a container's objects to list.</summary>
public sealed record ObjectListOptions
{
    /// <summary>The most objects one page may hold (S3's and Azure's limit).</summary>
    public const int MaxPageSize = 5000;

    /// <summary>Gets the prefix every listed key starts with, or null for all keys.</summary>
    public string? Prefix { get; init; }

    /// <summary>Gets the most objects to return.</summary>
    /// <value>1,000.</value>
    public int MaxResults { get; init; } = 1000;

    /// <summary>Gets the token of the page to continue from (from <see cref="ObjectListing.ContinuationToken"/>).</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Gets a key after which listing starts (exclusive), or null.</summary>
    public string? StartAfter { get; init; }
}
