using CrmPersonCentric.Drift.Analyzers;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Tests.Engine;

/// <summary>
/// Two new layer-4 themes for the operations leader: 'Calm close' sent to three times as many people as 'Quiet wins'.
/// Responses per person favour the one sent more widely for that alone; with the sends recorded the themes are
/// compared per person sent, and only real appeal lands.
/// </summary>
public sealed class ThemeExposureTests
{
    private const string Wide = "Calm close";
    private const string Narrow = "Quiet wins";

    private static DriftEvaluation Evaluate(int seed, double wideAppeal, double narrowAppeal, bool recordSends)
    {
        var data = SampleOrganisation.Generate(new SampleOptions { NoDrift = true, Seed = seed });
        var asOf = data.ExportedOn!.Value;
        var random = new Random(seed);
        var signals = data.Signals.ToList();
        var i = 0;
        foreach (var person in data.Profiles.Where(p => p.PersonaId == "ops-leader"))
        {
            var roll = random.NextDouble();
            var (theme, appeal) = roll < 0.6 ? (Wide, wideAppeal) : roll < 0.8 ? (Narrow, narrowAppeal) : (null, 0);
            if (theme is null)
            {
                continue;
            }

            var sentOn = asOf.AddDays(-random.Next(10, 60));
            if (recordSends)
            {
                signals.Add(new BehaviourSignal($"sent-{i}", person.ContactId, BehaviourType.MessageSent, sentOn, theme, MessagingLayer.DeepPersonalDesire));
                // Weekly resends of the same theme before: only the latest send counts.
                signals.Add(new BehaviourSignal($"sent-{i}-earlier", person.ContactId, BehaviourType.MessageSent, sentOn.AddDays(-7), theme, MessagingLayer.DeepPersonalDesire));
            }

            if (random.NextDouble() < appeal)
            {
                signals.Add(new BehaviourSignal($"answer-{i}", person.ContactId, BehaviourType.MessagingResponse, sentOn.AddDays(2), theme, MessagingLayer.DeepPersonalDesire));
            }

            i++;
        }

        return new DriftEngine().Evaluate(PopulationBuilder.Build(data.Personas, data.Profiles, signals, asOf), data.Rules);
    }

    private static Finding? Lands(DriftEvaluation evaluation, string label) =>
        evaluation.Opportunities.SingleOrDefault(f => f.PersonaId == "ops-leader" && f.Metric == DriftMetric.MessageTheme && f.SubjectLabel == label);

    [Fact]
    public void WithoutSends_TheWidelySentTheme_ReadsAsLanding_AndTheFindingSaysWhy()
    {
        // Equal appeal; the wide theme reaches three times the people. Per tagged person it 'lands': the confound.
        var finding = Lands(Evaluate(1, 0.15, 0.15, recordSends: false), Wide);

        Assert.NotNull(finding);
        Assert.Contains("No sends are recorded", finding.Rationale, StringComparison.Ordinal);
        Assert.Contains("not allowing for how many were sent", finding.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void WithSends_EqualAppeal_LandsNeither()
    {
        var landed = Enumerable.Range(1, 10).Select(seed => Evaluate(seed, 0.15, 0.15, recordSends: true))
            .Count(e => Lands(e, Wide) is not null || Lands(e, Narrow) is not null);

        Assert.True(landed <= 1, $"a theme of equal appeal landed in {landed} of 10 runs");
    }

    [Fact]
    public void WithSends_TheBetterThemeLands_ThoughSentToFewer()
    {
        var found = 0;
        for (var seed = 1; seed <= 10; seed++)
        {
            var evaluation = Evaluate(seed, 0.12, 0.35, recordSends: true);
            Assert.Null(Lands(evaluation, Wide));
            if (Lands(evaluation, Narrow) is { } finding)
            {
                found++;
                Assert.Equal(ThemeAnalyzer.PerSendStatistic, finding.Evidence.StatisticName);
                Assert.Contains("of the people sent it responded", finding.Headline, StringComparison.Ordinal);
                Assert.InRange(finding.Evidence.Observed, 0.2, 0.5);
            }
        }

        Assert.True(found >= 9, $"found in {found} of 10 runs");
    }

    [Fact]
    public void Sends_AreKeptAsTheLatestPerTheme_InTheStoredSummary()
    {
        var at = new DateTimeOffset(2026, 10, 2, 8, 0, 0, TimeSpan.Zero);
        var weekly = Enumerable.Range(0, 5000).Select(w => new BehaviourSignal($"n{w}", "c", BehaviourType.MessageSent, at.AddDays(-7 * w), "Newsletter", null));
        BehaviourSignal[] own = [new("r", "c", BehaviourType.Referral, at.AddDays(-400))];

        var summary = BehaviourSummary.Encode(weekly.Concat(own));

        // One entry for the newsletter (its latest send) beside the person's own referral: sends never crowd it out.
        Assert.Equal(2, BehaviourSummary.Count(summary));
        Assert.Equal((BehaviourKeys.ExposureSlot, at), BehaviourSummary.Entry(summary, 1));
    }
}
