using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Fit;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>
/// How well people fit their persona, and whether one persona hides several: the share of poor fits (too loose a
/// tagging), and well-separated groups among its people (split detection, calibrated against the same people with their
/// traits made independent). The fits themselves are the engine's, computed in the pass.
/// </summary>
public sealed class FitAnalyzer : DriftAnalyzer
{
    /// <summary>Share of the threshold the silhouette must exceed its null by (set from the calibration runs, see docs/architecture.md).</summary>
    private const double SplitCalibration = 0.5;

    private SplitResult?[] _splits = [];

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.PoorFitShare, DriftMetric.PersonaSplit];

    internal override void Begin(EvaluationRun run) => _splits = new SplitResult?[run.Shapes.Length];

    internal override void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        if (rule.Metric == DriftMetric.PoorFitShare)
        {
            AddShareCandidate(context, rule, tests, candidates, context.Counts.WithFit, PoorFits(context, rule.EffectiveParameter), "poor-fit");
        }
        else
        {
            // The first split rule of the persona that finds groups decides them (the summary shows those groups).
            _splits[context.PersonaIndex] ??= AddSplitCandidate(context, rule, candidates);
        }
    }

    private static SplitResult? AddSplitCandidate(PersonaContext context, DriftRule rule, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        if (context.Counts.WithFit < rule.MinimumSample)
        {
            candidates.Add(Insufficient(rule, persona, context.Counts.WithFit, null, "split"));
            return null;
        }

        var options = context.Options;
        var keep = SplitTraits(context);
        var members = SplitDetector.Sample(context.Population, context.PersonaIndex, context.Counts.AnyRecorded, options.SplitSampleSize);
        var split = SplitDetector.Detect(context.Population, members, context.Run.Fits, options.MaxSplitGroups, keep);
        if (split is null)
        {
            return null;
        }

        // Calibration: only a silhouette that could be a finding is checked against the same sample with its traits made
        // independent (the null keeps prevalences and recording patterns); the effect is what lies beyond that: the
        // silhouette must exceed the null's median (or 0) by half the threshold. That test holds for every median up to
        // some value and none above, so the null's draws stop once most of them agree.
        var minimumShare = rule.EffectiveParameter;
        var meets = split.Silhouette >= rule.Threshold && split.Groups.All(g => g.Share >= minimumShare)
            && SplitDetector.NullMedianPasses(context.Population, context.PersonaIndex, members, options.MaxSplitGroups, keep,
                baseline => split.Silhouette - Math.Max(0, baseline) >= rule.Threshold * SplitCalibration);
        candidates.Add(new Candidate(rule, persona, null, "split", null,
            new Evidence(split.SampleSize, split.Silhouette, rule.Threshold, null, null, "silhouette", split.Silhouette, null, null, rule.MinimumSample),
            split.Silhouette, meets, -1));
        return split;
    }

    /// <summary>The traits split detection uses: declared ones, and undeclared ones outside the long tail.</summary>
    private static bool[] SplitTraits(PersonaContext context)
    {
        var catalog = context.Population.Traits;
        var keep = new bool[catalog.Count];
        for (var t = 0; t < keep.Length; t++)
        {
            keep[t] = context.Shape.Weights[t] > 0
                || context.Counts.TraitCounts[t] >= DistributionAnalyzer.LongTailCount(context.Counts.Recorded[(int)catalog.DimensionOf(t)]);
        }

        return keep;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long PoorFits(PersonaContext context, double cutoff)
    {
        long poor = 0;
        var personas = context.Population.PersonaIndex;
        var fits = context.Run.Fits;
        for (var c = 0; c < fits.Length; c++)
        {
            if (personas[c] == context.PersonaIndex && fits[c] < cutoff)
            {
                poor++;
            }
        }

        return poor;
    }

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy) =>
        candidate.Rule.Metric == DriftMetric.PoorFitShare
            ? $"{Wording.Pct(candidate.Evidence.Observed)} of its people fit it poorly."
            : "Its people fall into separate groups: one persona is hiding several.";

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (persona, _, _, ci, _, _, _) = Wording.Parts(candidate, taxonomy);
        return candidate.Rule.Metric == DriftMetric.PoorFitShare
            ? $"{Wording.Pct(e.Observed)} of the {e.N} profiled people tagged '{persona}' fit it poorly (fit below {Wording.F(candidate.Rule.EffectiveParameter)}){ci}, more than the {Wording.Pct(e.Expected)} tolerated ({Wording.QIs(e.QValue)})."
            : $"The people tagged '{persona}' fall into well-separated groups (mean silhouette {Wording.F(e.Observed)} on {Wording.People(e.N)}, threshold {Wording.F(e.Expected)}). One persona is hiding several.";
    }

    internal override RevisionSuggestion? Suggest(Finding finding, Persona persona, SuggestionContext context)
    {
        if (finding.Metric == DriftMetric.PersonaSplit)
        {
            var groups = context.SplitGroups.TryGetValue(finding.PersonaId, out var found) ? found : [];
            return SuggestionContext.Make(finding, persona, SuggestionType.SplitPersona, groups.Length,
                $"Split '{persona.Name}' into {groups.Length} personas: {string.Join("; ", groups.Select((g, i) => Describe(g, i, context.Taxonomy)))}.", groups: groups);
        }

        // Poor fit in a persona that splits backs the split; otherwise tagging is too loose.
        return context.SplittingPersonas.Contains(persona.Id)
            ? null
            : SuggestionContext.Make(finding, persona, SuggestionType.TightenTagging, null,
                $"Tighten tagging of '{persona.Name}': {SuggestionContext.Pct(finding.Evidence.Observed)} of tagged people fit it poorly. Review who tags contacts with it, and retag them.");
    }

    internal override int SuggestionPriority(DriftMetric metric) => metric == DriftMetric.PersonaSplit ? 0 : 9;

    private static string Describe(SplitGroup group, int index, TraitTaxonomy taxonomy) =>
        $"group {index + 1} ({SuggestionContext.Pct(group.Share)} of people: {string.Join(", ", group.DefiningTraits.Select(t => taxonomy.LabelOf(t.Dimension, t.Key)))})";

    /// <summary>The poor-fit share (at the cut-off of the persona's first poor-fit rule) and the groups split detection found, when they stand out.</summary>
    internal override PersonaSummary Summarize(PersonaContext context, PersonaSummary summary)
    {
        var counts = context.Counts;
        var split = _splits[context.PersonaIndex];
        var poorCutoff = context.RuleFor(DriftMetric.PoorFitShare)?.EffectiveParameter ?? PersonaFit.DefaultPoorFitCutoff;
        var splitRule = context.RuleFor(DriftMetric.PersonaSplit);
        var showGroups = split is not null && splitRule is not null
            && split.Silhouette >= splitRule.Threshold && split.Groups.All(g => g.Share >= splitRule.EffectiveParameter);
        return summary with
        {
            PoorFitShare = counts.WithFit == 0 ? 0 : Math.Round((double)PoorFits(context, poorCutoff) / counts.WithFit, 4),
            Groups = showGroups ? split!.Groups : [],
            Silhouette = split is null ? null : Math.Round(split.Silhouette, 4),
        };
    }
}
