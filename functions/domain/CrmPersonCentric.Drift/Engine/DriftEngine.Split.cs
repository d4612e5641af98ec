using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Drift.Engine;

public sealed partial class DriftEngine
{
    private SplitResult? AddSplitCandidate(PersonaContext context, DriftRule rule, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        if (context.Stats.WithFit < rule.MinimumSample)
        {
            candidates.Add(Insufficient(rule, persona, context.Stats.WithFit, null, "split"));
            return null;
        }

        var keep = SplitTraits(context);
        var split = SplitDetector.Detect(context.Population, context.PersonaIndex, context.Fits, _options.SplitSampleSize, _options.MaxSplitGroups, keep);
        if (split is null)
        {
            return null;
        }

        // Calibration: only a silhouette that could be a finding is checked against the same sample with its traits made
        // independent (the null keeps prevalences and recording patterns); the effect is what lies beyond that.
        var minimumShare = rule.EffectiveParameter;
        var effect = split.Silhouette;
        double? baseline = null;
        if (split.Silhouette >= rule.Threshold && split.Groups.All(g => g.Share >= minimumShare))
        {
            baseline = SplitDetector.NullSilhouette(context.Population, context.PersonaIndex, _options.SplitSampleSize, _options.MaxSplitGroups, keep);
            effect = split.Silhouette - Math.Max(0, baseline.Value);
        }

        var meets = baseline is not null && effect >= rule.Threshold * SplitCalibration;
        var calibrated = split with { Silhouette = split.Silhouette, Baseline = baseline };
        candidates.Add(new Candidate(rule, persona, null, "split", null,
            new Evidence(split.SampleSize, split.Silhouette, rule.Threshold, null, null, "silhouette", split.Silhouette, null, null, rule.MinimumSample),
            split.Silhouette, meets, -1));
        return calibrated;
    }

    /// <summary>Share of the threshold the silhouette must exceed its null by (set from the calibration runs, see docs/architecture.md).</summary>
    private const double SplitCalibration = 0.5;

    /// <summary>The traits split detection uses: declared ones, and undeclared ones outside the long tail.</summary>
    private static bool[] SplitTraits(PersonaContext context)
    {
        var catalog = context.Population.Traits;
        var keep = new bool[catalog.Count];
        for (var t = 0; t < keep.Length; t++)
        {
            keep[t] = context.Shape.Weights[t] > 0
                || context.Stats.TraitCounts[t] >= LongTailCount(context.Stats.Recorded[(int)catalog.DimensionOf(t)]);
        }

        return keep;
    }
}
