using System.ComponentModel.DataAnnotations;

namespace CrmPersonCentric.Storage;

/// <summary>
/// How the backend keeps its state. Bound from configuration section "Storage"; the account itself is the
/// <c>AzureWebJobsStorage</c> connection (<see cref="StorageConnection"/>) and the inbox queue's name the app setting
/// <c>InboxQueueName</c>, which the queue trigger names too.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>The storage connection's setting: a connection string, or a section with accountName (managed identity).</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    /// <summary>The app setting naming the inbox queue (the queue trigger names it too).</summary>
    public const string InboxQueueSetting = "InboxQueueName";

    /// <summary>The inbox queue's default name.</summary>
    public const string DefaultInboxQueue = "cpc-inbox";

    /// <summary>The suffix of the queue the Functions host moves a message to after its last failed delivery.</summary>
    public const string PoisonQueueSuffix = "-poison";

    /// <summary>The webhook inbox queue (set from the app setting InboxQueueName).</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$", ErrorMessage = "InboxQueueName must be a queue name of 3-56 lowercase letters, digits and single hyphens (the host adds -poison).")]
    public string InboxQueue { get; set; } = DefaultInboxQueue;

    /// <summary>Prefix of every table (letters and digits).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$")]
    public string TablePrefix { get; set; } = "cpc";

    /// <summary>Largest accepted webhook or ingestion body, in bytes (Dataverse sends at most 256 KB).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Inbox queue messages being sent at once. Deliveries arriving while all are busy share the next message, so a
    /// lower number means fuller messages (fewer storage transactions) and a higher one lower latency at low load.
    /// </summary>
    [Range(1, 64)]
    public int InboxConcurrentSends { get; set; } = 2;

    /// <summary>Deliveries of one inbox message processed at once.</summary>
    [Range(1, 64)]
    public int InboxParallelism { get; set; } = 8;

    /// <summary>
    /// People-table buckets (of 64) an evaluation reads at once. Rows of the buckets in flight (and the one being added)
    /// are held in memory (about 1 KB per contact), so 8 of a million contacts' buckets hold about 140 MB.
    /// </summary>
    [Range(1, 64)]
    public int EvaluationReadParallelism { get; set; } = 8;

    /// <summary>Signals older than this are deleted.</summary>
    [Range(30, 3650)]
    public int SignalRetentionDays { get; set; } = 730;
}
