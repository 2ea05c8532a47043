namespace Platform.Engine.Integrations;

/// <summary>An object store refused an operation: the code says why, the message says what and where.</summary>
public sealed class ObjectStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ObjectStoreException(ObjectStoreError code, string message)
        : base(message) => Code = code;

    /// <summary>Creates the exception.</summary>
    public ObjectStoreException()
        : this(ObjectStoreError.InvalidKey, "The object store refused the operation.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ObjectStoreException(string message)
        : this(ObjectStoreError.InvalidKey, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ObjectStoreException(string message, Exception innerException)
        : base(message, innerException) => Code = ObjectStoreError.InvalidKey;

    /// <summary>Gets why the operation was refused.</summary>
    public ObjectStoreError Code { get; }
}

/// <summary>Why an object store refused an operation.</summary>
public enum ObjectStoreError
{
    /// <summary>The container name breaks the naming rules.</summary>
    InvalidContainerName,

    /// <summary>The key breaks the naming rules (empty, too long, a '.' or '..' segment, a control character, …).</summary>
    InvalidKey,

    /// <summary>The container does not exist.</summary>
    ContainerNotFound,

    /// <summary>An <c>If-Match</c> or <c>If-None-Match</c> precondition did not hold.</summary>
    PreconditionFailed,

    /// <summary>A continuation token is not one this store issued.</summary>
    InvalidContinuationToken,

    /// <summary>A list option is out of range.</summary>
    InvalidArgument,
}
