using CrmPersonCentric.Application.History;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Reports.View;

/// <summary>
/// Turns an owner's slice of an evaluation into what the report shows: each persona's coherent status, the actions
/// that matter this week (by urgency, then by how far people are from the persona), what changed, and the trend charts.
/// </summary>
public static class OwnerViews
{
    /// <summary>Actions shown first, before the personas (the rest are in each persona's section).</summary>
    public const int TopActions = 5;

    /// <summary>Builds an owner's report view.</summary>
    /// <param name="report">The owner's slice.</param>
    /// <param name="filesSideBySide">True when the full report sits beside the digest (cpc's output folder), so the digest can link to it by name.</param>
    public static OwnerView Build(OwnerReport report, bool filesSideBySide = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var links = new ActLinks(report.Links);
        var personas = report.Personas.Select(p => Persona(report, links, p)).ToList();
        var actions = report.Personas.SelectMany(p => Actions(report, links, p, personas.First(v => v.Summary.PersonaId == p.PersonaId)))
            .OrderBy(a => a.Tone).ThenByDescending(a => a.Effect).ThenBy(a => a.PersonaName, StringComparer.Ordinal).ToList();
        return new OwnerView(report, actions, [.. personas.OrderBy(p => p.State).ThenByDescending(p => p.Summary.TaggedPeople)], Changes(report), links)
        {
            FullReportLink = ActLinks.FullReport(report.Links, report.Folder, report.FileName, filesSideBySide),
        };
    }

    /// <summary>A persona's anchor in its owner's report.</summary>
    public static string Anchor(string personaId) => "persona-" + Slug(personaId);

    /// <summary>The state's words ("Drifting: critical", "Needs work").</summary>
    public static string Label(PersonaState state) => state switch
    {
        PersonaState.Critical => "Drifting: critical",
        PersonaState.Warning => "Drifting",
        PersonaState.NeedsWork => "Needs work",
        PersonaState.Opportunity => "Opportunity",
        _ => "Healthy",
    };

    /// <summary>The state after a count of personas ("3 personas drifting").</summary>
    public static string Summary(PersonaState state) => state switch
    {
        PersonaState.Critical => "drifting (critical)",
        PersonaState.Warning => "drifting",
        PersonaState.NeedsWork => "needing work",
        PersonaState.Opportunity => "with an opportunity",
        _ => "healthy",
    };

    /// <summary>The state's look.</summary>
    public static Tone ToneOf(PersonaState state) => state switch
    {
        PersonaState.Critical => Tone.Critical,
        PersonaState.Warning => Tone.Warning,
        PersonaState.NeedsWork => Tone.Work,
        PersonaState.Opportunity => Tone.Opportunity,
        _ => Tone.Good,
    };

    /// <summary>
    /// Where a persona stands, the same in every report, the digest and cpc's console: drift by its most severe finding;
    /// else needs work (a depth gap in the definition, thin data, or a journey most of its people met through one
    /// function only); else an opportunity; else healthy.
    /// </summary>
    public static PersonaState StateOf(PersonaSummary persona, IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(persona);
        ArgumentNullException.ThrowIfNull(findings);
        var own = findings.Where(f => f.PersonaId == persona.PersonaId).ToList();
        var drift = own.Where(f => f.Status == FindingStatus.Drift).ToList();
        if (drift.Count > 0)
        {
            return drift.Max(f => f.Severity) == Severity.Critical ? PersonaState.Critical : PersonaState.Warning;
        }

        if (!persona.Depth.IsEmpty || own.Any(f => f.Status == FindingStatus.DataQuality))
        {
            return PersonaState.NeedsWork;
        }

        return own.Any(f => f.Status == FindingStatus.Opportunity) ? PersonaState.Opportunity : PersonaState.Healthy;
    }

    private static PersonaView Persona(OwnerReport report, ActLinks links, PersonaSummary p)
    {
        var anchor = Anchor(p.PersonaId);
        var findings = report.Findings.Where(f => f.PersonaId == p.PersonaId).ToList();
        var drift = findings.Where(f => f.Status == FindingStatus.Drift).OrderByDescending(f => f.Severity).ThenByDescending(Effect).ToList();
        var opportunities = findings.Where(f => f.Status == FindingStatus.Opportunity).ToList();
        var needsWork = new List<FindingView>();
        needsWork.AddRange(p.Depth.Select((d, i) => new FindingView($"{anchor}-depth-{i + 1}", Tone.Work, "definition", d.Message, [], "What to do: " + d.Action)));
        needsWork.AddRange(findings.Where(f => f.Status == FindingStatus.DataQuality).Select(f => Finding(f, anchor, Tone.Work, "data")));
        var state = StateOf(p, findings);
        var also = new List<string>();
        if (state < PersonaState.NeedsWork && needsWork.Count > 0)
        {
            also.Add($"needs work ({Say.Count(needsWork.Count, "item", "items")})");
        }

        if (state < PersonaState.Opportunity && opportunities.Count > 0)
        {
            also.Add(Say.Count(opportunities.Count, "opportunity", "opportunities"));
        }

        var byId = findings.ToDictionary(f => f.Id, StringComparer.Ordinal);
        var suggestions = Suggestions(report, p).Select((s, i) =>
        {
            var evidence = s.FindingIds.Select(id => byId.GetValueOrDefault(id)).OfType<Finding>().ToList();
            return new SuggestionView(
                $"{anchor}-suggestion-{i + 1}",
                SuggestionTone(s, evidence),
                s.Title,
                evidence.FirstOrDefault()?.Headline is { Length: > 0 } why ? why : null,
                [s.Rationale],
                links.Revision(report.RevisionRows.TryGetValue(s.Key, out var row) ? row : null),
                [.. evidence.Select(f => Finding(f, anchor, f.Status == FindingStatus.Opportunity ? Tone.Opportunity : ToneOf(f.Severity), SeverityWord(f.Severity)))]);
        }).ToList();
        // Drift a suggestion explains is told inside it (How we know); the rest is listed on its own.
        var explained = report.Suggestions.Where(s => s.PersonaId == p.PersonaId).SelectMany(s => s.FindingIds).ToHashSet(StringComparer.Ordinal);
        var insufficient = findings.Where(f => f.Status == FindingStatus.InsufficientEvidence).Select(f => f.Headline).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var worklist = report.Worklists.IsDefault ? null : report.Worklists.FirstOrDefault(w => w.PersonaId == p.PersonaId);
        return new PersonaView(
            p,
            anchor,
            state,
            also,
            links.Persona(p.PersonaId),
            suggestions,
            [.. drift.Where(f => !explained.Contains(f.Id)).Select(f => Finding(f, anchor, ToneOf(f.Severity), SeverityWord(f.Severity)))],
            needsWork,
            [.. opportunities.Where(f => !explained.Contains(f.Id)).Select(f => Finding(f, anchor, Tone.Opportunity, "opportunity"))],
            insufficient,
            TrendCharts.For(p, report.History, drift, report.Taxonomy),
            worklist)
        {
            DriftingTraits = drift.Where(f => f.Dimension is not null && f.Subject is not null).Select(f => (f.Dimension!.Value, f.Subject!)).ToHashSet(),
        };
    }

    private static IEnumerable<ActionItem> Actions(OwnerReport report, ActLinks links, PersonaSummary p, PersonaView view)
    {
        var findings = report.Findings.Where(f => f.PersonaId == p.PersonaId).ToList();
        var byId = findings.ToDictionary(f => f.Id, StringComparer.Ordinal);
        var explained = new HashSet<string>(StringComparer.Ordinal);
        var suggestions = Suggestions(report, p);
        for (var i = 0; i < suggestions.Count; i++)
        {
            var s = suggestions[i];
            var evidence = s.FindingIds.Select(id => byId.GetValueOrDefault(id)).OfType<Finding>().ToList();
            explained.UnionWith(s.FindingIds);
            var act = view.Suggestions[i].ActLink;
            yield return new ActionItem(view.Suggestions[i].Tone, evidence.Count == 0 ? 0 : evidence.Max(Effect), p.Name, s.Title, view.Suggestions[i].Why, view.Suggestions[i].Anchor,
                act ?? view.FormLink, act is not null ? "Accept or reject" : view.FormLink is not null ? "Open the persona" : null);
        }

        foreach (var f in findings.Where(f => f.Status == FindingStatus.Drift && !explained.Contains(f.Id)))
        {
            yield return new ActionItem(ToneOf(f.Severity), Effect(f), p.Name, f.Headline, null, FindingAnchor(view.Anchor, f), view.FormLink, view.FormLink is null ? null : "Open the persona");
        }

        if (!p.Depth.IsEmpty)
        {
            yield return new ActionItem(Tone.Work, 0, p.Name, $"Complete the definition: {Say.Count(p.Depth.Length, "gap", "gaps")} to fill before it can guide sales and marketing",
                p.Depth[0].Message, view.Anchor + "-work", view.FormLink, view.FormLink is null ? null : "Open the persona");
        }

        var enrich = links.ContactView(ActLinks.EnrichmentView);
        foreach (var f in findings.Where(f => f.Status == FindingStatus.DataQuality && f.Subject != Drift.Analyzers.TraitAnalyzer.RecordingDepthSubject))
        {
            yield return new ActionItem(Tone.Work, 0, p.Name, f.Headline, null, FindingAnchor(view.Anchor, f), enrich, enrich is null ? null : "Open Contacts to enrich");
        }

        // Under-recording is one habit of the people who record, whatever the dimension: one action per persona.
        var depth = findings.Where(f => f.Status == FindingStatus.DataQuality && f.Subject == Drift.Analyzers.TraitAnalyzer.RecordingDepthSubject && f.Dimension is not null).ToList();
        if (depth.Count == 1)
        {
            yield return new ActionItem(Tone.Work, 0, p.Name, depth[0].Headline, null, FindingAnchor(view.Anchor, depth[0]), null, null);
        }
        else if (depth.Count > 1)
        {
            var parts = depth.OrderBy(f => f.Evidence.Observed).Select(f => $"{f.Dimension!.Value.ToDisplayName().ToLowerInvariant()} about {Say.Pct(f.Evidence.Observed)}");
            yield return new ActionItem(Tone.Work, 0, p.Name, $"Its traits are under-recorded: of what people hold, {Say.List([.. parts])} is written down. Ask the sales team to record all they learn.", null, FindingAnchor(view.Anchor, depth[0]), null, null);
        }

        foreach (var f in findings.Where(f => f.Status == FindingStatus.Opportunity && !explained.Contains(f.Id)))
        {
            var advocates = f.Metric == DriftMetric.AdvocacyConcentration ? links.ContactView(ActLinks.AdvocatesView) : null;
            yield return new ActionItem(Tone.Opportunity, Effect(f), p.Name, f.Headline, null, FindingAnchor(view.Anchor, f),
                advocates ?? view.FormLink, advocates is not null ? "Open Advocates and connectors" : view.FormLink is null ? null : "Open the persona");
        }
    }

    /// <summary>A persona's suggestions in the order the report lists them: by urgency (an opportunity last), then by effect.</summary>
    private static List<RevisionSuggestion> Suggestions(OwnerReport report, PersonaSummary p)
    {
        var byId = report.Findings.Where(f => f.PersonaId == p.PersonaId).ToDictionary(f => f.Id, StringComparer.Ordinal);
        List<Finding> Evidence(RevisionSuggestion s) => [.. s.FindingIds.Select(id => byId.GetValueOrDefault(id)).OfType<Finding>()];
        return [.. report.Suggestions.Where(s => s.PersonaId == p.PersonaId)
            .OrderBy(s => SuggestionTone(s, Evidence(s)))
            .ThenByDescending(s => Evidence(s).Select(Effect).DefaultIfEmpty(0).Max())
            .ThenBy(s => s.Key, StringComparer.Ordinal)];
    }

    /// <summary>A suggestion resting only on opportunities is an opportunity, whatever its severity.</summary>
    private static Tone SuggestionTone(RevisionSuggestion s, IReadOnlyList<Finding> evidence) =>
        evidence.Count > 0 && evidence.All(f => f.Status == FindingStatus.Opportunity) ? Tone.Opportunity : ToneOf(s.Severity);

    private static FindingView Finding(Finding f, string personaAnchor, Tone tone, string label) =>
        new(FindingAnchor(personaAnchor, f), tone, label, f.Headline.Length > 0 ? f.Headline : f.Rationale, HowWeKnow(f), f.Rationale);

    /// <summary>A finding's anchor: the persona's, then a slug of the finding's rule and subject (stable across runs).</summary>
    public static string FindingAnchor(string personaAnchor, Finding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return personaAnchor + "-" + Slug(f.RuleId + "-" + (f.Dimension?.ToFieldName() ?? "all") + "-" + (f.Subject ?? "all"));
    }

    /// <summary>The statistics behind a finding, each line formatted for a reader who wants them.</summary>
    public static IReadOnlyList<string> HowWeKnow(Finding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var e = f.Evidence;
        var share = IsShare(f.Metric);
        var lines = new List<string>
        {
            f.Dimension is { } d
                ? $"Based on {Say.Count(e.N, "person", "people")} with {d.ToDisplayName().ToLowerInvariant()} recorded."
                : $"Based on {Say.Count(e.N, "person", "people")}.",
        };
        var observed = share ? Say.Pct(e.Observed) : Say.F2(e.Observed);
        var interval = e.IntervalLow is { } lo && e.IntervalHigh is { } hi ? (share ? $" (95% interval {Say.Interval(lo, hi)})" : $" (95% interval {Say.F2(lo)}–{Say.F2(hi)})") : string.Empty;
        lines.Add($"Observed: {observed}{interval}.");
        if (e.Expected is { } x)
        {
            lines.Add($"{Reference(f)}: {(share ? Say.Pct(x) : Say.F2(x))}.");
        }

        lines.Add($"Test: {e.StatisticName} = {Say.F2(e.Statistic)}" + (e.QValue is { } q ? $", {Say.Q("q", q)} (false discovery rate over all the run's tests)." : "."));
        if (e.Caveat is { Length: > 0 } caveat)
        {
            lines.Add(caveat);
        }

        return lines;
    }

    /// <summary>What a finding's expected figure is: what the persona says, a threshold, or what it is compared with.</summary>
    private static string Reference(Finding f) => f.Metric switch
    {
        _ when f.Status == FindingStatus.Opportunity => "Compared with",
        DriftMetric.TraitPrevalence or DriftMetric.StaleTrait or DriftMetric.BehaviourShare or DriftMetric.BehaviourRate or DriftMetric.TrustChannel => "The persona says",
        DriftMetric.EmergingTrait => "Counts as emerging from",
        DriftMetric.ProfileCoverage => "Wanted at least",
        DriftMetric.IcpLeakage or DriftMetric.PoorFitShare => "Allowed up to",
        _ => "Compared with",
    };

    private static ChangesView Changes(OwnerReport report)
    {
        var names = report.Personas.ToDictionary(p => p.PersonaId, p => p.Name, StringComparer.Ordinal);
        string Name(string id) => names.GetValueOrDefault(id, "A persona");
        var items = new List<ChangeView>();
        foreach (var c in report.Changes.Findings)
        {
            var tone = c.Status switch
            {
                FindingStatus.Opportunity => Tone.Opportunity,
                FindingStatus.DataQuality => Tone.Work,
                _ => ToneOf(c.After ?? c.Before ?? Severity.Info),
            };
            items.Add(c.Kind switch
            {
                ChangeKind.New => new ChangeView(tone, "new", Name(c.PersonaId), c.Headline),
                ChangeKind.Worsened => new ChangeView(tone, "worse", Name(c.PersonaId), c.Headline + Moved(c)),
                ChangeKind.Improved => new ChangeView(Tone.Good, "better", Name(c.PersonaId), c.Headline + Moved(c)),
                _ => new ChangeView(Tone.Good, "resolved", Name(c.PersonaId), "No longer seen: " + c.Headline),
            });
        }

        foreach (var d in report.Decisions)
        {
            items.Add(d.Decision switch
            {
                RevisionDecision.Rejected => new ChangeView(Tone.Info, "rejected", Name(d.PersonaId), $"Rejected: {d.Title} (not suggested again for a while)."),
                RevisionDecision.Applied => new ChangeView(Tone.Good, "applied", Name(d.PersonaId), $"Applied: {d.Title}."),
                _ => new ChangeView(Tone.Good, "accepted", Name(d.PersonaId), $"Accepted: {d.Title}."),
            });
        }

        foreach (var p in report.Changes.Personas.Where(p => p.VersionChanged))
        {
            items.Add(new ChangeView(Tone.Info, "version", Name(p.PersonaId), $"The definition changed: now version {p.VersionAfter} (was {p.VersionBefore})."));
        }

        return new ChangesView(report.Changes.Since, items);
    }

    private static string Moved(FindingChange c) => c.Before is { } before && c.After is { } after && before != after
        ? $" (now {SeverityWord(after)}, was {SeverityWord(before)})"
        : c.Kind == ChangeKind.Worsened ? " (further from what the persona says)" : " (closer to what the persona says)";

    private static string SeverityWord(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.Warning => "warning",
        _ => "minor",
    };

    private static Tone ToneOf(Severity severity) => severity switch
    {
        Severity.Critical => Tone.Critical,
        Severity.Warning => Tone.Warning,
        _ => Tone.Info,
    };

    private static double Effect(Finding f) => f.Evidence.Expected is { } x && IsShare(f.Metric) ? Math.Abs(f.Evidence.Observed - x) : 0;

    /// <summary>True when a metric's figures are shares of people (else a score, a distance or a rate).</summary>
    public static bool IsShare(DriftMetric metric) =>
        metric is not (DriftMetric.DistributionDistance or DriftMetric.PopulationStability or DriftMetric.PersonaSplit or DriftMetric.BehaviourRate);

    /// <summary>A text as an id or file-name part: ASCII letters and digits in lower case, anything else a dash.</summary>
    public static string Slug(string text) =>
        new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
}
