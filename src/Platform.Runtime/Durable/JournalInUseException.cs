namespace Platform.Runtime.Durable;

/// <summary>A durable host could not open its journal because another host has it open.</summary>
public sealed class JournalInUseException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="JournalInUseException"/> class.</summary>
    public JournalInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
