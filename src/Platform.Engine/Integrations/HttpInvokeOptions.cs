namespace Platform.Engine.Integrations;

/// <summary>Options of the <c>http:invoke</c> integration.</summary>
public sealed record HttpInvokeOptions
{
    /// <summary>Gets the handler that sends requests (tests pass an in-process fake); null for a default
    /// <see cref="System.Net.Http.SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Gets how long a request may take before it fails with <c>States.Http.Socket</c>.</summary>
    /// <value>60 seconds, AWS's limit for an HTTP Task.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets the largest response body read, in bytes; a larger one fails with <c>States.DataLimitExceeded</c>.</summary>
    /// <value>262,144 (256 KiB, the payload limit).</value>
    public int MaxResponseBytes { get; init; } = 262_144;

    /// <summary>Gets the connections (EventBridge connection ARN → headers and query parameters added to each request), or
    /// null when connections are not modelled and a <c>ConnectionArn</c> is accepted and ignored.</summary>
    public IReadOnlyDictionary<string, HttpConnection>? Connections { get; init; }
}
