using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.Extensions.Logging;
using TraitTaxonomyTable = CrmPersonCentric.Dataverse.Schema.Tables.TraitTaxonomy;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>
/// The shipped taxonomy merged with the active rows of Dataverse's Trait taxonomy table, read at most once per
/// <paramref name="refresh"/> interval. A row with the key of a shipped entry replaces its label and adds its synonyms;
/// a row with a new key adds a trait. Rows that cannot be an entry (no key, a key not in key form, an unknown dimension)
/// are skipped and counted in the log (never their text). When Dataverse cannot be read, the last taxonomy read (at
/// first the shipped one) stays in use and a call after <see cref="RetryAfterFailure"/> tries again.
/// </summary>
/// <param name="client">The Web API.</param>
/// <param name="limits">Trait length and count limits.</param>
/// <param name="refresh">How long a read taxonomy is used before Dataverse is read again.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Counts only.</param>
public sealed partial class WebApiTraitTaxonomySource(IDataverseClient client, TraitLimits limits, TimeSpan refresh, TimeProvider time, ILogger<WebApiTraitTaxonomySource> logger)
    : ITraitTaxonomySource, IDisposable
{
    /// <summary>After a failed read, how long before Dataverse is tried again (at most the refresh interval).</summary>
    public static readonly TimeSpan RetryAfterFailure = RefreshingValue<TraitNormalizer>.RetryAfterFailure;

    private readonly RefreshingValue<TraitNormalizer> _normalizer = new(new TraitNormalizer(TraitTaxonomy.Default, limits), refresh, time);

    /// <inheritdoc />
    public ValueTask<TraitNormalizer> NormalizerAsync(CancellationToken cancellationToken = default) =>
        _normalizer.GetAsync(
            async ct =>
            {
                var (taxonomy, skipped) = await ReadAsync(ct).ConfigureAwait(false);
                LogRead(logger, taxonomy.Entries.Length, skipped);
                return new TraitNormalizer(taxonomy, limits);
            },
            ex => LogReadFailed(logger, ex.GetType().Name, ex is DataverseException dataverse ? (int)dataverse.Status : 0),
            cancellationToken);

    /// <summary>The shipped entries with the Dataverse rows merged in.</summary>
    public async Task<(TraitTaxonomy Taxonomy, int Skipped)> ReadAsync(CancellationToken cancellationToken = default)
    {
        var entries = TraitTaxonomy.Default.Entries.ToDictionary(e => (e.Dimension, e.Key));
        var skipped = 0;
        var query = new ODataQuery { Select = [TraitTaxonomyTable.Dimension, TraitTaxonomyTable.Key, TraitTaxonomyTable.Label, TraitTaxonomyTable.Synonyms, TraitTaxonomyTable.Generic], Filter = "statecode eq 0", OrderBy = TraitTaxonomyTable.Key + " asc" };
        await foreach (var row in client.QueryAsync(TraitTaxonomyTable.EntitySet, query, cancellationToken).ConfigureAwait(false))
        {
            var source = new JsonRow(row);
            var dimension = Choices.To<TraitDimension>(source.GetOption(TraitTaxonomyTable.Dimension));
            var key = source.GetString(TraitTaxonomyTable.Key)?.Trim();
            if (dimension is not { } d || string.IsNullOrEmpty(key) || !IsKey(key))
            {
                skipped++;
                continue;
            }

            var synonyms = (source.GetString(TraitTaxonomyTable.Synonyms) ?? string.Empty)
                .Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var label = source.GetString(TraitTaxonomyTable.Label)?.Trim();
            var generic = source.GetBoolean(TraitTaxonomyTable.Generic);
            entries[(d, key)] = entries.TryGetValue((d, key), out var shipped)
                ? shipped with { Label = string.IsNullOrEmpty(label) ? shipped.Label : label, Synonyms = [.. shipped.Synonyms.Union(synonyms, StringComparer.Ordinal)], Generic = shipped.Generic || generic == true }
                : new TaxonomyEntry(d, key, string.IsNullOrEmpty(label) ? key.Replace('-', ' ') : label, [.. synonyms], generic == true);
        }

        return (TraitTaxonomy.Create(entries.Values.OrderBy(e => e.Dimension).ThenBy(e => e.Key, StringComparer.Ordinal)), skipped);
    }

    /// <inheritdoc />
    public void Dispose() => _normalizer.Dispose();

    /// <summary>True for a text in key form (lower-case words joined by '-').</summary>
    internal static bool IsKey(string key)
    {
        try
        {
            return TraitText.ToKey(TraitText.Canonicalize(key)) == key;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trait taxonomy read from Dataverse: {Entries} entries, {Skipped} rows skipped (no key, a key not in key form, or an unknown dimension)")]
    private static partial void LogRead(ILogger logger, int entries, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trait taxonomy could not be read from Dataverse ({Error}, HTTP {Status}); the last taxonomy read stays in use and the read is retried shortly")]
    private static partial void LogReadFailed(ILogger logger, string error, int status);
}
