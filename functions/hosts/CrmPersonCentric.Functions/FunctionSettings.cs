namespace CrmPersonCentric.Functions;

/// <summary>
/// App settings that trigger attributes name as binding expressions (<c>%Name%</c>). The Functions host resolves them
/// from its own app settings, and the standalone host from configuration, the same way. The names are flat on purpose:
/// the host does not resolve expressions whose names contain "__", and separators are unreliable on Linux.
/// </summary>
public static class FunctionSettings
{
    /// <summary>The inbox queue's name (default <see cref="DefaultInboxQueue"/>).</summary>
    public const string InboxQueueName = CrmPersonCentric.Storage.StorageOptions.InboxQueueSetting;

    /// <summary>NCRONTAB (with seconds) of the hourly drift evaluation.</summary>
    public const string EvaluateDriftSchedule = "EvaluateDriftSchedule";

    /// <summary>NCRONTAB (with seconds) of the weekly report.</summary>
    public const string WeeklyReportSchedule = "WeeklyReportSchedule";

    /// <summary>NCRONTAB (with seconds) of the nightly reconciliation.</summary>
    public const string ReconcileSchedule = "ReconcileSchedule";

    /// <summary>The storage connection of the host and the backend: a connection string, or a section with accountName (managed identity).</summary>
    public const string Storage = CrmPersonCentric.Storage.StorageOptions.ConnectionSetting;

    /// <summary>The inbox queue's default name.</summary>
    public const string DefaultInboxQueue = CrmPersonCentric.Storage.StorageOptions.DefaultInboxQueue;

    /// <summary>The suffix of the queue the Functions host moves a message to after its last failed delivery.</summary>
    public const string PoisonQueueSuffix = CrmPersonCentric.Storage.StorageOptions.PoisonQueueSuffix;

    /// <summary>The defaults of the schedules: hourly, Monday 07:00 UTC, 02:30 UTC.</summary>
    public static IReadOnlyDictionary<string, string> DefaultSchedules { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [EvaluateDriftSchedule] = "0 0 * * * *",
        [WeeklyReportSchedule] = "0 0 7 * * 1",
        [ReconcileSchedule] = "0 30 2 * * *",
    };
}
