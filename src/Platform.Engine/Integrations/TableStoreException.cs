namespace Platform.Engine.Integrations;

/// <summary>A table store refused an operation: the code says why, the message says what and where.</summary>
public sealed class TableStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TableStoreException(TableStoreError code, string message)
        : base(message) => Code = code;

    /// <summary>Creates the exception.</summary>
    public TableStoreException()
        : this(TableStoreError.InvalidKey, "The table store refused the operation.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TableStoreException(string message)
        : this(TableStoreError.InvalidKey, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TableStoreException(string message, Exception innerException)
        : base(message, innerException) => Code = TableStoreError.InvalidKey;

    /// <summary>Gets why the operation was refused.</summary>
    public TableStoreError Code { get; }
}

/// <summary>Why a table store refused an operation.</summary>
public enum TableStoreError
{
    /// <summary>The write's condition did not hold (the item changed, exists, or is missing); nothing was written.</summary>
    ConditionFailed,

    /// <summary>A table name breaks the naming rules.</summary>
    InvalidTableName,

    /// <summary>A partition or sort key breaks the key rules.</summary>
    InvalidKey,

    /// <summary>A continuation token is not one this store issued.</summary>
    InvalidContinuationToken,

    /// <summary>A query option is out of range.</summary>
    InvalidArgument,

    /// <summary>The table does not exist in the store (a store whose tables are created by deployment, such as Azure Table
    /// storage, was not given it); nothing was read or written.</summary>
    TableNotFound,
}
