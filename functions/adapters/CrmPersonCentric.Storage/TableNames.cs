namespace CrmPersonCentric.Storage;

/// <summary>Short names of the backend's tables (the configured prefix is added).</summary>
public static class TableNames
{
    /// <summary>One row per contact (its snapshot, or an erasure tombstone), in 64 partitions by a hash of the contact id.</summary>
    public const string People = "people";

    /// <summary>Behaviour signals, partitioned by contact (erasure deletes one partition).</summary>
    public const string Signals = "signals";

    /// <summary>
    /// One row per contact with signals: the compact behaviour summary evaluation reads instead of the signals, in the
    /// people table's 64 buckets and keys (plus one marker row saying the summaries were built).
    /// </summary>
    public const string Behaviour = "behaviour";

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
    public static readonly string[] All = [People, Signals, Behaviour, Suppressions, Poison, Runs, Trends, Leases];
}
