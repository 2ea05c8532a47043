namespace Platform.Server.Triggers;

/// <summary>Where the events a trigger rule routes come from.</summary>
public enum TriggerSource
{
    /// <summary>An object created in the object store: the upload endpoint, the inbox folder, or an Event Grid
    /// <c>Microsoft.Storage.BlobCreated</c> event.</summary>
    Blob,

    /// <summary>Any event delivered to <c>POST /events/eventgrid</c> (EventGridEvent or CloudEvents schema).</summary>
    EventGrid,

    /// <summary>A message posted to <c>POST /queues/{name}/messages</c> (a Service Bus queue on Azure).</summary>
    Queue,
}
