using CrmPersonCentric.Model.Signals;

namespace CrmPersonCentric.Import;

/// <summary>
/// The one reader of signals as CSV, however they arrive (a data directory's signals.csv, the body of POST /api/signals):
/// a header line naming the columns (any case; signalid, contactid, type and occurredon required), then one signal per
/// record as the signal validator's input. A problem of the CSV itself (the header, a quote out of place, a record with
/// more or fewer values than the header) is reported, never with the record's values, and that record skipped.
/// </summary>
public static class SignalsCsv
{
    /// <summary>The columns, in the order problems are listed.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["signalid", "contactid", "type", "occurredon", "theme", "layer", "source", "relatedcontactid"];

    private static readonly string[] Required = ["signalid", "contactid", "type", "occurredon"];

    /// <summary>Where a column stands in <see cref="Columns"/> (problems are listed in that order).</summary>
    public static int OrderOf(string column) => Columns.ToList().IndexOf(column);

    /// <summary>The column a signal field is read from.</summary>
    public static string ColumnOf(SignalField field) => field.ToString().ToLowerInvariant();

    /// <summary>Reads every well-formed record of the text, with the line it starts on and its location for messages.</summary>
    /// <param name="text">The CSV text (disposed with the reading).</param>
    /// <param name="name">What problems call the text (the file name, "the body").</param>
    /// <param name="report">Receives each problem of the CSV itself.</param>
    public static IEnumerable<SignalRecord> Read(TextReader text, string name, Action<ImportError> report)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var csv = CsvFile.Over(text, name, report);
        foreach (var record in Read(csv))
        {
            yield return record;
        }
    }

    internal static IEnumerable<SignalRecord> Read(CsvFile csv)
    {
        if (!csv.ReadHeader(Required))
        {
            yield break;
        }

        foreach (var record in csv.Records())
        {
            yield return new SignalRecord(record.Line, record.EndLine, new SignalInput(
                record.Optional("signalid"),
                record.Optional("contactid"),
                record.Optional("type"),
                record.Optional("occurredon"),
                record.Optional("theme"),
                record.Optional("layer"),
                record.Optional("source"),
                record.Optional("relatedcontactid")));
        }
    }
}
