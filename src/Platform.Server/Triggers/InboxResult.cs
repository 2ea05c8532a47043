namespace Platform.Server.Triggers;

/// <summary>What an inbox scan did with one file.</summary>
/// <param name="Path">The file's path under <c>inbox/</c>, with '/' separators.</param>
/// <param name="Status"><c>stored</c>, <c>rejected</c> (moved to <c>inbox-rejected/</c>), <c>skipped</c> or <c>busy</c>.</param>
/// <param name="Reason">Why it was not stored, or null.</param>
/// <param name="Deliveries">The trigger deliveries of a stored file.</param>
internal sealed record InboxResult(string Path, string Status, string? Reason, IReadOnlyList<TriggerDelivery> Deliveries);
