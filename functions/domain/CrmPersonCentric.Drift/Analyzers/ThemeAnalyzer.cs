using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>
/// Messages that land (an opportunity, never drift): per theme, its response share against the persona's mean share per
/// theme over the other themes of the same layer. Themes of one layer are sent to comparable audiences, while a deeper
/// or shallower layer differs in exposure as much as in appeal. A theme alone in its layer is shown but not tested.
/// </summary>
public sealed class ThemeAnalyzer : DriftAnalyzer
{
    /// <summary>Fewest responders a theme needs before it is compared (a theme two people answered says nothing).</summary>
    public const int MinimumThemeResponders = 5;

    private EvaluationRun _run = null!;

    /// <summary>Per persona, window and theme: people who responded to it within the window.</summary>
    private long[][][] _responders = [];

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.MessageTheme];

    internal override bool CountsContacts => true;

    internal override void Begin(EvaluationRun run)
    {
        _run = run;
        _responders = [.. run.Shapes.Select(_ => run.Windows.Select(_ => new long[run.Population.Themes.Count]).ToArray())];
    }

    internal override void Add(in ContactView contact)
    {
        var responses = _run.Population.ThemeResponses;
        var from = responses.Offsets[contact.Contact];
        var to = responses.Offsets[contact.Contact + 1];
        if (to <= from)
        {
            return;
        }

        var windows = _run.Windows;
        var responders = _responders[contact.Persona];
        for (var wi = 0; wi < windows.Length; wi++)
        {
            for (var i = from; i < to; i++)
            {
                if (responses.Days[i] < windows[wi])
                {
                    responders[wi][responses.ThemeIds[i]]++;
                }
            }
        }
    }

    internal override void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var n = context.Counts.N;
        var responders = _responders[context.PersonaIndex][context.WindowIndex(rule.WindowDays)];
        var layers = context.Population.ThemeLayers;
        var totals = LayerTotals(responders, layers);
        if (!totals.Themes.Any(count => count >= 2))
        {
            return;
        }

        if (n < rule.MinimumSample)
        {
            candidates.Add(Insufficient(rule, persona, n, null, "themes", "Messaging themes"));
            return;
        }

        for (var t = 0; t < responders.Length; t++)
        {
            var count = responders[t];
            if (count < MinimumThemeResponders || ThemeBaseline(responders, layers, totals, t, n) is not var (others, otherTrials))
            {
                continue;
            }

            var key = context.Population.Themes[t];
            var baseline = (double)others / otherTrials;
            var observed = (double)count / n;
            var interval = WilsonInterval.Compute(count, n);
            var index = tests.Register(
                string.Create(CultureInfo.InvariantCulture, $"theme:{context.PersonaIndex}:{key}:{rule.WindowDays}"),
                () => ProportionTest.TwoSampleGreater(count, n, others, otherTrials));
            var lift = baseline > 0 ? (observed / baseline) - 1 : 100;
            candidates.Add(new Candidate(rule, persona, null, "theme:" + key, context.Options.Themes.LabelOf(key),
                new Evidence(n, observed, baseline, interval.Low, interval.High, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
                lift, lift >= rule.Threshold, index, Opportunity: true));
        }
    }

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (_, subject, _, _, _, _, _) = Wording.Parts(candidate, taxonomy);
        return $"The message '{subject}' lands: {Wording.Pct(e.Observed)} of its people responded, against {Wording.Pct(e.Expected)} for its other messages of the same kind.";
    }

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (persona, subject, _, ci, _, _, _) = Wording.Parts(candidate, taxonomy);
        return $"The theme '{subject}' lands with '{persona}': {Wording.Pct(e.Observed)} of its {Wording.People(e.N)} responded to it in the last {candidate.Rule.WindowDays} days{ci}, against {Wording.Pct(e.Expected)} on average for its other themes of the same messaging layer ({Wording.F(e.Observed / Math.Max(e.Expected ?? 0, 1e-9))}×; {Wording.QIs(e.QValue)}). Responses are counted per person, not per send: a theme sent to fewer people reads low.";
    }

    internal override RevisionSuggestion? Suggest(Finding finding, Persona persona, SuggestionContext context)
    {
        if (finding.Subject is not { } themeSubject)
        {
            return null;
        }

        var e = finding.Evidence;
        var themeKey = themeSubject["theme:".Length..];
        var theme = context.Themes.Find(themeKey);
        var addresses = theme is { Dimension: { } d } ? $" It speaks to the {d.ToDisplayName().ToLowerInvariant()}{(theme.Trait is { } trait ? $" '{context.Taxonomy.LabelOf(d, trait)}'" : string.Empty)}." : string.Empty;
        return SuggestionContext.Make(finding, persona, SuggestionType.LeadWithTheme, null,
            $"Lead with the theme '{finding.SubjectLabel}' for '{persona.Name}': {SuggestionContext.Pct(e.Observed)} of its {Wording.People(e.N)} responded to it in the window (95% CI {SuggestionContext.Pct(e.IntervalLow)}–{SuggestionContext.Pct(e.IntervalHigh)}) against {SuggestionContext.Pct(e.Expected)} on average for its other themes of the same layer ({Wording.QIs(e.QValue)}).{addresses}",
            [$"theme:{themeKey}"]);
    }

    /// <summary>How each theme lands in the window of the persona's first theme rule (90 days without one), best first within each layer.</summary>
    internal override PersonaSummary Summarize(PersonaContext context, PersonaSummary summary)
    {
        var windowDays = context.RuleFor(DriftMetric.MessageTheme)?.WindowDays ?? 90;
        var n = context.Counts.N;
        var responders = _responders[context.PersonaIndex][context.WindowIndex(windowDays)];
        if (n == 0)
        {
            return summary with { Themes = [] };
        }

        var options = context.Options;
        var totals = LayerTotals(responders, context.Population.ThemeLayers);
        var rows = new List<ThemeObservation>();
        for (var t = 0; t < responders.Length; t++)
        {
            if (responders[t] == 0)
            {
                continue;
            }

            var key = context.Population.Themes[t];
            var entry = options.Themes.Find(key);
            var interval = WilsonInterval.Compute(responders[t], n);
            var baseline = ThemeBaseline(responders, context.Population.ThemeLayers, totals, t, n) is var (others, trials) ? (double)others / trials : (double?)null;
            var addresses = entry is { Dimension: { } dimension }
                ? dimension.ToDisplayName().ToLowerInvariant() + (entry.Trait is { } trait ? ": " + options.Taxonomy.LabelOf(dimension, trait) : string.Empty)
                : null;
            rows.Add(new ThemeObservation(key, options.Themes.LabelOf(key), responders[t], Math.Round((double)responders[t] / n, 4),
                Math.Round(interval.Low, 4), Math.Round(interval.High, 4), baseline is { } b ? Math.Round(b, 4) : null, addresses, context.Population.ThemeLayers[t]));
        }

        return summary with { Themes = [.. rows.OrderBy(r => r.Layer).ThenByDescending(r => r.Share).ThenBy(r => r.Key, StringComparer.Ordinal)] };
    }

    /// <summary>The responses to the other themes of theme t's layer and their trials (people × themes); null when t has no responders or is alone in its layer.</summary>
    private static (long Others, long Trials)? ThemeBaseline(long[] responders, int[] layers, (long[] Sums, int[] Themes) totals, int t, long n)
    {
        if (responders[t] == 0 || n == 0)
        {
            return null;
        }

        var layer = layers[t];
        var themes = totals.Themes[layer] - 1;
        return themes == 0 ? null : (totals.Sums[layer] - responders[t], n * themes);
    }

    /// <summary>Per layer (1–4), the responses to its themes and how many themes were answered: one pass, so comparing every theme stays linear.</summary>
    private static (long[] Sums, int[] Themes) LayerTotals(long[] responders, int[] layers)
    {
        var sums = new long[5];
        var themes = new int[5];
        for (var t = 0; t < responders.Length; t++)
        {
            if (responders[t] > 0)
            {
                sums[layers[t]] += responders[t];
                themes[layers[t]]++;
            }
        }

        return (sums, themes);
    }
}
