using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>
/// The journey across functions: who was touched by which function, and by one function only (summary rows), and a
/// siloed journey as an opportunity when most of the people with enough touchpoints to tell met one function only (a
/// person with one or two touchpoints met one function by necessity, so they are not counted).
/// </summary>
public sealed class JourneyAnalyzer : DriftAnalyzer
{
    /// <summary>Touchpoints of a known function a person needs before "met only one function" says something.</summary>
    public const int MinimumTouchpoints = 3;

    private EvaluationRun _run = null!;
    private long[] _touched = [];
    private long[] _singleFunction = [];
    private long[] _judged = [];
    private long[] _judgedSingle = [];
    private long[][] _peopleBySource = [];
    private long[][] _singleBySource = [];

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.SiloedJourney];

    internal override bool CountsContacts => true;

    internal override void Begin(EvaluationRun run)
    {
        _run = run;
        _touched = new long[run.Shapes.Length];
        _singleFunction = new long[run.Shapes.Length];
        _peopleBySource = [.. run.Shapes.Select(_ => new long[SignalSources.Count])];
        _judged = new long[run.Shapes.Length];
        _judgedSingle = new long[run.Shapes.Length];
        _singleBySource = [.. run.Shapes.Select(_ => new long[SignalSources.Count])];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Add(in ContactView contact)
    {
        var sources = _run.Population.Sources[contact.Contact];
        if (sources == 0)
        {
            return;
        }

        var p = contact.Persona;
        _touched[p]++;
        var single = (sources & (sources - 1)) == 0 ? 1 : 0;
        _singleFunction[p] += single;
        var judged = _run.Population.Touchpoints[contact.Contact] >= MinimumTouchpoints ? 1 : 0;
        _judged[p] += judged;
        _judgedSingle[p] += judged & single;
        _singleBySource[p][System.Numerics.BitOperations.TrailingZeroCount(sources)] += judged & single;

        var people = _peopleBySource[p];
        for (var k = 0; k < SignalSources.Count; k++)
        {
            people[k] += (sources >> k) & 1;
        }
    }

    internal override void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var before = candidates.Count;
        var p = context.PersonaIndex;
        AddShareCandidate(context, rule, tests, candidates, _judged[p], _judgedSingle[p], "one-function");
        if (candidates.Count > before && candidates[^1] is { Insufficient: false } added)
        {
            candidates[^1] = added with { SubjectLabel = MainFunction(p)?.DisplayName(), Opportunity = true };
        }
    }

    /// <summary>The function most of the one-function people met.</summary>
    private SignalSource? MainFunction(int persona)
    {
        var counts = _singleBySource[persona];
        var best = -1;
        for (var k = 0; k < counts.Length; k++)
        {
            if (counts[k] > 0 && (best < 0 || counts[k] > counts[best]))
            {
                best = k;
            }
        }

        return best < 0 ? null : (SignalSource)best;
    }

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy) =>
        $"Most of its people meet one function only{(candidate.SubjectLabel is { } main ? $", mostly {main.ToLowerInvariant()}" : string.Empty)}: {Wording.Pct(candidate.Evidence.Observed)} of those with {MinimumTouchpoints} or more touchpoints.";

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var main = candidate.SubjectLabel is { } label ? $" (mostly {label.ToLowerInvariant()})" : string.Empty;
        return $"Of the {Wording.People(e.N)} tagged '{candidate.Persona.Name}' with {MinimumTouchpoints} or more touchpoints of a known function in the last {AdvocacyKinds.JourneyWindowDays} days, {Wording.Pct(e.Observed)} met one function only{main}{(e.IntervalLow is { } lo && e.IntervalHigh is { } hi ? $" (95% CI {Wording.Pct(lo)}–{Wording.Pct(hi)})" : string.Empty)}, more than the {Wording.Pct(e.Expected)} this rule allows ({Wording.QIs(e.QValue)}). People with fewer touchpoints are not counted: they could not have met more. One journey across functions is the lever: bring sales, community or customer success in where one function carries the persona alone.";
    }

    internal override PersonaSummary Summarize(PersonaContext context, PersonaSummary summary)
    {
        var p = context.PersonaIndex;
        var events = context.Population.SourceEvents[p];
        long known = 0;
        for (var k = 0; k < SignalSources.Count; k++)
        {
            known += events[k];
        }

        return summary with
        {
            Journey = new JourneySummary(
                AdvocacyKinds.JourneyWindowDays,
                _touched[p],
                _singleFunction[p],
                _touched[p] == 0 ? 0 : Math.Round((double)_singleFunction[p] / _touched[p], 4),
                [.. SignalSources.All.Select(s => new FunctionShare(s.ToFieldName(), s.DisplayName(), events[(int)s], known == 0 ? 0 : Math.Round((double)events[(int)s] / known, 4), _peopleBySource[p][(int)s]))],
                events[SignalSources.Count]),
        };
    }
}
