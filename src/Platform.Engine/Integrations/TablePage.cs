namespace Platform.Engine.Integrations;

/// <summary>One page of a partition query.</summary>
/// <param name="Items">The items, in ascending sort-key order.</param>
/// <param name="ContinuationToken">The token of the next page, or null when this is the last.</param>
public sealed record TablePage(IReadOnlyList<TableItem> Items, string? ContinuationToken);
