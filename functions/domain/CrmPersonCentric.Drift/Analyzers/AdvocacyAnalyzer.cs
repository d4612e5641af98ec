using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using MathNet.Numerics.Distributions;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>
/// Persons over averages: the advocates far above their persona's norm (on one kind of advocacy or on the four together), the connectors (people who referred several
/// others, or whose communities and peer groups bridge groups of the persona that otherwise do not meet), and how
/// concentrated the persona's advocacy is (an opportunity, never drift: build the programme around those few). The
/// counts come from the single pass; picking the people is one filter over the population's compact arrays.
/// </summary>
public sealed class AdvocacyAnalyzer : DriftAnalyzer
{
    /// <summary>Fewest people who showed any advocacy behaviour before its concentration is measured.</summary>
    public const int MinimumAdvocacyPeople = 10;

    /// <summary>Advocates named in a programme suggestion.</summary>
    public const int ProgrammeAdvocates = 10;

    private EvaluationRun _run = null!;

    /// <summary>Per persona and advocacy kind, people by their event count in the advocacy window (1–255; the zero bin is not counted: nothing reads it).</summary>
    private long[][][] _histograms = [];

    /// <summary>Per persona, people by their total advocacy events in the window (1–1020; zero not counted): the top decile's share comes from it.</summary>
    private long[][] _totals = [];

    /// <summary>Per persona, the co-occurrence of community and peer-group traits: per pair of trait ids (low id in the high 32 bits), how many people hold both.</summary>
    private PairCounts[] _pairs = [];

    private AdvocateSummary[] _advocates = [];

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.AdvocacyConcentration];

    internal override bool CountsContacts => true;

    internal override void Begin(EvaluationRun run)
    {
        _run = run;
        _histograms = [.. run.Shapes.Select(_ => AdvocacyKinds.All.Select(_ => new long[256]).ToArray())];
        _totals = [.. run.Shapes.Select(_ => new long[MostEvents + 1])];
        _pairs = [.. run.Shapes.Select(_ => new PairCounts())];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Add(in ContactView contact)
    {
        // Most people show none of the four in the window: the histograms' zero bins are never read, so they are skipped.
        var advocacy = _run.Population.AdvocacyCounts.AsSpan(contact.Contact * AdvocacyKinds.Count, AdvocacyKinds.Count);
        if (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(advocacy) == 0)
        {
            return;
        }

        var histograms = _histograms[contact.Persona];
        var total = 0;
        for (var k = 0; k < AdvocacyKinds.Count; k++)
        {
            histograms[k][advocacy[k]]++;
            total += advocacy[k];
        }

        _totals[contact.Persona][total]++;
    }

    internal override void End(EvaluationRun run) => _advocates = Advocates(run.Population, run.Shapes);

    internal override void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var tagged = context.Counts.N;
        var (share, events, people, top) = TopTenthShare(_totals[context.PersonaIndex], tagged);
        if (events < rule.MinimumSample || people < MinimumAdvocacyPeople)
        {
            candidates.Add(Insufficient(rule, persona, events, null, "advocacy"));
            return;
        }

        var index = tests.Register(
            new TestKey("advocacy", context.PersonaIndex),
            () => ConcentrationTest(_totals[context.PersonaIndex], tagged, persona.Id));
        candidates.Add(new Candidate(rule, persona, null, "advocacy", "Advocacy",
            new Evidence(events, share!.Value, rule.Threshold, null, null, "people in the top tenth", top, tests[index].PValue, null, rule.MinimumSample),
            share.Value, share.Value >= rule.Threshold, index, Opportunity: true));
    }

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy) =>
        $"A few people carry its advocacy: its most active tenth produced {Wording.Pct(candidate.Evidence.Observed)} of it.";

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        return $"The advocacy of '{candidate.Persona.Name}' rests on a few people: the most active tenth of its tagged people ({Wording.People((long)e.Statistic)}) produced {Wording.Pct(e.Observed)} of its {e.N} contribution, referral, advocacy and co-creation events in the last {AdvocacyKinds.WindowDays} days (threshold {Wording.Pct(e.Expected)}), far more than the persona's ordinary spread of activity gives ({Wording.QIs(e.QValue)}). Build the programme around them; the list of advocates and connectors names them.";
    }

    internal override RevisionSuggestion? Suggest(Finding finding, Persona persona, SuggestionContext context)
    {
        var e = finding.Evidence;
        var advocates = context.Advocates.GetValueOrDefault(persona.Id) ?? AdvocateSummary.Empty;
        var named = advocates.People.Take(ProgrammeAdvocates).Select(p => "contact:" + p.ContactId).ToImmutableArray();
        return SuggestionContext.Make(finding, persona, SuggestionType.BuildAdvocateProgramme, Math.Round(e.Observed, 2),
            $"Build the advocacy programme of '{persona.Name}' around the few people who carry it: the most active tenth of its tagged people ({Wording.People((long)e.Statistic)}) produced {SuggestionContext.Pct(e.Observed)} of its {e.N} contribution, referral, advocacy and co-creation events in the last {advocates.WindowDays} days. {Wording.People(advocates.TotalPeople)} stand out as advocates or connectors (the view 'Advocates and connectors' lists them); invite them first to co-creation, referral and community roles.",
            named);
    }

    internal override PersonaSummary Summarize(PersonaContext context, PersonaSummary summary) =>
        summary with { Advocates = _advocates[context.PersonaIndex] };

    /// <summary>The most advocacy events a person can have in the window: a byte's count per kind.</summary>
    private const int MostEvents = AdvocacyKinds.Count * byte.MaxValue;

    /// <summary>Distinct people referred in the window that make a connector.</summary>
    public const int ConnectorReferrals = 3;

    /// <summary>People of note kept per persona (the most active first).</summary>
    public const int MaxPeopleOfNote = 200;

    /// <summary>Modified z-score (Iglewicz and Hoaglin) above which a count is an outlier.</summary>
    public const double OutlierZ = 3.5;

    /// <summary>Fewest people showing a behaviour before its norm is set (below it, nobody is called an advocate for it).</summary>
    public const int MinimumNormPeople = 10;

    /// <summary>Fewest events in the window that make an advocate, whatever the norm.</summary>
    public const int MinimumAdvocateEvents = 3;

    /// <summary>The smallest group a bridge connects, in people besides the bridge (or 2 % of the persona's people with either dimension recorded, if more).</summary>
    public const int MinimumBridgedGroup = 5;

    private const string AdvocateKind = "advocate";
    private const string ReferrerKind = "referrer";
    private const string BridgeKind = "bridge";

    /// <summary>The norm key of the four advocacy behaviours taken together.</summary>
    public const string TotalNormKey = "advocacy-total";

    /// <summary>The norm of one advocacy behaviour from its histogram of per-person counts: median and MAD of the non-zero counts, and the outlier threshold.</summary>
    public static AdvocacyNorm NormOf(BehaviourType behaviour, long[] histogram) => NormOf(BehaviourKeys.For(behaviour, null), histogram);

    /// <summary>The norm of the per-person counts in a histogram, under a key.</summary>
    public static AdvocacyNorm NormOf(string key, long[] histogram)
    {
        long people = 0;
        for (var v = 1; v < histogram.Length; v++)
        {
            people += histogram[v];
        }

        if (people == 0)
        {
            return new AdvocacyNorm(key, 0, 0, 0, null);
        }

        var median = MedianOf(people, v => v == 0 ? 0 : histogram[v], histogram.Length, v => v);
        var deviations = Enumerable.Range(1, histogram.Length - 1)
            .Where(v => histogram[v] > 0)
            .Select(v => (Deviation: Math.Abs(v - median), Count: histogram[v]))
            .OrderBy(d => d.Deviation)
            .ToArray();
        var mad = MedianOf(people, i => deviations[i].Count, deviations.Length, i => deviations[i].Deviation);
        if (people < MinimumNormPeople)
        {
            return new AdvocacyNorm(key, people, median, mad, null);
        }

        var scale = Math.Max(1.4826 * mad, 1);
        var threshold = Math.Max(MinimumAdvocateEvents, (int)Math.Floor(median + (OutlierZ * scale)) + 1);
        return new AdvocacyNorm(key, people, median, mad, threshold);
    }

    /// <summary>The median of a weighted, sorted sequence (the mean of the two middle values for an even total).</summary>
    private static double MedianOf(long total, Func<int, long> weight, int length, Func<int, double> value)
    {
        var lowRank = (total - 1) / 2;
        var highRank = total / 2;
        double? low = null;
        long seen = 0;
        for (var i = 0; i < length; i++)
        {
            var w = weight(i);
            if (w == 0)
            {
                continue;
            }

            if (low is null && seen + w > lowRank)
            {
                low = value(i);
            }

            if (seen + w > highRank)
            {
                return (low!.Value + value(i)) / 2;
            }

            seen += w;
        }

        return low ?? 0;
    }

    /// <summary>
    /// Share of the advocacy events produced by the most active tenth of the persona's tagged people (people without an
    /// event included), from the histogram of per-person totals (index 0 unused). Measured over everyone, the share grows
    /// with concentration: a cluster of 5% producing half the events gives at least half; measured only over the people
    /// with an event, a larger cluster made itself a larger share of the denominator and looked less concentrated.
    /// </summary>
    public static (double? Share, long Events, long People, long Top) TopTenthShare(long[] totals, long tagged)
    {
        long people = 0, events = 0;
        for (var v = 1; v < totals.Length; v++)
        {
            people += totals[v];
            events += totals[v] * v;
        }

        var top = (long)Math.Ceiling(Math.Max(tagged, people) / 10.0);
        if (events == 0)
        {
            return (null, 0, people, top);
        }

        long taken = 0, topEvents = 0;
        for (var v = totals.Length - 1; v >= 1 && taken < top; v--)
        {
            var take = Math.Min(totals[v], top - taken);
            taken += take;
            topEvents += take * v;
        }

        return ((double)topEvents / events, events, people, top);
    }

    /// <summary>Draws of the null of <see cref="ConcentrationTest"/>.</summary>
    private const int NullDraws = 199;

    /// <summary>
    /// Whether a top-tenth share is beyond the persona's ordinary spread of activity. People differ (activity is bursty
    /// and overdispersed), so the null is not "everyone alike": it is a negative binomial fitted to the low counts only,
    /// the people with 0, 1 and 2 events (for a negative binomial P(v+1)/P(v) = (v + k)/(v + 1)·θ, so the two ratios give
    /// k and θ; a Poisson when the counts are not overdispersed), which a cluster of heavy advocates does not reach. Under
    /// it the number of people with v events is multinomial over its probabilities, drawn bin by bin (binomials), not
    /// person by person, so the cost does not grow with the people. The p-value is the upper tail of a normal fitted to 199
    /// null shares (seeded from the persona, its people and events: a run is reproducible).
    /// </summary>
    public static TestResult ConcentrationTest(long[] totals, long tagged, string personaId)
    {
        long people = 0;
        for (var v = 1; v < totals.Length; v++)
        {
            people += totals[v];
        }

        var share = TopTenthShare(totals, tagged).Share ?? 0;
        var pmf = NullDistribution(Math.Max(0, tagged - people), totals[1], totals.Length > 2 ? totals[2] : 0);
        var random = new Random(StableSeed.Of(personaId, [(uint)tagged, (uint)people]));
        var histogram = new long[Math.Min(totals.Length, pmf.Length + 1)];
        var shares = new double[NullDraws];
        var written = histogram.Length - 1; // the bins the previous draw wrote (before the first: all but the last)
        for (var b = 0; b < NullDraws; b++)
        {
            // Only those are cleared: a draw stops as soon as everyone is placed, far below the thousand-odd bins.
            Array.Clear(histogram, 0, written);
            histogram[^1] = 0;
            long remaining = tagged;
            double left = 1;
            var v = 0;
            for (; v < histogram.Length - 1 && remaining > 0; v++)
            {
                var drawn = left <= 0 ? 0 : BinomialDraw.Sample(random, Math.Min(1, pmf[v] / left), remaining);
                histogram[v] = drawn;
                remaining -= drawn;
                left -= pmf[v];
            }

            written = v;
            histogram[^1] += remaining;
            shares[b] = TopTenthShare(histogram, tagged).Share ?? 0;
        }

        // The share is close to normal at a persona's size: the tail of a normal fitted to the draws gives the p-value
        // (199 draws resolve no further than 1/200 empirically, too coarse for the run's false-discovery-rate control).
        var mean = shares.Average();
        var sd = Math.Sqrt(shares.Sum(x => (x - mean) * (x - mean)) / (NullDraws - 1));
        var pValue = sd > 0 ? 1 - Normal.CDF(mean, sd, share) : share > mean + 1e-12 ? 0 : 1;
        return new TestResult(share, pValue);
    }

    /// <summary>The null's probabilities of 0, 1, 2, … events per person (until the tail is negligible), from the people with 0, 1 and 2.</summary>
    private static double[] NullDistribution(long zero, long one, long two)
    {
        var pmf = new List<double>();
        if (zero == 0 || one == 0)
        {
            // Nearly everyone active, or nobody with exactly one: no low counts to fit; a Poisson at a rate of one.
            (zero, one, two) = (1, 1, 0);
        }

        var r0 = (double)one / zero;
        var ratio = (double)two * zero / ((double)one * one);
        var overdispersed = 2 * ratio > 1 + 1e-9 && two > 0;
        var k = overdispersed ? Math.Clamp(1 / ((2 * ratio) - 1), 0.05, 1e6) : double.PositiveInfinity;
        var theta = overdispersed ? Math.Min(r0 / k, 0.999) : 0;
        var p = overdispersed ? Math.Pow(1 - theta, k) : Math.Exp(-r0);
        double total = 0;
        for (var v = 0; v < 1020 && (total < 1 - 1e-9 || v < 3); v++)
        {
            pmf.Add(p);
            total += p;
            p *= overdispersed ? (v + k) / (v + 1) * theta : r0 / (v + 1);
        }

        return [.. pmf];
    }

    /// <summary>Per persona, its advocates and connectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private AdvocateSummary[] Advocates(CompactPopulation population, PersonaShape[] shapes)
    {
        // Per persona, a norm per kind and one for the four together (the last threshold of each persona's row): a person
        // whose events spread over several kinds stands out on the total though on no single kind.
        var norms = new AdvocacyNorm[shapes.Length][];
        var thresholds = new int[shapes.Length * Limits];
        for (var p = 0; p < shapes.Length; p++)
        {
            norms[p] = [.. AdvocacyKinds.All.Select((b, k) => NormOf(b, _histograms[p][k])), NormOf(TotalNormKey, _totals[p])];
            for (var k = 0; k < Limits; k++)
            {
                thresholds[(p * Limits) + k] = norms[p][k].Threshold ?? int.MaxValue;
            }
        }

        var bridges = Bridges(population);
        // Count everyone who stands out (no strings), then describe only the ones kept: the most active first.
        var people = shapes.Select(_ => new List<(int Contact, int Events)>()).ToArray();
        var counts = new long[shapes.Length * 3];
        for (var c = 0; c < population.Count; c++)
        {
            var p = population.PersonaIndex[c];
            var limits = thresholds.AsSpan(p * Limits, Limits);
            var advocate = IsAdvocate(population, c, limits);
            var referrer = population.ReferredPeople[c] >= ConnectorReferrals;
            if (!advocate && !referrer && !bridges[c])
            {
                continue;
            }

            counts[p * 3] += advocate ? 1 : 0;
            counts[(p * 3) + 1] += referrer ? 1 : 0;
            counts[(p * 3) + 2] += bridges[c] ? 1 : 0;
            var events = 0;
            for (var k = 0; k < AdvocacyKinds.Count; k++)
            {
                events += population.AdvocacyCounts[(c * AdvocacyKinds.Count) + k];
            }

            people[p].Add((c, events));
        }

        return [.. shapes.Select((_, p) =>
        {
            var (share, events, _, _) = TopTenthShare(_totals[p], _run.Counts[p].N);
            var kept = MostActive(people[p], MaxPeopleOfNote)
                .Select(x => Describe(population, x.Contact, x.Events, thresholds.AsSpan(p * Limits, Limits), norms[p], bridges[x.Contact]))
                .ToImmutableArray();
            return new AdvocateSummary(AdvocacyKinds.WindowDays, counts[p * 3], counts[(p * 3) + 1], counts[(p * 3) + 2],
                [.. norms[p]], events, share is { } s ? Math.Round(s, 4) : null, kept, people[p].Count);
        })];
    }

    /// <summary>
    /// The <paramref name="count"/> most active of people listed in contact order, the most active first (ties in contact
    /// order): the events of the last one kept are found from a histogram of the events, so the list is not sorted whole
    /// (at a million contacts a persona has tens of thousands of people of note and keeps 200).
    /// </summary>
    internal static (int Contact, int Events)[] MostActive(List<(int Contact, int Events)> people, int count)
    {
        var kept = people;
        if (people.Count > count)
        {
            var histogram = new int[MostEvents + 1];
            foreach (var (_, events) in people)
            {
                histogram[events]++;
            }

            // The fewest events a kept person has, and how many with exactly that many are kept (the first in contact order).
            var cut = histogram.Length - 1;
            var above = 0;
            while (above + histogram[cut] < count)
            {
                above += histogram[cut--];
            }

            var atCut = count - above;
            kept = new List<(int Contact, int Events)>(count);
            foreach (var person in people)
            {
                if (person.Events > cut || (person.Events == cut && atCut-- > 0))
                {
                    kept.Add(person);
                }
            }
        }

        return [.. kept.OrderByDescending(x => x.Events).ThenBy(x => x.Contact)];
    }

    /// <summary>A person of note in words: what kind, and why.</summary>
    private static PersonOfNote Describe(CompactPopulation population, int contact, int events, ReadOnlySpan<int> thresholds, AdvocacyNorm[] norms, bool bridge)
    {
        var kinds = ImmutableArray.CreateBuilder<string>(3);
        var reasons = new List<string>(3);
        var referred = population.ReferredPeople[contact];
        if (referred >= ConnectorReferrals)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"referred {Wording.People(referred)} in the last {AdvocacyKinds.WindowDays} days"));
        }

        var total = 0;
        var onAKind = false;
        for (var k = 0; k < AdvocacyKinds.Count; k++)
        {
            var count = population.AdvocacyCounts[(contact * AdvocacyKinds.Count) + k];
            total += count;
            if (count >= thresholds[k])
            {
                onAKind = true;
                reasons.Add(AdvocateReason(AdvocacyKinds.All[k], count, norms[k].Median));
            }
        }

        if (!onAKind && total >= thresholds[AdvocacyKinds.Count])
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"{total} contributions, referrals, advocacies and co-creations together in the last {AdvocacyKinds.WindowDays} days (typical: {norms[AdvocacyKinds.Count].Median:0.#})"));
        }

        if (IsAdvocate(population, contact, thresholds))
        {
            kinds.Add(AdvocateKind);
        }

        if (referred >= ConnectorReferrals)
        {
            kinds.Add(ReferrerKind);
        }

        if (bridge)
        {
            kinds.Add(BridgeKind);
            reasons.Add("connects groups of this persona that otherwise do not meet (through their communities and peer groups)");
        }

        return new PersonOfNote(population.ContactIds[contact], kinds.ToImmutable(), ToSentence(reasons), events);
    }

    /// <summary>Thresholds per persona: one per advocacy kind, and one for their total.</summary>
    private const int Limits = AdvocacyKinds.Count + 1;

    private static bool IsAdvocate(CompactPopulation population, int contact, ReadOnlySpan<int> thresholds)
    {
        var total = 0;
        for (var k = 0; k < AdvocacyKinds.Count; k++)
        {
            var count = population.AdvocacyCounts[(contact * AdvocacyKinds.Count) + k];
            if (count >= thresholds[k])
            {
                return true;
            }

            total += count;
        }

        return total >= thresholds[AdvocacyKinds.Count];
    }

    private static string AdvocateReason(BehaviourType behaviour, int count, double median)
    {
        var what = behaviour switch
        {
            BehaviourType.CommunityContribution => count == 1 ? "community contribution" : "community contributions",
            BehaviourType.Referral => count == 1 ? "referral" : "referrals",
            BehaviourType.Advocacy => count == 1 ? "public advocacy" : "public advocacies",
            _ => count == 1 ? "co-creation" : "co-creations",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{count} {what} in the last {AdvocacyKinds.WindowDays} days (typical: {median:0.#})");
    }

    private static string ToSentence(List<string> reasons)
    {
        var text = string.Join("; ", reasons);
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>
    /// The people whose community and peer-group traits bridge groups of their persona that otherwise do not meet. One
    /// persona at a time, over arrays sized by the trait catalog that are shared by all of them (allocated once).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool[] Bridges(CompactPopulation population)
    {
        var social = CountTraitPairs(population);
        var bridges = new bool[population.Count];
        var parent = new int[population.Traits.Count];

        // Each persona's groups (a root per trait), then one sweep over the people for every persona that has two groups
        // or more: who of them has either dimension recorded and which groups each reaches.
        var roots = new int[]?[_pairs.Length];
        var componentPeople = new long[_pairs.Length][];
        var socialRecorded = new long[_pairs.Length];
        for (var p = 0; p < _pairs.Length; p++)
        {
            var root = new int[population.Traits.Count];
            var (count, candidates) = Components(_pairs[p], _run.Counts[p].TraitCounts, social, parent, root);
            // With fewer than two groups that could be large enough, nobody can bridge.
            if (candidates >= 2)
            {
                roots[p] = root;
                componentPeople[p] = new long[count];
            }
        }

        Span<int> touched = stackalloc int[64];
        var spanning = new List<int>();
        for (var c = 0; c < population.Count; c++)
        {
            var p = population.PersonaIndex[c];
            if (roots[p] is not { } root || (population.RecordedDimensions[c] & SocialMask) == 0)
            {
                continue;
            }

            socialRecorded[p]++;
            var reached = ComponentsOf(population, c, root, touched);
            for (var i = 0; i < reached; i++)
            {
                componentPeople[p][touched[i]]++;
            }

            if (reached > 1)
            {
                spanning.Add(c);
            }
        }

        foreach (var c in spanning)
        {
            var p = population.PersonaIndex[c];
            var minimum = Math.Max(MinimumBridgedGroup, (long)Math.Ceiling(0.02 * socialRecorded[p]));
            var reached = ComponentsOf(population, c, roots[p]!, touched);
            var large = 0;
            for (var i = 0; i < reached; i++)
            {
                // The person's own count is in each group: a group counts when it has enough people besides them.
                if (componentPeople[p][touched[i]] - 1 >= minimum)
                {
                    large++;
                }
            }

            bridges[c] = large >= 2;
        }

        return bridges;
    }

    /// <summary>The recorded-dimension bits of community and peer group: a person without either holds no trait a group is made of.</summary>
    private static readonly byte SocialMask = (byte)(CompactPopulation.Bit(TraitDimension.Community) | CompactPopulation.Bit(TraitDimension.PeerGroup));

    /// <summary>
    /// The co-occurrence of community and peer-group traits per persona, for the groups that meet. A group is made of
    /// traits at least <see cref="MinimumBridgedGroup"/> of the persona's people hold (a community five people share is a
    /// group; the long tail of rare phrasings is not), so only their pairs are counted: a sweep over the contacts' trait
    /// ids after the pass, counting far fewer pairs than counting every pair during it. Returns which traits are
    /// community or peer-group traits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool[] CountTraitPairs(CompactPopulation population)
    {
        var social = new bool[population.Traits.Count];
        for (var t = 0; t < social.Length; t++)
        {
            social[t] = population.Traits.DimensionOf(t) is TraitDimension.Community or TraitDimension.PeerGroup;
        }

        // Per persona, which traits can make a group (community or peer group, held by enough of its people): one byte
        // per trait read per contact, so a contact's traits are kept without a branch on each. The 64 first are kept; a
        // 65th slot takes the rest.
        var grouping = new byte[_pairs.Length][];
        for (var p = 0; p < grouping.Length; p++)
        {
            var traitCounts = _run.Counts[p].TraitCounts;
            grouping[p] = new byte[social.Length];
            for (var t = 0; t < social.Length; t++)
            {
                grouping[p][t] = social[t] && traitCounts[t] >= MinimumBridgedGroup ? (byte)1 : (byte)0;
            }
        }

        const int Kept = 64;
        Span<int> held = stackalloc int[Kept + 1];
        for (var c = 0; c < population.Count; c++)
        {
            if ((population.RecordedDimensions[c] & SocialMask) == 0)
            {
                continue;
            }

            var p = population.PersonaIndex[c];
            var eligible = grouping[p];
            var pairs = _pairs[p];
            var count = 0;
            foreach (var t in population.TraitsOf(c))
            {
                held[count] = t;
                count += eligible[t] & (count < Kept ? 1 : 0);
            }

            for (var i = 0; i < count; i++)
            {
                for (var j = i + 1; j < count; j++)
                {
                    pairs.Increment(PairCounts.Key(held[i], held[j]));
                }
            }
        }

        return social;
    }

    /// <summary>
    /// The groups of a persona that meet: community and peer-group traits at least five of its people hold, joined when
    /// at least two people hold both (union-find over the pair counts). Fills <paramref name="root"/> with each trait's
    /// group (-1 for the others) and returns the number of groups and how many could be large enough to count (their
    /// traits' people add up to more than the smallest group a bridge needs): with fewer than two, nobody can bridge.
    /// </summary>
    private static (int Count, int Candidates) Components(PairCounts pairs, int[] traitCounts, bool[] social, int[] parent, int[] root)
    {
        for (var t = 0; t < parent.Length; t++)
        {
            parent[t] = t;
        }

        int Find(int t)
        {
            while (parent[t] != t)
            {
                parent[t] = parent[parent[t]];
                t = parent[t];
            }

            return t;
        }

        foreach (var (pair, count) in pairs.Entries())
        {
            if (count >= 2)
            {
                var a = Find((int)(pair >> 32));
                var b = Find((int)(uint)pair);
                if (a != b)
                {
                    parent[Math.Max(a, b)] = Math.Min(a, b);
                }
            }
        }

        var ids = new Dictionary<int, int>();
        var upper = new List<long>();
        for (var t = 0; t < parent.Length; t++)
        {
            if (!social[t] || traitCounts[t] < MinimumBridgedGroup)
            {
                root[t] = -1;
                continue;
            }

            var r = Find(t);
            if (!ids.TryGetValue(r, out var id))
            {
                id = ids.Count;
                ids.Add(r, id);
                upper.Add(0);
            }

            root[t] = id;
            upper[id] += traitCounts[t];
        }

        return (ids.Count, upper.Count(u => u > MinimumBridgedGroup));
    }

    /// <summary>The distinct groups a contact's community and peer-group traits belong to (written into <paramref name="touched"/>).</summary>
    private static int ComponentsOf(CompactPopulation population, int contact, int[] root, Span<int> touched)
    {
        var reached = 0;
        foreach (var t in population.TraitsOf(contact))
        {
            var component = root[t];
            if (component < 0 || touched[..reached].Contains(component) || reached == touched.Length)
            {
                continue;
            }

            touched[reached++] = component;
        }

        return reached;
    }
}
