using System.Collections.Immutable;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Suggestions;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>
/// Compares each persona's definition with what its tagged people show, under the given rules. Pure: no I/O,
/// deterministic for the same population, rules and options. One pass over the population gathers every count;
/// the tests then run per persona, and all p-values of the run are adjusted together (Benjamini–Hochberg).
/// </summary>
public sealed partial class DriftEngine
{
    private readonly EvaluationOptions _options;

    /// <summary>An engine with the given options (or the defaults).</summary>
    public DriftEngine(EvaluationOptions? options = null) => _options = options ?? EvaluationOptions.Default;

    /// <summary>Evaluates the population under the enabled rules.</summary>
    /// <exception cref="ModelValidationException">A rule is invalid; the message names the rule and the field.</exception>
    public DriftEvaluation Evaluate(CompactPopulation population, IEnumerable<DriftRule> rules, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(rules);
        var ruleList = rules.ToImmutableArray();
        var errors = DriftRuleValidator.Validate(ruleList);
        if (!errors.IsEmpty)
        {
            throw new ModelValidationException(errors);
        }

        // Rules arrive in no particular order (Dataverse returns them unordered). Where one rule of a metric decides for a
        // persona (its split, the summary's windows), the persona's own rule goes before a rule for every persona, then
        // the smallest id: the result never depends on the order rules were read in.
        var enabled = ruleList.Where(r => r.Enabled)
            .OrderBy(r => r.PersonaId is null).ThenBy(r => r.Id, StringComparer.Ordinal).ToImmutableArray();
        var windows = enabled.Select(r => r.WindowDays).Append(90).Distinct().Order().ToArray();
        var shapes = population.Personas.Select(p => new PersonaShape(p, population)).ToArray();
        var fits = new float[population.Count];
        var stats = Accumulate(population, shapes, windows, fits, _options.WorklistSize, progress);

        var tests = new TestRegistry();
        var candidates = new List<Candidate>();
        var splits = new SplitResult?[shapes.Length];
        for (var p = 0; p < shapes.Length; p++)
        {
            var context = new PersonaContext(population, shapes[p], stats[p], p, windows, fits);
            foreach (var rule in enabled.Where(r => r.AppliesTo(shapes[p].Persona.Id)))
            {
                AddCandidates(context, rule, tests, candidates, ref splits[p]);
            }
        }

        tests.Adjust();
        var findings = candidates.Select(c => ToFinding(c, tests, _options.Taxonomy)).OfType<Finding>()
            .OrderBy(f => f.PersonaId, StringComparer.Ordinal)
            .ThenByDescending(f => f.Severity)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToImmutableArray();
        var advocates = Advocates(population, shapes, stats);
        var summaries = shapes.Select((s, p) => Summarize(new PersonaContext(population, s, stats[p], p, windows, fits), splits[p], enabled) with
            {
                Advocates = advocates[p],
                Depth = Model.Depth.PersonaDepth.Check(s.Persona, _options.Taxonomy, new Model.Depth.DepthEvidence(
                    stats[p].AnyRecorded, findings.Count(f => f.PersonaId == s.Persona.Id && f.Status == FindingStatus.Drift), population.AsOf)),
            })
            .ToImmutableArray();
        var leaks = shapes.Select((s, p) => KeyValuePair.Create(s.Persona.Id, LeakOf(population, stats[p]))).ToDictionary(StringComparer.Ordinal);
        var suggestions = new SuggestionBuilder(population.Personas, leaks, _options.Taxonomy, _options.Themes)
            .WithSplitGroups(summaries.Select(s => KeyValuePair.Create(s.PersonaId, s.Groups)))
            .WithAdvocates(summaries.Select(s => KeyValuePair.Create(s.PersonaId, s.Advocates)))
            .Build(findings, _options.SuppressedSuggestionKeys, out var suppressed);
        var worklists = Worklists(population, shapes, stats);
        progress?.Report(1);
        return new DriftEvaluation(population.AsOf, tests.Count, summaries, findings, suggestions, suppressed, worklists);
    }

    private void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates, ref SplitResult? split)
    {
        switch (rule.Metric)
        {
            case DriftMetric.TraitPrevalence:
            case DriftMetric.StaleTrait:
            case DriftMetric.EmergingTrait:
                AddTraitCandidates(context, rule, tests, candidates);
                break;
            case DriftMetric.DistributionDistance:
                AddDistanceCandidates(context, rule, tests, candidates);
                break;
            case DriftMetric.ProfileCoverage:
                AddCoverageCandidates(context, rule, candidates);
                break;
            case DriftMetric.PopulationStability:
                AddStabilityCandidates(context, rule, tests, candidates);
                break;
            case DriftMetric.BehaviourShare:
            case DriftMetric.BehaviourRate:
                AddBehaviourCandidates(context, rule, tests, candidates);
                break;
            case DriftMetric.MessagingDepth:
                AddMessagingCandidates(context, rule, tests, candidates);
                break;
            case DriftMetric.IcpLeakage:
            case DriftMetric.PoorFitShare:
                AddShareCandidates(context, rule, tests, candidates);
                break;
            case DriftMetric.PersonaSplit:
                split ??= AddSplitCandidate(context, rule, candidates);
                break;
            case DriftMetric.TrustChannel:
                AddTrustCandidates(context, rule, tests, candidates);
                break;
            case DriftMetric.MessageTheme:
                AddThemeCandidates(context, rule, tests, candidates);
                break;
            case DriftMetric.AdvocacyConcentration:
                AddConcentrationCandidate(context, rule, candidates);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule.Metric, "Unknown drift metric.");
        }
    }

    private static Finding? ToFinding(Candidate candidate, TestRegistry tests, Model.Taxonomy.TraitTaxonomy taxonomy)
    {
        var rule = candidate.Rule;
        var id = Finding.MakeId(candidate.Persona.Id, rule.Id, candidate.Dimension, candidate.Subject);
        if (candidate.Insufficient)
        {
            return new Finding(id, rule.Id, candidate.Persona.Id, rule.Metric, candidate.Dimension, candidate.Subject, candidate.SubjectLabel,
                FindingStatus.InsufficientEvidence, Severity.Info, candidate.Evidence, Rationales.Insufficient(candidate));
        }

        var evidence = candidate.Evidence;
        if (candidate.TestIndex >= 0)
        {
            evidence = evidence with { QValue = tests.QValue(candidate.TestIndex) };
            if (evidence.QValue > rule.FalseDiscoveryRate)
            {
                return null;
            }
        }

        if (!candidate.MeetsThreshold)
        {
            return null;
        }

        var withQ = candidate with { Evidence = evidence };
        if (candidate.DataQuality || candidate.Opportunity)
        {
            return new Finding(id, rule.Id, candidate.Persona.Id, rule.Metric, candidate.Dimension, candidate.Subject, candidate.SubjectLabel,
                candidate.DataQuality ? FindingStatus.DataQuality : FindingStatus.Opportunity, rule.SeverityFor(candidate.Effect), evidence, Rationales.For(withQ, taxonomy));
        }

        return new Finding(id, rule.Id, candidate.Persona.Id, rule.Metric, candidate.Dimension, candidate.Subject, candidate.SubjectLabel,
            FindingStatus.Drift, rule.SeverityFor(candidate.Effect), evidence, Rationales.For(withQ, taxonomy));
    }

    private static IcpLeak LeakOf(CompactPopulation population, PersonaStats stats)
    {
        static ImmutableArray<string> Top(long[] counts, IReadOnlyList<string> names) =>
            [.. counts.Select((count, id) => (count, id)).Where(x => x.count > 0).OrderByDescending(x => x.count).ThenBy(x => x.id).Take(5).Select(x => names[x.id])];
        return new IcpLeak(
            Math.Round(stats.InsideMeanFit, 4),
            Math.Round(stats.OutsideMeanFit, 4),
            Top(stats.OutsideIndustries, population.Industries),
            Top(stats.OutsideRegions, population.Regions),
            stats.OutsideBelowMinEmployees,
            stats.OutsideAboveMaxEmployees);
    }

    private static Candidate Insufficient(DriftRule rule, Persona persona, long n, TraitDimension? dimension = null, string? subject = null, string? label = null) =>
        new(rule, persona, dimension, subject, label,
            new Evidence(n, 0, null, null, null, "n", n, null, null, rule.MinimumSample),
            0, false, -1, Insufficient: true);

    private static ImmutableArray<TraitDimension> DimensionsOf(DriftRule rule) =>
        rule.Dimension is { } dimension ? [dimension] : TraitDimensions.All;
}
