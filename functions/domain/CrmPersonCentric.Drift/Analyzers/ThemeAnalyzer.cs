using System.Runtime.CompilerServices;
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
/// theme over the other themes of the same layer. With sends recorded (<see cref="BehaviourType.MessageSent"/>) for two
/// or more themes of a layer, those themes are compared on responses per person sent them (a theme sent to three times
/// as many people no longer looks better for it); without, on responses per tagged person, and the finding says the
/// comparison does not allow for how many were sent each theme. A theme alone in its layer is shown but not tested.
/// </summary>
public sealed class ThemeAnalyzer : DriftAnalyzer
{
    /// <summary>Fewest responders a theme needs before it is compared (a theme two people answered says nothing).</summary>
    public const int MinimumThemeResponders = 5;

    private EvaluationRun _run = null!;

    /// <summary>Fewest people sent a theme before it is compared per send.</summary>
    public const int MinimumThemeSends = 30;

    /// <summary>The statistic name of a comparison per person sent the theme.</summary>
    public const string PerSendStatistic = "z, per person sent";

    /// <summary>Per persona, window and theme: people who responded to it within the window.</summary>
    private long[][][] _responders = [];

    /// <summary>Per persona, window and theme: people sent it within the window, and those of them who also responded to it within the window.</summary>
    private long[][][] _sent = [];
    private long[][][] _sentResponders = [];

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.MessageTheme];

    internal override bool CountsContacts => true;

    internal override void Begin(EvaluationRun run)
    {
        _run = run;
        _responders = [.. run.Shapes.Select(_ => run.Windows.Select(_ => new long[run.Population.Themes.Count]).ToArray())];
        _sent = [.. run.Shapes.Select(_ => run.Windows.Select(_ => new long[run.Population.Themes.Count]).ToArray())];
        _sentResponders = [.. run.Shapes.Select(_ => run.Windows.Select(_ => new long[run.Population.Themes.Count]).ToArray())];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Add(in ContactView contact)
    {
        var responses = _run.Population.ThemeResponses;
        var from = responses.Offsets[contact.Contact];
        var to = responses.Offsets[contact.Contact + 1];
        var sends = _run.Population.ThemeExposures;
        if (sends.ThemeIds.Length > 0)
        {
            AddSends(contact, responses, from, to, sends);
        }

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
                responders[wi][responses.ThemeIds[i]] += responses.Days[i] < windows[wi] ? 1 : 0;
            }
        }
    }

    /// <summary>Counts a contact's sends per window and theme, and its responses to the themes it was sent (both lists ascend by theme).</summary>
    private void AddSends(in ContactView contact, Population.ThemeResponses responses, int from, int to, Population.ThemeResponses sends)
    {
        var sentFrom = sends.Offsets[contact.Contact];
        var sentTo = sends.Offsets[contact.Contact + 1];
        var windows = _run.Windows;
        var sent = _sent[contact.Persona];
        var answered = _sentResponders[contact.Persona];
        var r = from;
        for (var i = sentFrom; i < sentTo; i++)
        {
            var theme = sends.ThemeIds[i];
            while (r < to && responses.ThemeIds[r] < theme)
            {
                r++;
            }

            var responded = r < to && responses.ThemeIds[r] == theme ? responses.Days[r] : Population.CompactPopulation.Never;
            for (var wi = 0; wi < windows.Length; wi++)
            {
                if (sends.Days[i] < windows[wi])
                {
                    sent[wi][theme]++;
                    if (responded < windows[wi])
                    {
                        answered[wi][theme]++;
                    }
                }
            }
        }
    }

    internal override void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var n = context.Counts.N;
        var w = context.WindowIndex(rule.WindowDays);
        var responders = _responders[context.PersonaIndex][w];
        var layers = context.Population.ThemeLayers;
        var totals = LayerTotals(responders, layers);
        var sends = SendTotals(_sent[context.PersonaIndex][w], _sentResponders[context.PersonaIndex][w], layers);
        if (!totals.Themes.Any(count => count >= 2) && !sends.Themes.Any(count => count >= 2))
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
            if (sends.Themes[layers[t]] >= 2)
            {
                // Sends recorded for this layer: its themes are compared per person sent them (or not at all).
                AddPerSend(context, rule, tests, candidates, t, sends);
                continue;
            }

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
                new TestKey("theme", context.PersonaIndex, key, A: rule.WindowDays),
                () => ProportionTest.TwoSampleGreater(count, n, others, otherTrials));
            var lift = baseline > 0 ? (observed / baseline) - 1 : 100;
            candidates.Add(new Candidate(rule, persona, null, "theme:" + key, context.Options.Themes.LabelOf(key),
                new Evidence(n, observed, baseline, interval.Low, interval.High, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
                lift, lift >= rule.Threshold, index, Opportunity: true));
        }
    }

    /// <summary>A theme compared per person sent it, against the other themes of its layer with sends recorded.</summary>
    private void AddPerSend(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates, int t, (long[] Sent, long[] Answered, int[] Themes) sends)
    {
        var w = context.WindowIndex(rule.WindowDays);
        var trials = _sent[context.PersonaIndex][w][t];
        var count = _sentResponders[context.PersonaIndex][w][t];
        var layer = context.Population.ThemeLayers[t];
        if (trials < MinimumThemeSends || count < MinimumThemeResponders)
        {
            return;
        }

        var others = sends.Answered[layer] - count;
        var otherTrials = sends.Sent[layer] - trials;
        if (otherTrials <= 0)
        {
            return;
        }

        var key = context.Population.Themes[t];
        var baseline = (double)others / otherTrials;
        var observed = (double)count / trials;
        var interval = WilsonInterval.Compute(count, trials);
        var index = tests.Register(
            new TestKey("theme-sent", context.PersonaIndex, key, A: rule.WindowDays),
            () => ProportionTest.TwoSampleGreater(count, trials, others, otherTrials));
        var lift = baseline > 0 ? (observed / baseline) - 1 : 100;
        candidates.Add(new Candidate(rule, context.Shape.Persona, null, "theme:" + key, context.Options.Themes.LabelOf(key),
            new Evidence(trials, observed, baseline, interval.Low, interval.High, PerSendStatistic, tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
            lift, lift >= rule.Threshold, index, Opportunity: true));
    }

    /// <summary>Per layer, the people sent its themes (that had at least <see cref="MinimumThemeSends"/>), those of them who responded, and how many themes that is.</summary>
    private static (long[] Sent, long[] Answered, int[] Themes) SendTotals(long[] sent, long[] answered, int[] layers)
    {
        var sums = new long[5];
        var answers = new long[5];
        var themes = new int[5];
        for (var t = 0; t < sent.Length; t++)
        {
            if (sent[t] >= MinimumThemeSends)
            {
                sums[layers[t]] += sent[t];
                answers[layers[t]] += answered[t];
                themes[layers[t]]++;
            }
        }

        return (sums, answers, themes);
    }

    private static bool PerSend(Evidence e) => e.StatisticName == PerSendStatistic;

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (_, subject, _, _, _, _, _) = Wording.Parts(candidate, taxonomy);
        return PerSend(e)
            ? $"The message '{subject}' lands: {Wording.Pct(e.Observed)} of the people sent it responded, against {Wording.Pct(e.Expected)} for its other messages of the same kind."
            : $"The message '{subject}' lands: {Wording.Pct(e.Observed)} of its people responded, against {Wording.Pct(e.Expected)} for its other messages of the same kind (not allowing for how many were sent each).";
    }

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (persona, subject, _, ci, _, _, _) = Wording.Parts(candidate, taxonomy);
        return PerSend(e)
            ? $"The theme '{subject}' lands with '{persona}': {Wording.Pct(e.Observed)} of the {Wording.People(e.N)} sent it in the last {candidate.Rule.WindowDays} days responded to it{ci}, against {Wording.Pct(e.Expected)} of the people sent its other themes of the same messaging layer ({Wording.F(e.Observed / Math.Max(e.Expected ?? 0, 1e-9))}×; {Wording.QIs(e.QValue)}). Compared per person sent each theme, so how widely a theme went out does not count for it."
            : $"The theme '{subject}' lands with '{persona}': {Wording.Pct(e.Observed)} of its {Wording.People(e.N)} responded to it in the last {candidate.Rule.WindowDays} days{ci}, against {Wording.Pct(e.Expected)} on average for its other themes of the same messaging layer ({Wording.F(e.Observed / Math.Max(e.Expected ?? 0, 1e-9))}×; {Wording.QIs(e.QValue)}). No sends are recorded for these themes, so they are compared on responses per tagged person: a theme sent to more people reads higher for that alone. Record messageSent signals to compare them per send.";
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
            PerSend(e)
                ? $"Lead with the theme '{finding.SubjectLabel}' for '{persona.Name}': {SuggestionContext.Pct(e.Observed)} of the {Wording.People(e.N)} sent it responded in the window (95% CI {SuggestionContext.Pct(e.IntervalLow)}–{SuggestionContext.Pct(e.IntervalHigh)}) against {SuggestionContext.Pct(e.Expected)} for its other themes of the same layer, per person sent ({Wording.QIs(e.QValue)}).{addresses}"
                : $"Lead with the theme '{finding.SubjectLabel}' for '{persona.Name}': {SuggestionContext.Pct(e.Observed)} of its {Wording.People(e.N)} responded to it in the window (95% CI {SuggestionContext.Pct(e.IntervalLow)}–{SuggestionContext.Pct(e.IntervalHigh)}) against {SuggestionContext.Pct(e.Expected)} on average for its other themes of the same layer ({Wording.QIs(e.QValue)}); no sends are recorded, so a theme sent more widely reads higher for that alone.{addresses}",
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
