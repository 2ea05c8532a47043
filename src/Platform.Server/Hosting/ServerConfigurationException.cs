namespace Platform.Server;

/// <summary>The server cannot start as configured: a setting is out of range, or the data directory cannot be used.</summary>
public sealed class ServerConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServerConfigurationException()
        : this("The server configuration is not valid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ServerConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ServerConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
