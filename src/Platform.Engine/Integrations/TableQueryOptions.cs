namespace Platform.Engine.Integrations;

/// <summary>Which page of a partition to read.</summary>
public sealed record TableQueryOptions
{
    /// <summary>Gets the prefix every returned sort key starts with, or null for all.</summary>
    public string? SortKeyPrefix { get; init; }

    /// <summary>Gets the most items to return (1 to 1,000, Azure's page size).</summary>
    /// <value>1,000.</value>
    public int MaxResults { get; init; } = 1000;

    /// <summary>Gets the token of the page to continue from (from <see cref="TablePage.ContinuationToken"/>).</summary>
    public string? ContinuationToken { get; init; }
}
