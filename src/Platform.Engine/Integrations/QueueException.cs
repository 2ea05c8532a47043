namespace Platform.Engine.Integrations;

/// <summary>A queue refused an operation: the code says why, the message says what and where.</summary>
public sealed class QueueException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QueueException(QueueError code, string message)
        : base(message) => Code = code;

    /// <summary>Creates the exception.</summary>
    public QueueException()
        : this(QueueError.InvalidQueueName, "The queue refused the operation.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public QueueException(string message)
        : this(QueueError.InvalidQueueName, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public QueueException(string message, Exception innerException)
        : base(message, innerException) => Code = QueueError.InvalidQueueName;

    /// <summary>Gets why the operation was refused.</summary>
    public QueueError Code { get; }
}

/// <summary>Why a queue refused an operation.</summary>
public enum QueueError
{
    /// <summary>The queue name breaks the naming rules.</summary>
    InvalidQueueName,

    /// <summary>The lock token is unknown or its lock expired.</summary>
    LockLost,

    /// <summary>The message is larger than the queue accepts.</summary>
    MessageTooLarge,

    /// <summary>An argument is out of range (a negative delay, a zero lock duration, …).</summary>
    InvalidArgument,
}
