namespace Platform.Engine.Integrations;

/// <summary>The condition a table write needs: none, the item absent, the item present, or the item at a given ETag.</summary>
/// <remarks>Azure Table storage: Upsert, Add, Update with <c>If-Match: *</c>, Update with <c>If-Match: etag</c>.</remarks>
public readonly record struct TableWriteCondition
{
    private TableWriteCondition(TableWriteConditionKind kind, string? etag)
    {
        Kind = kind;
        ETag = etag;
    }

    /// <summary>Gets an unconditional write.</summary>
    public static TableWriteCondition None => default;

    /// <summary>Gets a write that needs the item to be absent.</summary>
    public static TableWriteCondition NotExists => new(TableWriteConditionKind.NotExists, null);

    /// <summary>Gets a write that needs the item to exist.</summary>
    public static TableWriteCondition Exists => new(TableWriteConditionKind.Exists, null);

    /// <summary>Gets what the condition checks.</summary>
    public TableWriteConditionKind Kind { get; }

    /// <summary>Gets the ETag the item must have (for <see cref="TableWriteConditionKind.IfMatch"/>).</summary>
    public string? ETag { get; }

    /// <summary>A write that needs the item to exist with ETag <paramref name="etag"/>.</summary>
    public static TableWriteCondition IfMatch(string etag)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return new TableWriteCondition(TableWriteConditionKind.IfMatch, etag);
    }

    /// <summary>The write that keeps what was read: <see cref="IfMatch"/> its ETag, or <see cref="NotExists"/> when nothing was read.</summary>
    public static TableWriteCondition Unchanged(TableItem? read) => read is null ? NotExists : IfMatch(read.ETag);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        TableWriteConditionKind.NotExists => "the item must not exist",
        TableWriteConditionKind.Exists => "the item must exist",
        TableWriteConditionKind.IfMatch => $"the item must have ETag {ETag}",
        _ => "unconditional",
    };
}

/// <summary>What a <see cref="TableWriteCondition"/> checks.</summary>
public enum TableWriteConditionKind
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>The item is absent.</summary>
    NotExists,

    /// <summary>The item exists.</summary>
    Exists,

    /// <summary>The item exists with the given ETag.</summary>
    IfMatch,
}
