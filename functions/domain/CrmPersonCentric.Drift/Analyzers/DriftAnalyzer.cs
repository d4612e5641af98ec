using System.Collections.Immutable;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>
/// One family of findings, whole: the counts it needs (fed in the engine's single pass over the population), its
/// candidates and their tests, the words that explain a finding, the revision it suggests and its rows of the persona
/// summary. The engine owns what is common (validation, the pass, one Benjamini–Hochberg adjustment over every test of
/// the run, findings, the suggestions' de-duplication); adding a metric is one analyzer and its rule definition.
/// </summary>
public abstract class DriftAnalyzer
{
    /// <summary>The metrics whose rules this analyzer answers (none for an analyzer that only adds summary rows).</summary>
    public abstract ImmutableArray<DriftMetric> Metrics { get; }

    /// <summary>True when the analyzer counts per contact (the engine calls <see cref="Add"/> only on those).</summary>
    internal virtual bool CountsContacts => false;

    /// <summary>Allocates the per-persona counts before the pass.</summary>
    internal virtual void Begin(EvaluationRun run)
    {
    }

    /// <summary>
    /// Counts one contact (allocation-free: the pass runs once per contact and analyzer). Counts that depend on the
    /// person's data (which behaviours, channels, functions they have) are added as 0 or 1 rather than behind a branch:
    /// real people's bits follow no pattern a branch predictor learns, and the mispredictions cost more than the adds.
    /// </summary>
    internal virtual void Add(in ContactView contact)
    {
    }

    /// <summary>Work after the pass that needs every count (groups of people, norms).</summary>
    internal virtual void End(EvaluationRun run)
    {
    }

    /// <summary>The candidates of one rule of this analyzer's metrics for one persona, their tests registered.</summary>
    internal virtual void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
    }

    /// <summary>A finding of this analyzer explained in plain words, with the numbers a marketing lead needs to act.</summary>
    internal virtual string Rationale(Candidate candidate, TraitTaxonomy taxonomy) => $"{candidate.Rule.Name}: {Wording.F(candidate.Evidence.Observed)}.";

    /// <summary>
    /// A finding of this analyzer in one plain sentence, for the people who act on it (a marketing lead, a sales user in
    /// the panel): what people show against what the persona says; no statistics and no keys (those are in the rationale).
    /// </summary>
    internal virtual string Headline(Candidate candidate, TraitTaxonomy taxonomy) => candidate.Rule.Name + ".";

    /// <summary>The revision a finding of this analyzer suggests, or null (it then backs related suggestions).</summary>
    internal virtual RevisionSuggestion? Suggest(Finding finding, Persona persona, SuggestionContext context) => null;

    /// <summary>Where a metric's findings come when suggestions are built (lower first: a split before trait changes).</summary>
    internal virtual int SuggestionPriority(DriftMetric metric) => 5;

    /// <summary>The persona summary with this analyzer's rows filled in.</summary>
    internal virtual PersonaSummary Summarize(PersonaContext context, PersonaSummary summary) => summary;

    /// <summary>The analyzers of an evaluation, one per family; every metric belongs to exactly one of them.</summary>
    internal static ImmutableArray<DriftAnalyzer> CreateAll() =>
    [
        new TraitAnalyzer(),
        new DistributionAnalyzer(),
        new CoverageAnalyzer(),
        new BehaviourAnalyzer(),
        new MessagingAnalyzer(),
        new IcpAnalyzer(),
        new FitAnalyzer(),
        new TrustAnalyzer(),
        new ThemeAnalyzer(),
        new AdvocacyAnalyzer(),
        new JourneyAnalyzer(),
        new DepthAnalyzer(),
    ];

    /// <summary>An insufficient-evidence candidate: fewer people than the rule's minimum sample.</summary>
    internal static Candidate Insufficient(DriftRule rule, Persona persona, long n, TraitDimension? dimension = null, string? subject = null, string? label = null) =>
        new(rule, persona, dimension, subject, label,
            new Evidence(n, 0, null, null, null, "n", n, null, null, rule.MinimumSample),
            0, false, -1, Insufficient: true);

    /// <summary>
    /// A share of the persona's people that must not exceed the rule's threshold (out of the ICP, poor fit): one-sided
    /// test against the threshold, insufficient below the rule's minimum sample.
    /// </summary>
    internal static void AddShareCandidate(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates, long n, long count, string subject)
    {
        var persona = context.Shape.Persona;
        if (n < rule.MinimumSample)
        {
            candidates.Add(Insufficient(rule, persona, n, null, subject));
            return;
        }

        var observed = (double)count / n;
        var interval = Statistics.WilsonInterval.Compute(count, n);
        var index = tests.Register(
            new TestKey("share", context.PersonaIndex, subject, A: rule.Threshold, B: rule.EffectiveParameter),
            () => Statistics.ProportionTest.Greater(count, n, rule.Threshold));
        candidates.Add(new Candidate(rule, persona, null, subject, null,
            new Evidence(n, observed, rule.Threshold, interval.Low, interval.High, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
            observed, observed > rule.Threshold, index));
    }

    /// <summary>The dimensions a rule covers: the one it names, or all.</summary>
    internal static ImmutableArray<TraitDimension> DimensionsOf(DriftRule rule) =>
        rule.Dimension is { } dimension ? [dimension] : TraitDimensions.All;
}
