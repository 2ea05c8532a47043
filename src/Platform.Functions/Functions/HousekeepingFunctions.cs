using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Platform.Engine.Orchestration;
using Platform.Functions.Durable;

namespace Platform.Functions.Functions;

/// <summary>Timer-driven housekeeping: purges the histories of executions that ended before the retention.</summary>
/// <param name="platform">The app's parts.</param>
/// <param name="logger">Logs what was purged.</param>
public sealed partial class HousekeepingFunctions(FunctionsPlatform platform, ILogger<HousekeepingFunctions> logger)
{
    /// <summary>Purges ended executions older than the retention (<see cref="HistoryPurge"/>), on the configured schedule.</summary>
    [Function(nameof(PurgeHistories))]
    public async Task PurgeHistories([TimerTrigger("%" + AppSettings.PurgeSchedule + "%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (purged, complete) = await HistoryPurge.RunAsync(new DurableWorkflowClient(client), platform.Time.GetUtcNow(), platform.Retention, cancellationToken);
        LogPurged(logger, purged, complete, platform.Retention.TotalDays);
    }

    [LoggerMessage(1, LogLevel.Information, "Purged {Count} ended executions older than {Days} days (complete: {Complete})")]
    private static partial void LogPurged(ILogger logger, int count, bool complete, double days);
}
