namespace Platform.Engine.Integrations;

/// <summary>One page of a container listing.</summary>
/// <param name="Items">The objects, in key order.</param>
/// <param name="ContinuationToken">The token of the next page, or null when this is the last.</param>
public sealed record ObjectListing(IReadOnlyList<ObjectProperties> Items, string? ContinuationToken);
