namespace Platform.Server.Approvals;

/// <summary>What an approval link turned out to be.</summary>
internal enum ApprovalLinkStatus
{
    /// <summary>Signed by this server, unexpired, and not decided yet.</summary>
    Pending,

    /// <summary>Malformed, or its signature does not match: altered or truncated.</summary>
    Tampered,

    /// <summary>Past its expiry.</summary>
    Expired,

    /// <summary>Already decided (approved or rejected) by an earlier use.</summary>
    Used,

    /// <summary>Signed by this server but unknown to it (its data was removed).</summary>
    Unknown,
}
