using CrmPersonCentric.Model.Signals;

namespace CrmPersonCentric.Import;

/// <summary>One signal record of a CSV.</summary>
/// <param name="Line">The line it starts on.</param>
/// <param name="Location">"line 12" (or "lines 12-14"), for messages.</param>
/// <param name="Input">Its values, for the signal validator.</param>
public sealed record SignalRecord(int Line, string Location, SignalInput Input);
