using System.Collections.Immutable;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Fit;

namespace CrmPersonCentric.Drift.Engine;

public sealed partial class DriftEngine
{
    private PersonaSummary Summarize(PersonaContext context, SplitResult? split, ImmutableArray<DriftRule> rules)
    {
        var persona = context.Shape.Persona;
        var stats = context.Stats;
        var n = stats.N;
        // In the engine's rule order (the persona's own rules first): per metric, the rule the summary's figures follow.
        var applicable = rules.Where(r => r.AppliesTo(persona.Id)).ToArray();
        var behaviourWindow = applicable.FirstOrDefault(r => r.Metric == DriftMetric.BehaviourShare)?.WindowDays ?? 90;
        var stabilityWindow = applicable.FirstOrDefault(r => r.Metric == DriftMetric.PopulationStability)?.WindowDays ?? 90;
        var poorCutoff = applicable.FirstOrDefault(r => r.Metric == DriftMetric.PoorFitShare)?.EffectiveParameter ?? PersonaFit.DefaultPoorFitCutoff;
        var splitRule = applicable.FirstOrDefault(r => r.Metric == DriftMetric.PersonaSplit);
        var showGroups = split is not null && splitRule is not null
            && split.Silhouette >= splitRule.Threshold && split.Groups.All(g => g.Share >= splitRule.EffectiveParameter);

        return new PersonaSummary(
            persona.Id,
            persona.Name,
            persona.Owner.Id,
            persona.Version,
            n,
            stats.WithFit,
            Math.Round(stats.MeanFit, 4),
            [.. stats.FitHistogram],
            stats.WithFit == 0 ? 0 : Math.Round((double)PoorFits(context, poorCutoff) / stats.WithFit, 4),
            n == 0 ? 0 : Math.Round((double)stats.Outside / n, 4),
            n == 0 ? 0 : Math.Round((double)stats.DeepDesire / n, 4),
            (int)persona.Messaging.ReachedLayer,
            TraitRows(context),
            [.. TraitDimensions.All.Select(d => Dimension(context, d, stabilityWindow))],
            BehaviourRows(context, behaviourWindow),
            showGroups ? split!.Groups : [],
            split is null ? null : Math.Round(split.Silhouette, 4))
        {
            TrustRecorded = stats.TrustRecorded,
            Trust = TrustRows(context),
            Journey = Journey(context.Population, context),
            Themes = ThemeRows(context, applicable.FirstOrDefault(r => r.Metric == DriftMetric.MessageTheme)?.WindowDays ?? 90),
        };
    }

    /// <summary>Candidate traits listed per dimension in the summary.</summary>
    private const int CandidatesPerDimension = 10;

    private DimensionObservation Dimension(PersonaContext context, TraitDimension dimension, int stabilityWindow)
    {
        var d = (int)dimension;
        var recorded = context.Stats.Recorded[d];
        var n = context.Stats.N;
        var coverage = n == 0 ? new Interval(0, 0) : WilsonInterval.Compute(recorded, n);
        var distance = CalibratedDistance(context, dimension);
        return new DimensionObservation(
            dimension,
            Math.Round(distance.Raw, 4),
            StabilityOrNull(context, dimension, context.WindowIndex(stabilityWindow)),
            recorded,
            n == 0 ? 0 : Math.Round((double)recorded / n, 4),
            Math.Round(coverage.Low, 4),
            Math.Round(coverage.High, 4),
            Math.Round(distance.Calibrated, 4),
            RecordedBias(context, dimension),
            CandidateTraits(context, dimension));
    }

    /// <summary>The most frequent undeclared traits of a dimension that the taxonomy does not know, each with its nearest key.</summary>
    private ImmutableArray<CandidateTrait> CandidateTraits(PersonaContext context, TraitDimension dimension)
    {
        var catalog = context.Population.Traits;
        var taxonomy = _options.Taxonomy;
        var found = new List<(int Trait, int Count)>();
        for (var t = 0; t < catalog.Count; t++)
        {
            var count = context.Stats.TraitCounts[t];
            if (count > 0 && catalog.DimensionOf(t) == dimension && context.Shape.Weights[t] <= 0 && taxonomy.FindByKey(dimension, catalog[t].Key) is null)
            {
                found.Add((t, count));
            }
        }

        return [.. found.OrderByDescending(f => f.Count).ThenBy(f => catalog[f.Trait].Key, StringComparer.Ordinal).Take(CandidatesPerDimension).Select(f =>
        {
            var key = catalog[f.Trait].Key;
            var near = NearKeys.Find(taxonomy, dimension, key);
            return new CandidateTrait(dimension, key, f.Count, near?.Entry.Key, near?.Entry.Label, near is { } m ? Math.Round(m.Distance, 3) : null);
        })];
    }

    /// <summary>Trait rows on the scale of all the persona's people, estimated from those with the dimension recorded.</summary>
    private ImmutableArray<TraitObservation> TraitRows(PersonaContext context)
    {
        var catalog = context.Population.Traits;
        var rows = new List<TraitObservation>();
        for (var t = 0; t < catalog.Count; t++)
        {
            var dimension = catalog[t].Dimension;
            var n = context.Stats.Recorded[(int)dimension];
            var r = context.Shape.ExpectedRecordedShare[(int)dimension];
            var declared = context.Shape.Weights[t];
            var count = context.Stats.TraitCounts[t];
            var observed = n == 0 ? 0 : (double)count / n * r;
            if (declared <= 0 && (count == 0 || observed < _options.MinimumReportedPrevalence))
            {
                continue;
            }

            var interval = n == 0 ? new Interval(0, 1) : WilsonInterval.Compute(count, n);
            rows.Add(new TraitObservation(
                dimension,
                catalog[t].Key,
                declared > 0 ? declared : null,
                count,
                Math.Round(observed, 4),
                Math.Round(interval.Low * r, 4),
                Math.Round(interval.High * r, 4)));
        }

        return [.. rows
            .OrderBy(r => r.Dimension)
            .ThenBy(r => r.Declared is null)
            .ThenByDescending(r => r.Declared ?? r.Observed)
            .ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    private static ImmutableArray<BehaviourObservation> BehaviourRows(PersonaContext context, int windowDays)
    {
        var n = context.Stats.N;
        var w = context.WindowIndex(windowDays);
        var rows = ImmutableArray.CreateBuilder<BehaviourObservation>();
        for (var slot = 0; slot < BehaviourKeys.SlotCount; slot++)
        {
            var (type, layer) = BehaviourKeys.FromSlot(slot);
            var expectation = context.Shape.Persona.Behaviours.FirstOrDefault(b => BehaviourKeys.Slot(b.Type, b.Layer) == slot);
            var count = context.Stats.SlotPeople[w][slot];
            if (expectation is null && count == 0)
            {
                continue;
            }

            var events = EventsInWindow(context.Population, context.PersonaIndex, slot, windowDays);
            var interval = WilsonInterval.Compute(count, n);
            rows.Add(new BehaviourObservation(
                BehaviourKeys.For(type, layer),
                BehaviourKeys.DisplayName(type, layer),
                windowDays,
                expectation?.ExpectedShare,
                count,
                n == 0 ? 0 : Math.Round((double)count / n, 4),
                Math.Round(interval.Low, 4),
                Math.Round(interval.High, 4),
                events,
                expectation?.ExpectedRatePerPersonYear,
                n == 0 ? 0 : Math.Round(events / (n * windowDays / DaysPerYear), 4)));
        }

        return rows.ToImmutable();
    }

    private static double? StabilityOrNull(PersonaContext context, TraitDimension dimension, int windowIndex)
    {
        if (context.Stats.CurrentPeople[windowIndex] == 0 || context.Stats.PreviousPeople[windowIndex] == 0)
        {
            return null;
        }

        var (psi, bins, _, _) = Stability(context, dimension, windowIndex);
        return bins == 0 ? null : Math.Round(psi, 4);
    }
}
