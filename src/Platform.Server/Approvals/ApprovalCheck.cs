using Platform.Engine.Integrations;

namespace Platform.Server.Approvals;

/// <summary>The result of checking an approval link.</summary>
/// <param name="Status">What the link is.</param>
/// <param name="Reason">Why, in a sentence a person reads on the page.</param>
/// <param name="Item">The approval's record when the link is genuine.</param>
internal sealed record ApprovalCheck(ApprovalLinkStatus Status, string Reason, TableItem? Item = null);
