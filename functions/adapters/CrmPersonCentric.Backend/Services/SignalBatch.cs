namespace CrmPersonCentric.Backend.Services;

/// <summary>A batch of signals as a caller sent it.</summary>
/// <param name="Body">JSON (an array, or {"signals": [...]}) or CSV with a header line.</param>
/// <param name="IsCsv">True for CSV.</param>
public sealed record SignalBatch(string Body, bool IsCsv);
