using System.Collections.Immutable;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>The journey across functions (summary rows only): who was touched by which function, and by one function only.</summary>
public sealed class JourneyAnalyzer : DriftAnalyzer
{
    private EvaluationRun _run = null!;
    private long[] _touched = [];
    private long[] _singleFunction = [];
    private long[][] _peopleBySource = [];

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [];

    internal override bool CountsContacts => true;

    internal override void Begin(EvaluationRun run)
    {
        _run = run;
        _touched = new long[run.Shapes.Length];
        _singleFunction = new long[run.Shapes.Length];
        _peopleBySource = [.. run.Shapes.Select(_ => new long[SignalSources.Count])];
    }

    internal override void Add(in ContactView contact)
    {
        var sources = _run.Population.Sources[contact.Contact];
        if (sources == 0)
        {
            return;
        }

        var p = contact.Persona;
        _touched[p]++;
        if ((sources & (sources - 1)) == 0)
        {
            _singleFunction[p]++;
        }

        var people = _peopleBySource[p];
        for (var k = 0; k < SignalSources.Count; k++)
        {
            if ((sources & (1 << k)) != 0)
            {
                people[k]++;
            }
        }
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
