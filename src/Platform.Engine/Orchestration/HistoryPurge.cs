using System.Globalization;

namespace Platform.Engine.Orchestration;

/// <summary>Housekeeping: purges the histories of executions that ended long ago, in bounded rounds.</summary>
/// <remarks>
/// AWS keeps a closed Standard execution's history for 90 days, so that is the default retention. Only ended instances
/// (Completed, Failed, Terminated) created before the cutoff are purged; a long execution that is still running keeps its
/// history whatever its age. Each round is cut short by a timeout (Durable's partial purge), and rounds repeat until the
/// host reports the purge complete or <see cref="MaxRounds"/> is reached, so one run never outlives its timer's schedule.
/// </remarks>
public static class HistoryPurge
{
    /// <summary>The default retention: AWS's 90 days.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(90);

    /// <summary>How long one purge round may run.</summary>
    public static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The most rounds one run makes.</summary>
    public const int MaxRounds = 20;

    /// <summary>The statuses of instances that are purged.</summary>
    public static IReadOnlyList<WorkflowRuntimeStatus> EndedStatuses { get; } =
        [WorkflowRuntimeStatus.Completed, WorkflowRuntimeStatus.Failed, WorkflowRuntimeStatus.Terminated];

    /// <summary>Reads a retention setting in whole days (1–3650); null or empty gives <see cref="DefaultRetention"/>.</summary>
    /// <exception cref="FormatException">The setting is not a whole number of days in range.</exception>
    public static TimeSpan ParseRetention(string? days)
    {
        if (string.IsNullOrWhiteSpace(days))
        {
            return DefaultRetention;
        }

        return int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value is >= 1 and <= 3650
            ? TimeSpan.FromDays(value)
            : throw new FormatException($"The history retention must be a whole number of days from 1 to 3650, found '{days}'.");
    }

    /// <summary>The creation time before which ended instances are purged.</summary>
    public static DateTimeOffset Cutoff(DateTimeOffset now, TimeSpan retention) =>
        retention > TimeSpan.Zero ? now - retention : throw new ArgumentOutOfRangeException(nameof(retention), retention, "The retention must be positive.");

    /// <summary>Purges in rounds until the host says it is done, and returns how many instances went and whether all did.</summary>
    public static async Task<(int Purged, bool Complete)> RunAsync(WorkflowClient client, DateTimeOffset now, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var cutoff = Cutoff(now, retention);
        int purged = 0;
        for (int round = 0; round < MaxRounds; round++)
        {
            var result = await client.PurgeAllAsync(cutoff, EndedStatuses, RoundTimeout, cancellationToken);
            purged += result.PurgedInstanceCount;
            if (result.IsComplete != false)
            {
                return (purged, true);
            }
        }

        return (purged, false);
    }
}
