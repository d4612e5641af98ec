using CrmPersonCentric.Drift.Analyzers;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Import.Sample;

namespace CrmPersonCentric.Drift.Tests.Engine;

/// <summary>
/// Sales users write down some of what they learn: here each trait a person holds is recorded with chance 0.6. The
/// shortfall every trait shares is one data-quality finding per dimension, not drift of each trait; the planted changes
/// are still found, with their effect on the scale of all the persona's people.
/// </summary>
public sealed class PartialRecordingTests
{
    private const int Seeds = 8;

    private static DriftEvaluation Evaluate(SampleOptions options)
    {
        var data = SampleOrganisation.Generate(options);
        var population = PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, data.ExportedOn!.Value);
        return new DriftEngine().Evaluate(population, data.Rules);
    }

    private static IEnumerable<(int Seed, DriftEvaluation Evaluation)> OverSeeds(SampleOptions options) =>
        Enumerable.Range(1, Seeds).Select(seed => (seed, Evaluate(options with { Seed = 9100 + seed })));

    [Fact]
    public void PlantedChanges_AreFoundUnderPartialRecording_OnTheTrueScale()
    {
        var missed = new List<string>();
        var workLifeBalance = new List<double>();
        foreach (var (seed, evaluation) in OverSeeds(new SampleOptions { RecordingChance = 0.6 }))
        {
            void Expect(string persona, DriftMetric metric, string? subject)
            {
                if (!evaluation.Drift.Any(f => f.PersonaId == persona && f.Metric == metric && (subject is null || f.Subject == subject)))
                {
                    missed.Add($"seed {seed}: {persona} {metric} {subject}");
                }
            }

            Expect("sales-director", DriftMetric.StaleTrait, "budget-cuts");
            Expect("sales-director", DriftMetric.TraitPrevalence, "work-life-balance");
            Expect("sales-director", DriftMetric.EmergingTrait, "being-replaced-by-ai");
            Expect("dev-champion", DriftMetric.PersonaSplit, null);

            // Declared 0.2, held by half the people: reported near 0.5, not near the recorded share (about 0.3).
            workLifeBalance.Add(evaluation.Drift.Single(f => f.Subject == "work-life-balance").Evidence.Observed);

            // The other fears of the sales director are as declared: the stale one must not drag them up.
            Assert.DoesNotContain(evaluation.Drift, f => f.PersonaId == "sales-director" && f.Subject is "missing-quota" or "pipeline-dry-up");
            Assert.DoesNotContain(evaluation.Drift, f => f.PersonaId is "ops-leader" or "finance-controller" && f.Dimension is not null);
        }

        Assert.True(missed.Count == 0, "missed:\n" + string.Join('\n', missed));
        Assert.InRange(workLifeBalance.Average(), 0.42, 0.58);
    }

    [Fact]
    public void AShortfallEveryTraitShares_IsOneDataQualityFindingPerDimension_NeverDrift()
    {
        var evaluation = Evaluate(new SampleOptions { NoDrift = true, RecordingChance = 0.6, Seed = 11 });

        var depth = evaluation.Findings.Where(f => f.Subject == TraitAnalyzer.RecordingDepthSubject).ToList();

        Assert.NotEmpty(depth);
        Assert.All(depth, f =>
        {
            Assert.Equal(FindingStatus.DataQuality, f.Status);
            Assert.NotNull(f.Dimension);
            Assert.Contains("under-recorded", f.Headline, StringComparison.Ordinal);
            Assert.Contains("not drift", f.Rationale, StringComparison.Ordinal);
        });

        // The personas whose people hold independent traits: the factor found is near the chance the data were made with
        // (from two declared traits it rests on how many people have both, so it is looser there).
        Assert.All(depth.Where(f => f.PersonaId != "dev-champion"), f => Assert.InRange(f.Evidence.Observed, 0.4, 0.8));
        Assert.DoesNotContain(evaluation.Drift, f => f.Dimension is not null);
        Assert.DoesNotContain(evaluation.Suggestions, s => s.FindingIds.Any(id => id.Contains(TraitAnalyzer.RecordingDepthSubject, StringComparison.Ordinal)));
    }

    [Fact]
    public void CompleteRecording_RaisesNoRecordingFinding()
    {
        var evaluation = Evaluate(new SampleOptions { NoDrift = true, Seed = 11 });

        Assert.DoesNotContain(evaluation.Findings, f => f.Subject == TraitAnalyzer.RecordingDepthSubject);
    }
}
