using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Suggestions;

/// <summary>
/// Turns drift findings into persona revision suggestions: one per change (de-duplicated by key), carrying every
/// supporting finding, skipping changes an equivalent rejected suggestion suppresses.
/// </summary>
/// <param name="personas">The personas evaluated.</param>
/// <param name="leaks">Per persona id, where its out-of-ICP people come from.</param>
/// <param name="taxonomy">Labels of trait keys (the default taxonomy when null).</param>
/// <param name="themes">Labels and addressed traits of messaging themes (the default theme taxonomy when null).</param>
public sealed class SuggestionBuilder(IEnumerable<Persona> personas, IReadOnlyDictionary<string, IcpLeak> leaks, TraitTaxonomy? taxonomy = null, ThemeTaxonomy? themes = null)
{
    /// <summary>Advocates named in a programme suggestion.</summary>
    public const int ProgrammeAdvocates = 10;

    private readonly ThemeTaxonomy _themes = themes ?? ThemeTaxonomy.Default;

    private readonly Dictionary<string, AdvocateSummary> _advocates = new(StringComparer.Ordinal);

    /// <summary>How much lower the fit of out-of-ICP people may be for the ICP, not the tagging, to be the problem.</summary>
    public const double WidenIcpFitMargin = 0.1;

    private readonly TraitTaxonomy _taxonomy = taxonomy ?? TraitTaxonomy.Default;

    private readonly Dictionary<string, Persona> _personas = personas.ToDictionary(p => p.Id, StringComparer.Ordinal);

    /// <summary>Builds the suggestions; <paramref name="suppressed"/> counts the ones skipped.</summary>
    public ImmutableArray<RevisionSuggestion> Build(IEnumerable<Finding> findings, IReadOnlySet<string> suppressedKeys, out int suppressed)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(suppressedKeys);
        var all = findings.ToList();
        var drift = all.Where(f => f.Status is FindingStatus.Drift or FindingStatus.Opportunity).ToList();
        var byKey = new Dictionary<string, RevisionSuggestion>(StringComparer.Ordinal);
        var goToMarket = GoToMarketPersonas(drift);
        var splitPersonas = drift.Where(f => f.Metric == DriftMetric.PersonaSplit).Select(f => f.PersonaId).ToHashSet(StringComparer.Ordinal);
        foreach (var finding in drift.OrderBy(f => Priority(f.Metric)))
        {
            if (!_personas.TryGetValue(finding.PersonaId, out var persona))
            {
                continue;
            }

            var suggestion = finding.Metric == DriftMetric.TrustChannel && goToMarket.Contains(persona.Id)
                ? GoToMarket(persona, drift.Where(f => f.PersonaId == persona.Id && f.Metric == DriftMetric.TrustChannel).ToList(), finding)
                : Suggest(finding, persona, splitPersonas.Contains(persona.Id));
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

    private RevisionSuggestion? Suggest(Finding finding, Persona persona, bool personaSplits)
    {
        var e = finding.Evidence;
        var label = finding.Subject is { } key && finding.Dimension is { } dim ? _taxonomy.LabelOf(dim, key) : finding.SubjectLabel;
        RevisionSuggestion Make(SuggestionType type, double? value, string rationale, ImmutableArray<string> details = default, ImmutableArray<SplitGroup> groups = default) =>
            new(RevisionSuggestion.MakeKey(type, persona.Id, finding.Dimension, IsPersonaWide(type) ? null : finding.Subject),
                type, persona.Id, persona.Version, finding.Dimension,
                IsPersonaWide(type) ? null : finding.Subject,
                value, details.IsDefault ? [] : details, groups.IsDefault ? [] : groups, finding.Severity, [finding.Id], rationale);

        switch (finding.Metric)
        {
            case DriftMetric.StaleTrait:
                return Make(SuggestionType.RetireTrait, null,
                    $"Retire '{label}' from {finding.Dimension?.ToDisplayName().ToLowerInvariant()}: {Pct(e.Observed)} of people show it against {Pct(e.Expected)} declared.");
            case DriftMetric.EmergingTrait:
                return Make(SuggestionType.AddTrait, Round(e.Observed),
                    $"Add '{label}' to {finding.Dimension?.ToDisplayName().ToLowerInvariant()} with an expected prevalence of {Pct(Round(e.Observed))}: {Pct(e.Observed)} of {e.N} people show it and the persona does not mention it.");
            case DriftMetric.TraitPrevalence:
                return Make(SuggestionType.ReweightTrait, Round(e.Observed),
                    $"Change the expected prevalence of '{label}' from {Pct(e.Expected)} to {Pct(Round(e.Observed))}, what {e.N} tagged people show.");
            case DriftMetric.BehaviourShare:
                return Make(SuggestionType.ReviseBehaviourExpectation, Round(e.Observed),
                    $"Expect {Pct(Round(e.Observed))} of people to show '{finding.SubjectLabel}' in the window instead of {Pct(e.Expected)}, as {e.N} tagged people did.");
            case DriftMetric.BehaviourRate:
                return Make(SuggestionType.ReviseBehaviourExpectation, null,
                    $"Revise the rate of '{finding.SubjectLabel}': {F(e.Observed)} per person-year observed against {F(e.Expected)} expected.");
            case DriftMetric.PersonaSplit:
                var groups = SplitGroupsOf(finding);
                return Make(SuggestionType.SplitPersona, groups.Length,
                    $"Split '{persona.Name}' into {groups.Length} personas: {string.Join("; ", groups.Select(Describe))}.", groups: groups);
            case DriftMetric.MessagingDepth:
                return Make(SuggestionType.DeepenMessaging, (int)MessagingLayer.DeepPersonalDesire,
                    $"Take '{persona.Name}' messaging from layer {(int)persona.Messaging.ReachedLayer} to layer 4 (deep personal desire): people who told us their desire answer layer-4 themes {Pct(e.Observed)} vs {Pct(e.Expected)}.");
            case DriftMetric.IcpLeakage:
                return IcpSuggestion(finding, persona, Make);
            case DriftMetric.TrustChannel:
                return Make(SuggestionType.ReviseTrustChannel, Round(e.Observed),
                    e.Expected is { } expected
                        ? $"Expect {Pct(Round(e.Observed))} of people to extend trust through '{finding.SubjectLabel}' instead of {Pct(expected)}, as {e.N} people with trust recorded do."
                        : $"Declare '{finding.SubjectLabel}' as a trust channel with an expected share of {Pct(Round(e.Observed))}: {Pct(e.Observed)} of {e.N} people with trust recorded extend trust this way and the persona does not mention it.");
            case DriftMetric.MessageTheme when finding.Subject is { } themeSubject:
                var themeKey = themeSubject["theme:".Length..];
                var theme = _themes.Find(themeKey);
                var addresses = theme is { Dimension: { } d } ? $" It speaks to the {d.ToDisplayName().ToLowerInvariant()}{(theme.Trait is { } trait ? $" '{_taxonomy.LabelOf(d, trait)}'" : string.Empty)}." : string.Empty;
                return Make(SuggestionType.LeadWithTheme, null,
                    $"Lead with the theme '{finding.SubjectLabel}' for '{persona.Name}': {Pct(e.Observed)} of its {e.N} people responded to it in the window (95% CI {Pct(e.IntervalLow)}–{Pct(e.IntervalHigh)}) against {Pct(e.Expected)} on average for its other themes of the same layer (q = {Q(e.QValue)}).{addresses}",
                    [$"theme:{themeKey}"]);
            case DriftMetric.AdvocacyConcentration:
                return ProgrammeSuggestion(finding, persona, Make);
            case DriftMetric.PoorFitShare when !personaSplits:
                return Make(SuggestionType.TightenTagging, null,
                    $"Tighten tagging of '{persona.Name}': {Pct(e.Observed)} of tagged people fit it poorly. Review who tags contacts with it, and retag them.");
            default:
                return null;
        }
    }

    private RevisionSuggestion IcpSuggestion(Finding finding, Persona persona, Func<SuggestionType, double?, string, ImmutableArray<string>, ImmutableArray<SplitGroup>, RevisionSuggestion> make)
    {
        var e = finding.Evidence;
        if (leaks.TryGetValue(persona.Id, out var leak) && leak.OutsideMeanFit >= leak.InsideMeanFit - WidenIcpFitMargin)
        {
            var details = leak.Industries.Select(i => "industry:" + i)
                .Concat(leak.Regions.Select(r => "region:" + r))
                .Concat(leak.BelowMinEmployees > 0 ? ["employees:lower-minimum"] : [])
                .Concat(leak.AboveMaxEmployees > 0 ? ["employees:raise-maximum"] : [])
                .ToImmutableArray();
            return make(SuggestionType.WidenIcp, null,
                $"Widen the ICP of '{persona.Name}': {Pct(e.Observed)} of tagged people come from outside it, and they fit the persona as well as the rest (mean fit {F(leak.OutsideMeanFit)} vs {F(leak.InsideMeanFit)}). Most come from: {string.Join(", ", details.Take(4))}.",
                details, default);
        }

        return make(SuggestionType.TightenTagging, null,
            $"Tighten tagging of '{persona.Name}': {Pct(e.Observed)} of tagged people come from outside its ICP and fit it worse than the rest ({F(leak?.OutsideMeanFit)} vs {F(leak?.InsideMeanFit)}).",
            default, default);
    }

    private static bool IsPersonaWide(SuggestionType type) =>
        type is SuggestionType.SplitPersona or SuggestionType.DeepenMessaging or SuggestionType.TightenTagging or SuggestionType.WidenIcp
            or SuggestionType.ChangeGoToMarket or SuggestionType.BuildAdvocateProgramme;

    private RevisionSuggestion ProgrammeSuggestion(Finding finding, Persona persona, Func<SuggestionType, double?, string, ImmutableArray<string>, ImmutableArray<SplitGroup>, RevisionSuggestion> make)
    {
        var e = finding.Evidence;
        var advocates = _advocates.GetValueOrDefault(persona.Id) ?? AdvocateSummary.Empty;
        var named = advocates.People.Take(ProgrammeAdvocates).Select(p => "contact:" + p.ContactId).ToImmutableArray();
        return make(SuggestionType.BuildAdvocateProgramme, Math.Round(e.Observed, 2),
            $"Build the advocacy programme of '{persona.Name}' around the few people who carry it: its most active tenth ({(long)e.Statistic} people) produced {Pct(e.Observed)} of its {e.N} contribution, referral, advocacy and co-creation events in the last {advocates.WindowDays} days. {advocates.TotalPeople} people stand out as advocates or connectors (the view 'Advocates and connectors' lists them); invite them first to co-creation, referral and community roles.",
            named, default);
    }

    /// <summary>
    /// Personas whose people extend trust through peers while the persona assumes sales-led: sales-led is its largest
    /// declared channel and drifts down, and a peer-led channel (peer referral or community) drifts up or is undeclared
    /// and significant.
    /// </summary>
    private HashSet<string> GoToMarketPersonas(List<Finding> findings)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in findings.Where(f => f.Metric == DriftMetric.TrustChannel).GroupBy(f => f.PersonaId, StringComparer.Ordinal))
        {
            if (!_personas.TryGetValue(group.Key, out var persona) || persona.TrustChannels.IsDefaultOrEmpty)
            {
                continue;
            }

            var assumesSalesLed = persona.TrustChannels.MaxBy(t => t.ExpectedShare)?.Channel == TrustModes.SalesLed;
            var salesDown = group.Any(f => f.Subject == TrustExpectation.KeyOf(TrustModes.SalesLed) && f.Evidence.Observed < f.Evidence.Expected);
            var peersUp = group.Any(f => f.Subject is { } s && TrustExpectation.TryParse(s, out var c) && TrustExpectation.IsPeerLed(c)
                && (f.Evidence.Expected is not { } x || f.Evidence.Observed > x));
            if (assumesSalesLed && salesDown && peersUp)
            {
                result.Add(persona.Id);
            }
        }

        return result;
    }

    private static RevisionSuggestion GoToMarket(Persona persona, List<Finding> trust, Finding first)
    {
        string Describe(Finding f) => f.Evidence.Expected is { } x
            ? $"{f.SubjectLabel} {Pct(f.Evidence.Observed)} (expected {Pct(x)})"
            : $"{f.SubjectLabel} {Pct(f.Evidence.Observed)} (not declared)";
        var details = trust.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Subject}={Round(f.Evidence.Observed):0.##}")).ToImmutableArray();
        return new RevisionSuggestion(
            RevisionSuggestion.MakeKey(SuggestionType.ChangeGoToMarket, persona.Id, null, null),
            SuggestionType.ChangeGoToMarket, persona.Id, persona.Version, null, null, null, details, [],
            (Severity)trust.Max(f => (int)f.Severity), [.. trust.Select(f => f.Id)],
            $"Change the go-to-market motion of '{persona.Name}': its people extend trust through peers, not through sales ({string.Join("; ", trust.Select(Describe))}, among {first.Evidence.N} people with trust recorded). Lead with referral, community and peer proof, and bring sales in once a peer has vouched; accepting sets the persona's trust channels to what people show.");
    }

    private ImmutableArray<SplitGroup> SplitGroupsOf(Finding finding) =>
        _splitGroups.TryGetValue(finding.PersonaId, out var groups) ? groups : [];

    private readonly Dictionary<string, ImmutableArray<SplitGroup>> _splitGroups = new(StringComparer.Ordinal);

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

    private string Describe(SplitGroup group, int index) =>
        $"group {index + 1} ({Pct(group.Share)} of people: {string.Join(", ", group.DefiningTraits.Select(t => _taxonomy.LabelOf(t.Dimension, t.Key)))})";

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

    private static int Priority(DriftMetric metric) => metric switch
    {
        DriftMetric.PersonaSplit => 0,
        DriftMetric.StaleTrait => 1,
        DriftMetric.EmergingTrait => 2,
        DriftMetric.TraitPrevalence => 3,
        DriftMetric.DistributionDistance or DriftMetric.PopulationStability or DriftMetric.PoorFitShare => 9,
        _ => 5,
    };

    private static double Round(double value) => Math.Round(value * 20, MidpointRounding.AwayFromZero) / 20 is var r && r > 0 ? r : Math.Round(value, 2);

    private static string Pct(double? value) =>
        value is { } v ? (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string F(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "n/a";

    private static string Q(double? value) => value switch
    {
        null => "n/a",
        < 0.001 => "< 0.001",
        { } v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
