using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Platform.Functions.Durable;
using Platform.Server.Triggers;

namespace Platform.Functions.Functions;

/// <summary>Events that start executions: blob uploads (Event Grid source), Event Grid events and Service Bus messages.
/// Each adapts its binding to the server's trigger rules (<see cref="TriggerRouter"/>), where the routing is tested.</summary>
/// <param name="platform">The app's parts.</param>
/// <param name="logger">Logs what each event started.</param>
public sealed partial class TriggerFunctions(FunctionsPlatform platform, ILogger<TriggerFunctions> logger)
{
    /// <summary>A blob created in the inbox container starts the executions of the blob rules that match it.</summary>
    [Function(nameof(OnBlobCreated))]
    public async Task OnBlobCreated(
        [BlobTrigger(AppSettings.InboxContainer + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = AppSettings.InboxConnection)] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var p = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        string eventId = $"{blob.BlobContainerName}/{name}@{p.ETag}";
        var starts = platform.Triggers.RouteBlob(blob.BlobContainerName, name, p.ContentLength, p.ContentType, p.ETag.ToString(), p.LastModified, eventId);
        Log(eventId, await TriggerRouter.StartAsync(new DurableWorkflowClient(client), starts, cancellationToken));
    }

    /// <summary>An Event Grid event starts the executions of the Event Grid rules that match it (the host answers the
    /// subscription validation handshake itself).</summary>
    [Function(nameof(OnEvent))]
    public async Task OnEvent([EventGridTrigger] string eventJson, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (starts, error) = platform.Triggers.RouteEventGrid(eventJson);
        if (error is not null)
        {
            LogRefused(logger, error);
            return;
        }

        Log("eventgrid", await TriggerRouter.StartAsync(new DurableWorkflowClient(client), starts, cancellationToken));
    }

    /// <summary>A Service Bus message completes a task token or starts executions; it is settled explicitly: completed
    /// when handled, dead-lettered with the reason when it can never succeed, abandoned (redelivered) when the start failed.</summary>
    [Function(nameof(OnMessage))]
    public async Task OnMessage(
        [ServiceBusTrigger("%" + AppSettings.ServiceBusQueue + "%", Connection = AppSettings.BusConnection, AutoCompleteMessages = false)] ServiceBusReceivedMessage message,
        string messageId,
        ServiceBusMessageActions actions,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(actions);
        MessageSettlement settlement;
        try
        {
            settlement = await platform.Triggers.HandleMessageAsync(
                new DurableWorkflowClient(client), platform.Tokens, platform.Queue, messageId, message.Body.ToString(), platform.Time.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAbandoned(logger, messageId, ex);
            await actions.AbandonMessageAsync(message, null, cancellationToken);
            return;
        }

        if (settlement.DeadLettered)
        {
            await actions.DeadLetterMessageAsync(message, null, settlement.Reason, settlement.Description, cancellationToken);
        }
        else
        {
            await actions.CompleteMessageAsync(message, cancellationToken);
        }

        LogSettled(logger, messageId, settlement.Reason, settlement.Description);
    }

    private void Log(string eventId, IReadOnlyList<TriggerOutcome> outcomes)
    {
        foreach (var o in outcomes)
        {
            LogOutcome(logger, eventId, o.Rule, o.Status, o.ExecutionArn, o.Reason);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Event {EventId}, rule {Rule}: {Status} {ExecutionArn} {Reason}")]
    private static partial void LogOutcome(ILogger logger, string eventId, string rule, string status, string? executionArn, string? reason);

    [LoggerMessage(2, LogLevel.Warning, "Event Grid delivery refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(3, LogLevel.Information, "Message {MessageId}: {Reason}, {Description}")]
    private static partial void LogSettled(ILogger logger, string messageId, string reason, string description);

    [LoggerMessage(4, LogLevel.Warning, "Message {MessageId} abandoned for redelivery")]
    private static partial void LogAbandoned(ILogger logger, string messageId, Exception exception);
}
