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
/// Messaging depth: among people who told us their deep personal desire, do they answer layer-4 themes more than the
/// layer the persona's messaging stops at? A paired comparison (McNemar) of the same people's two responses.
/// </summary>
public sealed class MessagingAnalyzer : DriftAnalyzer
{
    private EvaluationRun _run = null!;
    private Counts[] _counts = [];
    private readonly int _layer4Slot = BehaviourKeys.Slot(BehaviourType.MessagingResponse, MessagingLayer.DeepPersonalDesire);

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.MessagingDepth];

    internal override bool CountsContacts => true;

    internal override void Begin(EvaluationRun run)
    {
        _run = run;
        _counts = [.. run.Shapes.Select(_ => new Counts(run.Windows.Length))];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Add(in ContactView contact)
    {
        if (!_run.Population.HasDeepDesire[contact.Contact])
        {
            return;
        }

        var s = _counts[contact.Persona];
        s.DeepDesire++;
        var reachedSlot = _run.Shapes[contact.Persona].ReachedSlot;
        if (reachedSlot < 0)
        {
            return;
        }

        var windows = _run.Windows;
        var seen = contact.LastSeen;
        for (var wi = 0; wi < windows.Length; wi++)
        {
            var deep = seen[_layer4Slot] < windows[wi];
            var reached = seen[reachedSlot] < windows[wi];
            if (deep)
            {
                s.Layer4Any[wi]++;
            }

            if (reached)
            {
                s.ReachedAny[wi]++;
            }

            if (deep && !reached)
            {
                s.Layer4Only[wi]++;
            }
            else if (reached && !deep)
            {
                s.ReachedOnly[wi]++;
            }
        }
    }

    internal override void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        if (persona.Messaging.ReachedLayer == MessagingLayer.DeepPersonalDesire)
        {
            return;
        }

        var s = _counts[context.PersonaIndex];
        var n = s.DeepDesire;
        if (n < rule.MinimumSample)
        {
            candidates.Add(Insufficient(rule, persona, n, null, "messaging-l4"));
            return;
        }

        var w = context.WindowIndex(rule.WindowDays);
        var layer4 = s.Layer4Any[w];
        var reached = s.ReachedAny[w];
        var layer4Only = s.Layer4Only[w];
        var reachedOnly = s.ReachedOnly[w];
        var index = tests.Register(
            new TestKey("depth", context.PersonaIndex, A: rule.WindowDays),
            () => McNemarTest.FirstGreater(layer4Only, reachedOnly));
        var observed = (double)layer4 / n;
        var expected = (double)reached / n;
        var interval = WilsonInterval.Compute(layer4, n);
        var lead = observed - expected;
        candidates.Add(new Candidate(rule, persona, null, "messaging-l4", "Layer-4 messaging",
            new Evidence(n, observed, expected, interval.Low, interval.High, "McNemar χ²", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
            lead, lead >= rule.Threshold, index));
    }

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy) =>
        $"People who shared their deep personal desire answer layer-4 messages more ({Wording.Pct(candidate.Evidence.Observed)} vs {Wording.Pct(candidate.Evidence.Expected)}): the persona's messaging stops too early.";

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (persona, _, _, ci, _, _, _) = Wording.Parts(candidate, taxonomy);
        return $"Among the {Wording.People(e.N)} tagged '{persona}' with a recorded deep personal desire, {Wording.Pct(e.Observed)} responded to layer-4 themes in the last {candidate.Rule.WindowDays} days{ci}, against {Wording.Pct(e.Expected)} for the layer-{(int)candidate.Persona.Messaging.ReachedLayer} themes the persona's messaging stops at ({Wording.QIs(e.QValue)}). Take its messaging to layer 4.";
    }

    internal override RevisionSuggestion? Suggest(Finding finding, Persona persona, SuggestionContext context) =>
        SuggestionContext.Make(finding, persona, SuggestionType.DeepenMessaging, (int)MessagingLayer.DeepPersonalDesire,
            $"Take '{persona.Name}' messaging from layer {(int)persona.Messaging.ReachedLayer} to layer 4 (deep personal desire): people who told us their desire answer layer-4 themes {SuggestionContext.Pct(finding.Evidence.Observed)} vs {SuggestionContext.Pct(finding.Evidence.Expected)}.");

    internal override PersonaSummary Summarize(PersonaContext context, PersonaSummary summary)
    {
        var n = context.Counts.N;
        return summary with { DeepDesireShare = n == 0 ? 0 : Math.Round((double)_counts[context.PersonaIndex].DeepDesire / n, 4) };
    }

    /// <summary>One persona's counts: people with a deep desire recorded and, per window, who of them answered layer 4, the reached layer, or one of the two only.</summary>
    private sealed class Counts(int windowCount)
    {
        public long DeepDesire;
        public readonly long[] Layer4Any = new long[windowCount];
        public readonly long[] ReachedAny = new long[windowCount];
        public readonly long[] Layer4Only = new long[windowCount];
        public readonly long[] ReachedOnly = new long[windowCount];
    }
}
