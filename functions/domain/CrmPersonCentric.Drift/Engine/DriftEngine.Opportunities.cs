using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>Trust channels (drift, tested like behaviour shares), messages that land and concentrated advocacy (opportunities).</summary>
public sealed partial class DriftEngine
{
    /// <summary>Fewest responders a theme needs before it is compared (a theme two people answered says nothing).</summary>
    public const int MinimumThemeResponders = 5;

    /// <summary>Fewest people who showed any advocacy behaviour before its concentration is measured.</summary>
    public const int MinimumAdvocacyPeople = 10;

    private static void AddTrustCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        if (persona.TrustChannels.IsDefaultOrEmpty)
        {
            return;
        }

        var n = context.Stats.TrustRecorded;
        for (var k = 0; k < TrustExpectation.Channels.Count; k++)
        {
            var channel = TrustExpectation.Channels[k];
            var key = TrustExpectation.KeyOf(channel);
            var label = TrustExpectation.LabelOf(channel);
            var declared = persona.TrustChannels.FirstOrDefault(t => t.Channel == channel);
            if (n < rule.MinimumSample)
            {
                if (declared is not null)
                {
                    candidates.Add(Insufficient(rule, persona, n, null, key, label));
                }

                continue;
            }

            var count = context.Stats.TrustCounts[k];
            var observed = (double)count / n;
            var interval = WilsonInterval.Compute(count, n);
            if (declared is not null)
            {
                var index = tests.Register(
                    string.Create(CultureInfo.InvariantCulture, $"trust:{context.PersonaIndex}:{key}"),
                    () => ProportionTest.TwoSided(count, n, declared.ExpectedShare));
                var difference = Math.Abs(observed - declared.ExpectedShare);
                candidates.Add(new Candidate(rule, persona, null, key, label,
                    new Evidence(n, observed, declared.ExpectedShare, interval.Low, interval.High, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
                    difference, difference >= rule.Threshold, index));
            }
            else
            {
                var index = tests.Register(
                    string.Create(CultureInfo.InvariantCulture, $"trust-undeclared:{context.PersonaIndex}:{key}:{rule.Threshold:R}"),
                    () => ProportionTest.Greater(count, n, rule.Threshold));
                candidates.Add(new Candidate(rule, persona, null, key, label,
                    new Evidence(n, observed, null, interval.Low, interval.High, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
                    observed, observed > rule.Threshold, index));
            }
        }
    }

    /// <summary>
    /// Per theme, its response share against the persona's mean share per theme over the other themes of the same layer:
    /// themes of one layer are sent to comparable audiences, while a deeper or shallower layer differs in exposure as
    /// much as in appeal. A theme alone in its layer is shown but not tested.
    /// </summary>
    private void AddThemeCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var n = context.Stats.N;
        var responders = context.Stats.ThemeResponders[context.WindowIndex(rule.WindowDays)];
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
            candidates.Add(new Candidate(rule, persona, null, "theme:" + key, _options.Themes.LabelOf(key),
                new Evidence(n, observed, baseline, interval.Low, interval.High, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
                lift, lift >= rule.Threshold, index, Opportunity: true));
        }
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

    private static void AddConcentrationCandidate(PersonaContext context, DriftRule rule, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var (share, events, people) = TopDecileShare(context.Stats.AdvocacyTotals);
        if (events < rule.MinimumSample || people < MinimumAdvocacyPeople)
        {
            candidates.Add(Insufficient(rule, persona, events, null, "advocacy"));
            return;
        }

        var top = (long)Math.Ceiling(people / 10.0);
        candidates.Add(new Candidate(rule, persona, null, "advocacy", "Advocacy",
            new Evidence(events, share!.Value, rule.Threshold, null, null, "people in the top tenth", top, null, null, rule.MinimumSample),
            share.Value, share.Value >= rule.Threshold, -1, Opportunity: true));
    }

    /// <summary>How the persona's people extend trust, per channel.</summary>
    private static ImmutableArray<TrustObservation> TrustRows(PersonaContext context)
    {
        var stats = context.Stats;
        var n = stats.TrustRecorded;
        return [.. TrustExpectation.Channels.Select((channel, k) =>
        {
            var interval = n == 0 ? new Interval(0, 0) : WilsonInterval.Compute(stats.TrustCounts[k], n);
            return new TrustObservation(TrustExpectation.KeyOf(channel), TrustExpectation.LabelOf(channel), stats.TrustCounts[k],
                n == 0 ? 0 : Math.Round((double)stats.TrustCounts[k] / n, 4), Math.Round(interval.Low, 4), Math.Round(interval.High, 4),
                context.Shape.Persona.TrustChannels.FirstOrDefault(t => t.Channel == channel)?.ExpectedShare);
        })];
    }

    /// <summary>How each theme lands in the window, best first.</summary>
    private ImmutableArray<ThemeObservation> ThemeRows(PersonaContext context, int windowDays)
    {
        var n = context.Stats.N;
        var responders = context.Stats.ThemeResponders[context.WindowIndex(windowDays)];
        if (n == 0)
        {
            return [];
        }

        var totals = LayerTotals(responders, context.Population.ThemeLayers);
        var rows = new List<ThemeObservation>();
        for (var t = 0; t < responders.Length; t++)
        {
            if (responders[t] == 0)
            {
                continue;
            }

            var key = context.Population.Themes[t];
            var entry = _options.Themes.Find(key);
            var interval = WilsonInterval.Compute(responders[t], n);
            var baseline = ThemeBaseline(responders, context.Population.ThemeLayers, totals, t, n) is var (others, trials) ? (double)others / trials : (double?)null;
            var addresses = entry is { Dimension: { } dimension }
                ? dimension.ToDisplayName().ToLowerInvariant() + (entry.Trait is { } trait ? ": " + _options.Taxonomy.LabelOf(dimension, trait) : string.Empty)
                : null;
            rows.Add(new ThemeObservation(key, _options.Themes.LabelOf(key), responders[t], Math.Round((double)responders[t] / n, 4),
                Math.Round(interval.Low, 4), Math.Round(interval.High, 4), baseline is { } b ? Math.Round(b, 4) : null, addresses, context.Population.ThemeLayers[t]));
        }

        return [.. rows.OrderBy(r => r.Layer).ThenByDescending(r => r.Share).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }
}
