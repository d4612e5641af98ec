using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace CrmPersonCentric.Import;

/// <summary>
/// One CSV file of the data directory, read record by record (RFC 4180: a header line, quotes around values that hold
/// commas, quotes or line breaks). A record with a quote out of place, or with more or fewer fields than the header, is
/// reported with its line and what is wrong, and skipped: its values are never repeated (they may be a person's traits).
/// </summary>
internal sealed class CsvFile : IDisposable
{
    private readonly string _file;
    private readonly Action<ImportError> _report;
    private readonly TextReader _text;
    private readonly CsvParser _parser;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private string[] _header = [];
    private int _headerEnd;
    private bool _badQuote;

    private CsvFile(TextReader text, string file, Action<ImportError> report)
    {
        _file = file;
        _report = report;
        _text = text;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
            // A quote inside a value that does not start with one: noted here, reported with the record (never its text).
            BadDataFound = _ => _badQuote = true,
        };
        _parser = new CsvParser(_text, configuration);
    }

    /// <summary>Opens the file, or reports it missing (when required) and returns null.</summary>
    public static CsvFile? Open(string directory, string file, bool required, Action<ImportError> report)
    {
        var path = Path.Combine(directory, file);
        if (File.Exists(path))
        {
            return new CsvFile(DataText.Open(path), file, report);
        }

        if (required)
        {
            report(new ImportError(file, null, null, "is missing from the data directory"));
        }

        return null;
    }

    /// <summary>CSV text from elsewhere (a request body), named <paramref name="name"/> in the problems reported; disposing the file disposes the text.</summary>
    public static CsvFile Over(TextReader text, string name, Action<ImportError> report) => new(text, name, report);

    /// <summary>Records that were reported and skipped as malformed (so far).</summary>
    public int Malformed { get; private set; }

    /// <summary>Reads the header line; false (with the problems reported) when it is missing or lacks a required column.</summary>
    public bool ReadHeader(params string[] required)
    {
        try
        {
            if (!_parser.Read())
            {
                _report(new ImportError(_file, null, null, "is empty; expected a header line"));
                return false;
            }

            _header = [.. Enumerable.Range(0, _parser.Count).Select(i => _parser[i].Trim().ToLowerInvariant())];
            _headerEnd = _parser.RawRow;
        }
        catch (DecoderFallbackException)
        {
            _report(new ImportError(_file, null, null, DataText.NotUtf8));
            return false;
        }
        catch (CsvHelperException)
        {
            _report(new ImportError(_file, "line 1", null, "the header line is not valid CSV"));
            return false;
        }

        var valid = true;
        for (var i = 0; i < _header.Length; i++)
        {
            if (_header[i].Length > 0 && !_columns.TryAdd(_header[i], i))
            {
                _report(new ImportError(_file, "line 1", _header[i], "the column appears twice in the header"));
                valid = false;
            }
        }

        foreach (var column in required.Where(c => !_columns.ContainsKey(c)))
        {
            _report(new ImportError(_file, "line 1", column, "the column is missing from the header"));
            valid = false;
        }

        return valid;
    }

    /// <summary>The well-formed records after the header; malformed ones are reported and skipped.</summary>
    public IEnumerable<CsvRecord> Records()
    {
        var previousEnd = _headerEnd;
        while (true)
        {
            string[] fields;
            int start;
            int end;
            int? badColumn = null;
            try
            {
                _badQuote = false;
                if (!_parser.Read())
                {
                    yield break;
                }

                // The parser reports bad data while reading the record or while handing out a field: either way the
                // record is refused, with the column where it could be told.
                var badWhileReading = _badQuote;
                start = previousEnd + 1;
                end = _parser.RawRow;
                previousEnd = end;
                fields = new string[_parser.Count];
                for (var i = 0; i < fields.Length; i++)
                {
                    _badQuote = false;
                    fields[i] = _parser[i];
                    if (_badQuote && badColumn is null)
                    {
                        badColumn = i;
                    }
                }

                if (badWhileReading && badColumn is null)
                {
                    badColumn = -1;
                }
            }
            catch (DecoderFallbackException)
            {
                _report(new ImportError(_file, Lines(previousEnd + 1, previousEnd + 1), null, DataText.NotUtf8));
                Malformed++;
                yield break;
            }
            catch (CsvHelperException)
            {
                _report(new ImportError(_file, Lines(previousEnd + 1, previousEnd + 1), null, "is not valid CSV from here on; look for a quote that is opened and never closed"));
                Malformed++;
                yield break;
            }

            if (end > start && (badColumn is not null || fields.Length != _header.Length))
            {
                _report(new ImportError(_file, Lines(start, end), null, string.Create(CultureInfo.InvariantCulture,
                    $"a quote opened on line {start} is probably never closed: the record runs over lines {start} to {end} and does not read as one row (a value that holds a quote starts and ends with one, and doubles each quote inside)")));
                Malformed++;
                continue;
            }

            if (badColumn is { } column)
            {
                _report(new ImportError(_file, Lines(start, end), column >= 0 && column < _header.Length ? _header[column] : null,
                    "a quote (\") stands inside a value that does not start with one: put the whole value in quotes and double each quote inside it, e.g. \"a \"\"quoted\"\" word\""));
                Malformed++;
                continue;
            }

            if (fields.Length != _header.Length)
            {
                _report(new ImportError(_file, Lines(start, end), null, fields.Length > _header.Length
                    ? string.Create(CultureInfo.InvariantCulture, $"has {fields.Length} values where the header has {_header.Length} columns: a value with a comma in it needs quotes around it")
                    : string.Create(CultureInfo.InvariantCulture, $"has {fields.Length} values where the header has {_header.Length} columns: a comma is missing, or the line was cut short")));
                Malformed++;
                continue;
            }

            yield return new CsvRecord(start, end, fields, _columns);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _parser.Dispose();
        _text.Dispose();
    }

    /// <summary>"line 12", or "lines 12-14" for a record with line breaks inside quotes: made only for a message.</summary>
    internal static string Lines(int start, int end) =>
        start >= end ? string.Create(CultureInfo.InvariantCulture, $"line {start}") : string.Create(CultureInfo.InvariantCulture, $"lines {start}-{end}");
}
