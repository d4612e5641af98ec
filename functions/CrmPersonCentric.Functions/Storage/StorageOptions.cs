using System.ComponentModel.DataAnnotations;

namespace CrmPersonCentric.Functions.Storage;

/// <summary>Where the backend keeps its state. Bound from configuration section "Storage".</summary>
public sealed class StorageOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>A connection string (Azurite, development). In Azure leave it empty and set <see cref="AccountName"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The storage account name, reached with the app's managed identity (shared-key access stays off).</summary>
    public string? AccountName { get; set; }

    /// <summary>The webhook inbox queue.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string InboxQueue { get; set; } = "cpc-inbox";

    /// <summary>Prefix of every table (letters and digits).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$")]
    public string TablePrefix { get; set; } = "cpc";

    /// <summary>Largest accepted webhook or ingestion body, in bytes (Dataverse sends at most 256 KB).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Deliveries of an inbox message before it goes to the poison store.</summary>
    [Range(1, 20)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>
    /// Inbox queue messages being sent at once. Deliveries arriving while all are busy share the next message, so a
    /// lower number means fuller messages (fewer storage transactions) and a higher one lower latency at low load.
    /// </summary>
    [Range(1, 64)]
    public int InboxConcurrentSends { get; set; } = 2;

    /// <summary>Deliveries of one inbox message processed at once.</summary>
    [Range(1, 64)]
    public int InboxParallelism { get; set; } = 8;

    /// <summary>Signals older than this are deleted.</summary>
    [Range(30, 3650)]
    public int SignalRetentionDays { get; set; } = 730;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(AccountName))
        {
            yield return new ValidationResult("Set Storage:AccountName (managed identity, in Azure) or Storage:ConnectionString (Azurite, development).", [nameof(AccountName), nameof(ConnectionString)]);
        }
    }
}
