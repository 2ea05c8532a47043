namespace Platform.Engine.Tasks;

/// <summary>The integration pattern chosen by a resource suffix.</summary>
public enum IntegrationPattern
{
    /// <summary>Call and take the response.</summary>
    RequestResponse,
    /// <summary><c>.sync</c> / <c>.sync:2</c>: run a job and wait for it.</summary>
    Sync,
    /// <summary><c>.waitForTaskToken</c>: wait for SendTaskSuccess or SendTaskFailure.</summary>
    WaitForTaskToken,
}
