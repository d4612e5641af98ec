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
/// How people extend trust, per channel (tested like behaviour shares): a declared channel at another share than
/// expected, an undeclared one many use. When people trust peers while the persona assumes sales-led, the suggestion is
/// to change the go-to-market motion as a whole.
/// </summary>
public sealed class TrustAnalyzer : DriftAnalyzer
{
    private EvaluationRun _run = null!;
    private long[] _recorded = [];
    private long[][] _channels = [];

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.TrustChannel];

    internal override bool CountsContacts => true;

    internal override void Begin(EvaluationRun run)
    {
        _run = run;
        _recorded = new long[run.Shapes.Length];
        _channels = [.. run.Shapes.Select(_ => new long[TrustExpectation.Channels.Count])];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Add(in ContactView contact)
    {
        var trust = _run.Population.Trust[contact.Contact];
        if (trust == 0)
        {
            return;
        }

        _recorded[contact.Persona]++;
        var counts = _channels[contact.Persona];
        for (var k = 0; k < counts.Length; k++)
        {
            counts[k] += (trust >> k) & 1;
        }
    }

    internal override void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        if (persona.TrustChannels.IsDefaultOrEmpty)
        {
            return;
        }

        var n = _recorded[context.PersonaIndex];
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

            var count = _channels[context.PersonaIndex][k];
            var observed = (double)count / n;
            var interval = WilsonInterval.Compute(count, n);
            if (declared is not null)
            {
                var index = tests.Register(
                    new TestKey("trust", context.PersonaIndex, key),
                    () => ProportionTest.TwoSided(count, n, declared.ExpectedShare));
                var difference = Math.Abs(observed - declared.ExpectedShare);
                candidates.Add(new Candidate(rule, persona, null, key, label,
                    new Evidence(n, observed, declared.ExpectedShare, interval.Low, interval.High, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
                    difference, difference >= rule.Threshold, index));
            }
            else
            {
                var index = tests.Register(
                    new TestKey("trust-undeclared", context.PersonaIndex, key, A: rule.Threshold),
                    () => ProportionTest.Greater(count, n, rule.Threshold));
                candidates.Add(new Candidate(rule, persona, null, key, label,
                    new Evidence(n, observed, null, interval.Low, interval.High, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
                    observed, observed > rule.Threshold, index));
            }
        }
    }

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var through = candidate.Subject is { } key && TrustExpectation.TryParse(key, out var channel) ? Through(channel) : Wording.Parts(candidate, taxonomy).Subject.ToLowerInvariant();
        return e.Expected is null
            ? $"{Wording.Pct(e.Observed)} of its people extend trust through {through}, which the persona does not mention."
            : $"{Wording.Pct(e.Observed)} of its people extend trust through {through}; the persona expects {Wording.Pct(e.Expected)}.";
    }

    private static string Through(TrustModes channel) => channel switch
    {
        TrustModes.PeerReferral => "peer referrals",
        TrustModes.Community => "communities",
        TrustModes.Content => "content",
        TrustModes.SalesLed => "sales conversations",
        _ => channel.ToString().ToLowerInvariant(),
    };

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (persona, subject, _, ci, q, _, _) = Wording.Parts(candidate, taxonomy);
        return e.Expected is null
            ? $"{Wording.Pct(e.Observed)} of the {Wording.People(e.N)} tagged '{persona}' with trust recorded extend trust through '{subject}'{ci}, a channel the persona does not declare; that is significantly more than {Wording.Pct(candidate.Rule.Threshold)} ({Wording.QIs(e.QValue)})."
            : $"{Wording.Pct(e.Observed)} of the {Wording.People(e.N)} tagged '{persona}' with trust recorded extend trust through '{subject}'{ci}, against the {Wording.Pct(e.Expected)} the persona expects.{q}";
    }

    internal override RevisionSuggestion? Suggest(Finding finding, Persona persona, SuggestionContext context)
    {
        var trust = context.Actionable.Where(f => f.PersonaId == persona.Id && f.Metric == DriftMetric.TrustChannel).ToList();
        if (AssumesSalesLedWhilePeopleTrustPeers(persona, trust))
        {
            return GoToMarket(persona, trust, finding);
        }

        var e = finding.Evidence;
        return SuggestionContext.Make(finding, persona, SuggestionType.ReviseTrustChannel, SuggestionContext.Round(e.Observed),
            e.Expected is { } expected
                ? $"Expect {SuggestionContext.Pct(SuggestionContext.Round(e.Observed))} of people to extend trust through '{finding.SubjectLabel}' instead of {SuggestionContext.Pct(expected)}, as {Wording.People(e.N)} with trust recorded do."
                : $"Declare '{finding.SubjectLabel}' as a trust channel with an expected share of {SuggestionContext.Pct(SuggestionContext.Round(e.Observed))}: {SuggestionContext.Pct(e.Observed)} of {Wording.People(e.N)} with trust recorded extend trust this way and the persona does not mention it.");
    }

    /// <summary>
    /// People extend trust through peers while the persona assumes sales-led: sales-led is its largest declared channel
    /// and drifts down, and a peer-led channel (peer referral or community) drifts up or is undeclared and significant.
    /// </summary>
    private static bool AssumesSalesLedWhilePeopleTrustPeers(Persona persona, List<Finding> trust)
    {
        if (trust.Count == 0 || persona.TrustChannels.IsDefaultOrEmpty)
        {
            return false;
        }

        var assumesSalesLed = persona.TrustChannels.MaxBy(t => t.ExpectedShare)?.Channel == TrustModes.SalesLed;
        var salesDown = trust.Any(f => f.Subject == TrustExpectation.KeyOf(TrustModes.SalesLed) && f.Evidence.Observed < f.Evidence.Expected);
        var peersUp = trust.Any(f => f.Subject is { } s && TrustExpectation.TryParse(s, out var c) && TrustExpectation.IsPeerLed(c)
            && (f.Evidence.Expected is not { } x || f.Evidence.Observed > x));
        return assumesSalesLed && salesDown && peersUp;
    }

    private static RevisionSuggestion GoToMarket(Persona persona, List<Finding> trust, Finding first)
    {
        static string Describe(Finding f) => f.Evidence.Expected is { } x
            ? $"{f.SubjectLabel} {SuggestionContext.Pct(f.Evidence.Observed)} (expected {SuggestionContext.Pct(x)})"
            : $"{f.SubjectLabel} {SuggestionContext.Pct(f.Evidence.Observed)} (not declared)";
        var details = trust.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Subject}={SuggestionContext.Round(f.Evidence.Observed):0.##}")).ToImmutableArray();
        return new RevisionSuggestion(
            RevisionSuggestion.MakeKey(SuggestionType.ChangeGoToMarket, persona.Id, null, null),
            SuggestionType.ChangeGoToMarket, persona.Id, persona.Version, null, null, null, details, [],
            (Severity)trust.Max(f => (int)f.Severity), [.. trust.Select(f => f.Id)],
            $"Change the go-to-market motion of '{persona.Name}': its people extend trust through peers, not through sales ({string.Join("; ", trust.Select(Describe))}, among {Wording.People(first.Evidence.N)} with trust recorded). Lead with referral, community and peer proof, and bring sales in once a peer has vouched; accepting sets the persona's trust channels to what people show.");
    }

    /// <summary>How the persona's people extend trust, per channel.</summary>
    internal override PersonaSummary Summarize(PersonaContext context, PersonaSummary summary)
    {
        var n = _recorded[context.PersonaIndex];
        var counts = _channels[context.PersonaIndex];
        return summary with
        {
            TrustRecorded = n,
            Trust = [.. TrustExpectation.Channels.Select((channel, k) =>
            {
                var interval = n == 0 ? new Interval(0, 0) : WilsonInterval.Compute(counts[k], n);
                return new TrustObservation(TrustExpectation.KeyOf(channel), TrustExpectation.LabelOf(channel), counts[k],
                    n == 0 ? 0 : Math.Round((double)counts[k] / n, 4), Math.Round(interval.Low, 4), Math.Round(interval.High, 4),
                    context.Shape.Persona.TrustChannels.FirstOrDefault(t => t.Channel == channel)?.ExpectedShare);
            })],
        };
    }
}
