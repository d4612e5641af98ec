namespace CrmPersonCentric.Application.Signals;

/// <summary>The answer to a signal batch.</summary>
/// <param name="Verdict">What became of it.</param>
/// <param name="Result">What was stored and rejected (Stored, AllInvalid).</param>
/// <param name="Detail">Why the batch as a whole was refused (TooMany).</param>
public sealed record IngestionOutcome(IngestionVerdict Verdict, IngestionResult? Result, string? Detail)
{
    /// <summary>A refusal of the whole batch.</summary>
    public static IngestionOutcome Problem(IngestionVerdict verdict, string detail) => new(verdict, null, detail);
}
