using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Import.Sample;

namespace CrmPersonCentric.Reports.Tests;

public sealed class CoverageReportTests
{
    private static (string Html, DriftEvaluation Evaluation, OwnerReport Report) RenderSalesDirector(SampleOptions options)
    {
        var data = SampleOrganisation.Generate(options);
        var population = PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, data.ExportedOn!.Value);
        var evaluation = new DriftEngine(new EvaluationOptions { Taxonomy = data.Taxonomy }).Evaluate(population, data.Rules);
        var report = OwnerReport.ForEachOwner(data.Organisation, data.Personas, evaluation, [], data.Taxonomy).Single(r => r.Owner.Id == "owner-maya");
        return (HtmlReportRenderer.Render(report), evaluation, report);
    }

    [Fact]
    public void LowCoverage_IsShownAsDataQuality_WithTheWorklistSize_AndNoContactIds()
    {
        var (html, evaluation, report) = RenderSalesDirector(new SampleOptions { UnenrichedShare = 0.6, EmptyDimensionShare = 0.3, Scale = 0.5 });

        Assert.Contains(report.Findings, f => f.Status == FindingStatus.DataQuality);
        Assert.Contains("Data quality (not drift)", html, StringComparison.Ordinal);
        Assert.Contains("The persona is not wrong", html, StringComparison.Ordinal);
        Assert.Contains("thin:", html, StringComparison.Ordinal);
        var worklist = report.Worklists.Single(w => w.PersonaId == "sales-director");
        Assert.Contains($"{worklist.Candidates:N0} tagged people miss at least one dimension", html, StringComparison.Ordinal);
        Assert.All(evaluation.Worklists.SelectMany(w => w.Contacts), c => Assert.DoesNotContain(c.ContactId, html, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryTraitTable_SaysHowManyPeopleItRestsOn()
    {
        var (html, _, report) = RenderSalesDirector(new SampleOptions { Scale = 0.5 });

        foreach (var d in report.Personas.SelectMany(p => p.Dimensions).Where(d => d.Recorded > 0))
        {
            Assert.Contains($"n = {d.Recorded:N0} recorded ({(d.Coverage * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture)}% coverage", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("The persona is not wrong", RenderSalesDirector(SampleOptions.Complete with { Scale = 0.5 }).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void CandidateTraits_AreListedWithProposedMappings_SingletonsWithoutOneAreLeftOut()
    {
        var (html, _, report) = RenderSalesDirector(new SampleOptions { LongTailShare = 0.5, Scale = 0.5 });
        var candidates = report.Personas.SelectMany(p => p.Dimensions).SelectMany(d => d.CandidateTraits).ToList();

        Assert.Contains("Candidate traits (phrasings the taxonomy does not know)", html, StringComparison.Ordinal);
        var mapped = Assert.Single(candidates.Where(c => c.NearKey is not null).Take(1));
        Assert.Contains($"\">{mapped.Key}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"({mapped.NearKey})", html, StringComparison.Ordinal);
        foreach (var singleton in candidates.Where(c => c.NearKey is null && c.Count == 1))
        {
            Assert.DoesNotContain($"\">{singleton.Key}</td>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheRunBehindTheReport_IsInItsHeader()
    {
        var (_, _, report) = RenderSalesDirector(new SampleOptions { Scale = 0.2 });

        var html = HtmlReportRenderer.Render(report with { Run = new RunFacts(12_345, TimeSpan.FromMilliseconds(3_240)) });

        Assert.Contains("12,345 tagged contacts evaluated in 3.2 s", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tagged contacts evaluated in", HtmlReportRenderer.Render(report with { Run = null }), StringComparison.Ordinal);
    }
}
