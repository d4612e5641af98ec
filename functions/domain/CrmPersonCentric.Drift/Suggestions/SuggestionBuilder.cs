using System.Collections.Immutable;
using CrmPersonCentric.Drift.Analyzers;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Suggestions;

/// <summary>
/// Turns drift findings (and opportunities) into persona revision suggestions: each finding's analyzer says what change
/// it suggests; the builder keeps one suggestion per change (de-duplicated by key), carrying every supporting finding,
/// attaches findings that suggest nothing of their own to the suggestions they back, and skips changes an equivalent
/// rejected suggestion suppresses.
/// </summary>
public sealed class SuggestionBuilder
{
    private readonly IReadOnlyDictionary<string, IcpLeak> _leaks;
    private readonly TraitTaxonomy _taxonomy;
    private readonly ThemeTaxonomy _themes;
    private readonly Dictionary<string, Persona> _personas;
    private readonly Dictionary<DriftMetric, DriftAnalyzer> _analyzers;
    private readonly Dictionary<string, AdvocateSummary> _advocates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableArray<SplitGroup>> _splitGroups = new(StringComparer.Ordinal);

    /// <summary>A builder for these personas.</summary>
    /// <param name="personas">The personas evaluated.</param>
    /// <param name="leaks">Per persona id, where its out-of-ICP people come from.</param>
    /// <param name="taxonomy">Labels of trait keys (the default taxonomy when null).</param>
    /// <param name="themes">Labels and addressed traits of messaging themes (the default theme taxonomy when null).</param>
    public SuggestionBuilder(IEnumerable<Persona> personas, IReadOnlyDictionary<string, IcpLeak> leaks, TraitTaxonomy? taxonomy = null, ThemeTaxonomy? themes = null)
        : this(personas, leaks, taxonomy, themes, DriftAnalyzer.CreateAll())
    {
    }

    internal SuggestionBuilder(IEnumerable<Persona> personas, IReadOnlyDictionary<string, IcpLeak> leaks, TraitTaxonomy? taxonomy, ThemeTaxonomy? themes, IEnumerable<DriftAnalyzer> analyzers)
    {
        ArgumentNullException.ThrowIfNull(personas);
        _leaks = leaks ?? throw new ArgumentNullException(nameof(leaks));
        _taxonomy = taxonomy ?? TraitTaxonomy.Default;
        _themes = themes ?? ThemeTaxonomy.Default;
        _personas = personas.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _analyzers = analyzers.SelectMany(a => a.Metrics.Select(m => KeyValuePair.Create(m, a))).ToDictionary();
    }

    /// <summary>Builds the suggestions; <paramref name="suppressed"/> counts the ones skipped.</summary>
    public ImmutableArray<RevisionSuggestion> Build(IEnumerable<Finding> findings, IReadOnlySet<string> suppressedKeys, out int suppressed)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(suppressedKeys);
        var actionable = findings.Where(f => f.Status is FindingStatus.Drift or FindingStatus.Opportunity).ToList();
        var splitting = actionable.Where(f => f.Metric == DriftMetric.PersonaSplit).Select(f => f.PersonaId).ToHashSet(StringComparer.Ordinal);
        var context = new SuggestionContext(_taxonomy, _themes, _leaks, _splitGroups, _advocates, splitting, actionable);
        var byKey = new Dictionary<string, RevisionSuggestion>(StringComparer.Ordinal);
        foreach (var finding in actionable.OrderBy(f => _analyzers[f.Metric].SuggestionPriority(f.Metric)))
        {
            if (!_personas.TryGetValue(finding.PersonaId, out var persona))
            {
                continue;
            }

            var suggestion = _analyzers[finding.Metric].Suggest(finding, persona, context);
            if (suggestion is null)
            {
                Attach(byKey, finding);
                continue;
            }

            if (byKey.TryGetValue(suggestion.Key, out var existing))
            {
                byKey[suggestion.Key] = Merge(existing, finding);
            }
            else if (TraitSibling(byKey, suggestion) is { } sibling)
            {
                byKey[sibling.Key] = Merge(sibling, finding);
            }
            else
            {
                byKey[suggestion.Key] = suggestion;
            }
        }

        var kept = byKey.Values.Where(s => !suppressedKeys.Contains(s.Key)).ToList();
        suppressed = byKey.Count - kept.Count;
        return [.. kept.OrderBy(s => s.PersonaId, StringComparer.Ordinal).ThenByDescending(s => s.Severity).ThenBy(s => s.Key, StringComparer.Ordinal)];
    }

    /// <summary>Gives the builder the advocates and connectors found, per persona id.</summary>
    public SuggestionBuilder WithAdvocates(IEnumerable<KeyValuePair<string, AdvocateSummary>> advocates)
    {
        ArgumentNullException.ThrowIfNull(advocates);
        foreach (var (persona, value) in advocates)
        {
            _advocates[persona] = value;
        }

        return this;
    }

    /// <summary>Gives the builder the groups split detection found, per persona id.</summary>
    public SuggestionBuilder WithSplitGroups(IEnumerable<KeyValuePair<string, ImmutableArray<SplitGroup>>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var (persona, value) in groups)
        {
            _splitGroups[persona] = value;
        }

        return this;
    }

    /// <summary>Dimension-level findings back the trait suggestions of their dimension; poor fit backs a split.</summary>
    private static void Attach(Dictionary<string, RevisionSuggestion> byKey, Finding finding)
    {
        foreach (var suggestion in byKey.Values.ToList())
        {
            var related = suggestion.PersonaId == finding.PersonaId
                && (finding.Dimension is { } d
                    ? suggestion.Dimension == d
                    : finding.Metric == DriftMetric.PoorFitShare && suggestion.Type == SuggestionType.SplitPersona);
            if (related)
            {
                byKey[suggestion.Key] = Merge(suggestion, finding);
            }
        }
    }

    /// <summary>A retire and a reweight of the same trait are one change: the retire wins.</summary>
    private static RevisionSuggestion? TraitSibling(Dictionary<string, RevisionSuggestion> byKey, RevisionSuggestion suggestion) =>
        suggestion.Type == SuggestionType.ReweightTrait
            ? byKey.GetValueOrDefault(RevisionSuggestion.MakeKey(SuggestionType.RetireTrait, suggestion.PersonaId, suggestion.Dimension, suggestion.Subject))
            : null;

    private static RevisionSuggestion Merge(RevisionSuggestion suggestion, Finding finding) =>
        suggestion.FindingIds.Contains(finding.Id)
            ? suggestion
            : suggestion with
            {
                FindingIds = suggestion.FindingIds.Add(finding.Id),
                Severity = (Severity)Math.Max((int)suggestion.Severity, (int)finding.Severity),
            };
}
