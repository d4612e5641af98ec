using CrmPersonCentric.Model.Signals;

namespace CrmPersonCentric.Import;

/// <summary>One signal record of a CSV.</summary>
/// <param name="Line">The line it starts on.</param>
/// <param name="EndLine">The line it ends on (a later one when a quoted value holds line breaks).</param>
/// <param name="Input">Its values, for the signal validator.</param>
public sealed record SignalRecord(int Line, int EndLine, SignalInput Input)
{
    /// <summary>"line 12" (or "lines 12-14"), for messages: made only when one is written.</summary>
    public string Location => CsvFile.Lines(Line, EndLine);
}
