using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Tests.Engine;

public sealed class PlantedDriftTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private readonly DriftEvaluation _sut = fixture.Evaluation;

    private Finding? Drift(string persona, DriftMetric metric, string? subject = null) =>
        _sut.Drift.FirstOrDefault(f => f.PersonaId == persona && f.Metric == metric && (subject is null || f.Subject == subject));

    [Fact]
    public void HealthyPersonas_HaveNoDriftFindings()
    {
        Assert.DoesNotContain(_sut.Drift, f => f.PersonaId is "ops-leader" or "finance-controller");
    }

    [Fact]
    public void StaleTrait_IsFoundWithEvidence()
    {
        var finding = Drift("sales-director", DriftMetric.StaleTrait, "budget-cuts");

        Assert.NotNull(finding);
        Assert.Equal(TraitDimension.CoreFear, finding.Dimension);
        Assert.Equal(0.5, finding.Evidence.Expected);
        Assert.InRange(finding.Evidence.Observed, 0.05, 0.15);
        Assert.True(finding.Evidence.IntervalLow < finding.Evidence.Observed && finding.Evidence.Observed < finding.Evidence.IntervalHigh);
        Assert.True(finding.Evidence.QValue < 0.001);
        Assert.Contains("Budget cuts", finding.Rationale, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("being-replaced-by-ai")]
    [InlineData("revops-collective")]
    public void EmergingTraits_AreFound(string trait)
    {
        Assert.NotNull(Drift("sales-director", DriftMetric.EmergingTrait, trait));
    }

    [Fact]
    public void EmergingFear_ShowsAsShiftBetweenWindows()
    {
        var finding = Drift("sales-director", DriftMetric.PopulationStability);

        Assert.NotNull(finding);
        Assert.Equal(TraitDimension.CoreFear, finding.Dimension);
        // It names the trait behind the shift, and keeps the dimension's id (stable while the trait behind it changes).
        Assert.Equal("Being replaced by AI", finding.SubjectLabel);
        Assert.EndsWith("differ from those tagged before, 'Being replaced by AI' most.", finding.Headline, StringComparison.Ordinal);
        Assert.Equal("sales-director:dimension-stability:corefears:-", finding.Id);
    }

    [Fact]
    public void MisweightedAspiration_IsFound()
    {
        Assert.NotNull(Drift("sales-director", DriftMetric.TraitPrevalence, "work-life-balance"));
    }

    [Fact]
    public void MessagingDepth_IsFoundWhereThePersonaStopsAtLayerTwo()
    {
        var finding = Drift("sales-director", DriftMetric.MessagingDepth);

        Assert.NotNull(finding);
        Assert.True(finding.Evidence.Observed > finding.Evidence.Expected!.Value + 0.2);
        Assert.Contains(_sut.Suggestions, s => s.PersonaId == "sales-director" && s.Type == SuggestionType.DeepenMessaging && s.ProposedValue == 4);
    }

    [Fact]
    public void DroppedReferrals_AreFound()
    {
        Assert.NotNull(Drift("sales-director", DriftMetric.BehaviourShare, "referral"));
        Assert.NotNull(Drift("sales-director", DriftMetric.BehaviourRate, "referral"));
        Assert.DoesNotContain(_sut.Drift, f => f.PersonaId == "sales-director" && f.Metric == DriftMetric.BehaviourShare && f.Subject != "referral");
    }

    [Fact]
    public void HiddenGroups_AreFoundAndDescribed()
    {
        var finding = Drift("dev-champion", DriftMetric.PersonaSplit);
        var suggestion = Assert.Single(_sut.Suggestions, s => s.PersonaId == "dev-champion" && s.Type == SuggestionType.SplitPersona);

        Assert.NotNull(finding);
        Assert.Equal(2, suggestion.Groups.Length);
        Assert.All(suggestion.Groups, g => Assert.InRange(g.Share, 0.35, 0.65));
        var keys = suggestion.Groups.Select(g => g.DefiningTraits.Select(t => t.Key).ToHashSet()).ToList();
        Assert.Contains(keys, k => k.Contains("open-source-maintainers"));
        Assert.Contains(keys, k => k.Contains("platform-engineers"));
        Assert.DoesNotContain(_sut.Drift, f => f.PersonaId != "dev-champion" && f.Metric == DriftMetric.PersonaSplit);
    }

    [Fact]
    public void IcpLeakage_OfWellFittingPeople_SuggestsWideningTheIcp()
    {
        var finding = Drift("it-guardian", DriftMetric.IcpLeakage);
        var suggestion = Assert.Single(_sut.Suggestions, s => s.PersonaId == "it-guardian");

        Assert.NotNull(finding);
        Assert.InRange(finding.Evidence.Observed, 0.28, 0.42);
        Assert.Equal(SuggestionType.WidenIcp, suggestion.Type);
        Assert.Contains(suggestion.Details, d => d.StartsWith("industry:", StringComparison.Ordinal));
    }

    [Fact]
    public void Suggestions_AreDeduplicatedAndCarryTheirFindings()
    {
        Assert.Equal(_sut.Suggestions.Length, _sut.Suggestions.Select(s => s.Key).Distinct().Count());
        var retire = Assert.Single(_sut.Suggestions, s => s.Type == SuggestionType.RetireTrait);
        Assert.DoesNotContain(_sut.Suggestions, s => s.Type == SuggestionType.ReweightTrait && s.Subject == retire.Subject);
        Assert.Contains(retire.FindingIds, id => id.Contains("misweighted-traits", StringComparison.Ordinal));
        Assert.All(_sut.Suggestions, s => Assert.All(s.FindingIds, id => Assert.Contains(_sut.Findings, f => f.Id == id)));
    }

    [Fact]
    public void MeanFit_EqualsTheModelsFitOfEveryPerson()
    {
        foreach (var persona in fixture.Data.Personas)
        {
            var fits = fixture.Data.Profiles.Where(p => p.PersonaId == persona.Id)
                .Select(p => Model.Fit.PersonaFit.Compute(persona, p.Traits)).OfType<double>().ToList();

            var summary = _sut.Personas.Single(s => s.PersonaId == persona.Id);
            Assert.Equal(fits.Count, summary.PeopleWithFit);
            Assert.Equal(fits.Average(), summary.MeanFit, 3);
        }
    }
}
