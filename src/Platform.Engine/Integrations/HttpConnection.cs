namespace Platform.Engine.Integrations;

/// <summary>What an EventBridge connection adds to the requests that name it (its authorization and invocation parameters).</summary>
public sealed record HttpConnection
{
    /// <summary>Gets the headers added to each request (e.g. <c>Authorization</c>); they win over the task's.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the query parameters added to each request.</summary>
    public IReadOnlyDictionary<string, string> QueryParameters { get; init; } = new Dictionary<string, string>();
}
