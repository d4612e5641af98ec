using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Tests.Engine;

/// <summary>
/// A trait the people tagged lately bring: held by 45% of the people profiled in the last 45 days and by almost nobody
/// before, about 12% over everyone, under the emerging threshold. The emerging test also runs on the people profiled in
/// the rule's window, so the trait is named, not only "who gets tagged is changing".
/// </summary>
public sealed class RecentEmergenceTests
{
    private const string NewFear = "losing-relevance";

    private static DriftEvaluation Evaluate(int seed, double recentShare)
    {
        var data = SampleOrganisation.Generate(new SampleOptions { NoDrift = true, Seed = seed });
        var asOf = data.ExportedOn!.Value;
        var random = new Random(seed);
        var profiles = data.Profiles.Select(p =>
        {
            if (p.PersonaId != "ops-leader" || p.Traits.Count == 0)
            {
                return p;
            }

            var recent = (asOf - p.ProfileUpdatedOn).TotalDays < 45;
            return random.NextDouble() < (recent ? recentShare : 0.01)
                ? p with { Traits = p.Traits.With(TraitDimension.CoreFear, [.. p.Traits[TraitDimension.CoreFear], NewFear]) }
                : p;
        }).ToList();
        var population = PopulationBuilder.Build(data.Personas, profiles, data.Signals, asOf);
        return new DriftEngine().Evaluate(population, data.Rules);
    }

    [Fact]
    public void ATraitNewPeopleBring_IsNamed_WithTheWindowAndItsShareOverEveryone()
    {
        var found = 0;
        var overall = new List<double>();
        for (var seed = 1; seed <= 20; seed++)
        {
            var evaluation = Evaluate(700 + seed, 0.45);
            var finding = evaluation.Drift.SingleOrDefault(f => f.PersonaId == "ops-leader" && f.Metric == DriftMetric.EmergingTrait && f.Subject == NewFear);
            if (finding is null)
            {
                continue;
            }

            found++;
            if (finding.Evidence.RecentDays is { } days)
            {
                Assert.Contains(days, new[] { 45, 90 });
                Assert.NotNull(finding.Evidence.Overall);
                overall.Add(finding.Evidence.Overall!.Value);
                Assert.Contains($"profiled in the last {days} days", finding.Headline, StringComparison.Ordinal);
                var suggestion = Assert.Single(evaluation.Suggestions, s => s.FindingIds.Contains(finding.Id));
                Assert.Equal(SuggestionType.AddTrait, suggestion.Type);
            }
        }

        Assert.True(found >= 19, $"named in {found} of 20 runs");
        Assert.NotEmpty(overall);
        Assert.All(overall, share => Assert.True(share < 0.15, $"{share}"));
    }

    [Fact]
    public void AFewRecentPeopleWithATrait_AreNotEmergence()
    {
        // 5% of the recent people, 1% before: nothing to name.
        var named = Enumerable.Range(1, 20).Count(seed => Evaluate(800 + seed, 0.05).Drift.Any(f => f.Subject == NewFear));

        Assert.True(named <= 1, $"named in {named} of 20 runs");
    }
}
