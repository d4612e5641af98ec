using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.Extensions.Logging;
using MessageThemeTable = CrmPersonCentric.Dataverse.Schema.Tables.MessageTheme;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>
/// The shipped themes merged with the active rows of Dataverse's Messaging theme table, read at most once per
/// <paramref name="refresh"/> interval (the trait taxonomy's interval). A row with a shipped key replaces its label,
/// adds its synonyms and may set what it addresses; a row with a new key adds a theme. Rows that cannot be a theme (no
/// key, a key not in key form, a trait without its dimension) are skipped and counted in the log. When Dataverse cannot
/// be read, the last themes read (at first the shipped ones) stay in use.
/// </summary>
/// <param name="client">The Web API.</param>
/// <param name="refresh">How long read themes are used before Dataverse is read again.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Counts only.</param>
public sealed partial class WebApiThemeTaxonomySource(IDataverseClient client, TimeSpan refresh, TimeProvider time, ILogger<WebApiThemeTaxonomySource> logger)
    : IThemeTaxonomySource, IDisposable
{
    private readonly RefreshingValue<ThemeTaxonomy> _themes = new(ThemeTaxonomy.Default, refresh, time);

    /// <inheritdoc />
    public ValueTask<ThemeTaxonomy> ThemesAsync(CancellationToken cancellationToken = default) =>
        _themes.GetAsync(
            async ct =>
            {
                var (themes, skipped) = await ReadAsync(ct).ConfigureAwait(false);
                LogRead(logger, themes.Entries.Length, skipped);
                return themes;
            },
            ex => LogReadFailed(logger, ex.GetType().Name, ex is DataverseException dataverse ? (int)dataverse.Status : 0),
            cancellationToken);

    /// <summary>The shipped themes with the Dataverse rows merged in.</summary>
    public async Task<(ThemeTaxonomy Themes, int Skipped)> ReadAsync(CancellationToken cancellationToken = default)
    {
        var entries = ThemeTaxonomy.Default.Entries.ToDictionary(e => e.Key, StringComparer.Ordinal);
        var skipped = 0;
        var query = new ODataQuery { Select = [MessageThemeTable.Key, MessageThemeTable.Label, MessageThemeTable.Synonyms, MessageThemeTable.Dimension, MessageThemeTable.Trait, MessageThemeTable.Layer], Filter = "statecode eq 0", OrderBy = MessageThemeTable.Key + " asc" };
        await foreach (var row in client.QueryAsync(MessageThemeTable.EntitySet, query, cancellationToken).ConfigureAwait(false))
        {
            var source = new JsonRow(row);
            var key = source.GetString(MessageThemeTable.Key)?.Trim();
            var dimension = Choices.To<TraitDimension>(source.GetOption(MessageThemeTable.Dimension));
            var trait = source.GetString(MessageThemeTable.Trait)?.Trim() is { Length: > 0 } t ? TraitText.ToKey(TraitText.Canonicalize(t)) : null;
            if (string.IsNullOrEmpty(key) || !WebApiTraitTaxonomySource.IsKey(key) || (trait is not null && dimension is null))
            {
                skipped++;
                continue;
            }

            var synonyms = (source.GetString(MessageThemeTable.Synonyms) ?? string.Empty)
                .Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var label = source.GetString(MessageThemeTable.Label)?.Trim();
            var layer = Choices.To<MessagingLayer>(source.GetOption(MessageThemeTable.Layer), offset: 0);
            entries[key] = entries.TryGetValue(key, out var shipped)
                ? shipped with
                {
                    Label = string.IsNullOrEmpty(label) ? shipped.Label : label,
                    Synonyms = [.. shipped.Synonyms.Union(synonyms, StringComparer.Ordinal)],
                    Dimension = dimension ?? shipped.Dimension,
                    Trait = dimension is null ? shipped.Trait : trait,
                    Layer = layer ?? shipped.Layer,
                }
                : new ThemeEntry(key, string.IsNullOrEmpty(label) ? key.Replace('-', ' ') : label, [.. synonyms], dimension, trait, layer);
        }

        return (ThemeTaxonomy.Create(entries.Values.OrderBy(e => e.Key, StringComparer.Ordinal)), skipped);
    }

    /// <inheritdoc />
    public void Dispose() => _themes.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Messaging themes read from Dataverse: {Entries} themes, {Skipped} rows skipped (no key, a key not in key form, or a trait without its dimension)")]
    private static partial void LogRead(ILogger logger, int entries, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Messaging themes could not be read from Dataverse ({Error}, HTTP {Status}); the last themes read stay in use and the read is retried shortly")]
    private static partial void LogReadFailed(ILogger logger, string error, int status);
}
