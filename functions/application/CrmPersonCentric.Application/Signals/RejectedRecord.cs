namespace CrmPersonCentric.Application.Signals;

/// <summary>One rejected signal record.</summary>
/// <param name="Record">1-based position of the record in the request (0: the request as a whole).</param>
/// <param name="Field">The field at fault.</param>
/// <param name="Message">Why.</param>
public sealed record RejectedRecord(int Record, string Field, string Message);
