namespace CrmPersonCentric.Backend.Services;

/// <summary>What became of a signal batch.</summary>
public enum IngestionVerdict
{
    /// <summary>The valid records were stored; the invalid ones are listed.</summary>
    Stored,

    /// <summary>No record was valid.</summary>
    AllInvalid,

    /// <summary>The body could not be read as JSON or CSV.</summary>
    Unreadable,

    /// <summary>More records than one request may hold.</summary>
    TooMany,

    /// <summary>Storage is unavailable; nothing was stored.</summary>
    Unavailable,
}
