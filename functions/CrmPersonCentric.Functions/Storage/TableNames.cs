namespace CrmPersonCentric.Functions.Storage;

/// <summary>Short names of the backend's tables (the configured prefix is added).</summary>
public static class TableNames
{
    /// <summary>Per-contact snapshots, partitioned by persona for the evaluation scan.</summary>
    public const string Snapshots = "snapshots";

    /// <summary>Per-contact index (current snapshot partition, row version, erasure tombstone).</summary>
    public const string Contacts = "contacts";

    /// <summary>Behaviour signals, partitioned by contact (erasure deletes one partition).</summary>
    public const string Signals = "signals";

    /// <summary>Suppressed suggestion keys.</summary>
    public const string Suppressions = "suppressions";

    /// <summary>Payloads that could not be processed.</summary>
    public const string Poison = "poison";

    /// <summary>Run history.</summary>
    public const string Runs = "runs";

    /// <summary>Metric time series per persona.</summary>
    public const string Trends = "trends";

    /// <summary>Leases (one evaluation at a time).</summary>
    public const string Leases = "leases";

    /// <summary>Every table.</summary>
    public static readonly string[] All = [Snapshots, Contacts, Signals, Suppressions, Poison, Runs, Trends, Leases];
}
