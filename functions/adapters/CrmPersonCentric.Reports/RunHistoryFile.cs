using System.Collections.Immutable;
using System.Text.Json;
using CrmPersonCentric.Application.History;
using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Reports;

/// <summary>
/// The run history as a file of the output directory (history.json): what cpc keeps between runs, where the Functions
/// app keeps the trends table. Recording stages the history with the run's points; the earlier points come from the file
/// an earlier run left.
/// </summary>
public sealed class RunHistoryFile(StagedOutput output) : ITrendStore
{
    /// <summary>File name of the history inside the output directory.</summary>
    public const string FileName = "history.json";

    private ImmutableArray<TrendPoint>? _history;

    /// <inheritdoc />
    public Task RecordAsync(IEnumerable<TrendPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        _history = RunHistory.Merge(History, points);
        output.Write(FileName, ReportJson.Serialize(_history.Value));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TrendPoint>> TrendsAsync(IEnumerable<string> personaIds, CancellationToken cancellationToken = default)
    {
        var ids = personaIds.ToHashSet(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<TrendPoint>>([.. History.Where(p => ids.Contains(p.PersonaId))]);
    }

    private ImmutableArray<TrendPoint> History => _history ??= Load(output.Existing(FileName));

    /// <summary>Reads a history file; a missing file is an empty history, a corrupt one is an error naming the file.</summary>
    /// <exception cref="InvalidDataException">The file is not a run history.</exception>
    public static ImmutableArray<TrendPoint> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, ReportsJsonContext.Default.ImmutableArrayTrendPoint);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a valid run history ({ex.Message.Split(" Path:", 2)[0]}); move it away to start a new history.", ex);
        }
    }
}
