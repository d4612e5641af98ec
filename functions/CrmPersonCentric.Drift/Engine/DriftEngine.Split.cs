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

        var split = SplitDetector.Detect(context.Population, context.PersonaIndex, context.Fits, _options.SplitSampleSize, _options.MaxSplitGroups);
        if (split is null)
        {
            return null;
        }

        var minimumShare = rule.EffectiveParameter;
        var meets = split.Silhouette >= rule.Threshold && split.Groups.All(g => g.Share >= minimumShare);
        candidates.Add(new Candidate(rule, persona, null, "split", null,
            new Evidence(split.SampleSize, split.Silhouette, rule.Threshold, null, null, "silhouette", split.Silhouette, null, null, rule.MinimumSample),
            split.Silhouette, meets, -1));
        return split;
    }
}
