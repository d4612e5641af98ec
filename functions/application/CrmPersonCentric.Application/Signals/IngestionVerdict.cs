namespace CrmPersonCentric.Application.Signals;

/// <summary>What became of a signal batch.</summary>
public enum IngestionVerdict
{
    /// <summary>The valid records were stored; the invalid ones are listed.</summary>
    Stored,

    /// <summary>No record was valid.</summary>
    AllInvalid,

    /// <summary>More records than one request may hold.</summary>
    TooMany,
}
