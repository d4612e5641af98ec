using CrmPersonCentric.Application.History;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Import;
using CrmPersonCentric.Import.Sample;

namespace CrmPersonCentric.Reports.Tests;

public sealed class ReportTests
{
    private static (OrgData Data, DriftEvaluation Evaluation) Evaluate(double scale = 0.5, Func<OrgData, OrgData>? change = null)
    {
        var data = SampleOrganisation.Generate(new SampleOptions { Scale = scale });
        data = change?.Invoke(data) ?? data;
        var population = PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, data.ExportedOn!.Value);
        return (data, new DriftEngine().Evaluate(population, data.Rules));
    }

    [Fact]
    public void Render_IsSelfContainedAndHoldsNoPersonalData()
    {
        var (data, evaluation) = Evaluate();
        var reports = OwnerReport.ForEachOwner(data.Organisation, data.Personas, evaluation, RunHistory.Append([], evaluation), data.Taxonomy);

        Assert.Equal(3, reports.Length);
        foreach (var report in reports)
        {
            var html = HtmlReportRenderer.Render(report);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(data.Profiles.Select(p => p.DeepPersonalDesire).OfType<string>().Distinct(), d => html.Contains(d, StringComparison.Ordinal));
            // Contact ids appear only as the persons of note (advocates and connectors), never beside traits.
            var ofNote = evaluation.Personas.SelectMany(p => p.Advocates.People.Select(a => a.ContactId)).ToHashSet(StringComparer.Ordinal);
            var ids = System.Text.RegularExpressions.Regex.Matches(html, "c-[0-9]{6}").Select(m => m.Value).ToList();
            Assert.All(ids, id => Assert.Contains(id, ofNote));
            Assert.Contains("Trends appear once earlier runs exist", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_ShowsPersonsOverAverages_DepthOpportunitiesAdvocatesTrustThemesAndJourney()
    {
        var (data, evaluation) = Evaluate(scale: 1);
        var reports = OwnerReport.ForEachOwner(data.Organisation, data.Personas, evaluation, [], data.Taxonomy).ToDictionary(r => r.Owner.Id);

        var maya = HtmlReportRenderer.Render(reports["owner-maya"]);
        Assert.Contains("How its people extend trust", maya, StringComparison.Ordinal);
        Assert.Contains("Change go to market", maya, StringComparison.Ordinal);
        Assert.Contains("Messages that land", maya, StringComparison.Ordinal);
        Assert.Contains("Opportunities (not drift)", maya, StringComparison.Ordinal);
        Assert.Contains("Quota confidence", maya, StringComparison.Ordinal);
        Assert.Contains("One journey across functions", maya, StringComparison.Ordinal);
        Assert.Contains("has not been revised for", maya, StringComparison.Ordinal);

        var tom = HtmlReportRenderer.Render(reports["owner-tom"]);
        var dev = evaluation.Personas.Single(p => p.PersonaId == "dev-champion").Advocates;
        Assert.Contains("Advocates and connectors (last 90 days)", tom, StringComparison.Ordinal);
        Assert.Contains(dev.People[0].ContactId, tom, StringComparison.Ordinal);
        Assert.DoesNotContain(dev.People[HtmlReportRenderer.ListedPeopleOfNote].ContactId, tom, StringComparison.Ordinal);
        Assert.Contains("Build advocate programme", tom, StringComparison.Ordinal);

        var priya = HtmlReportRenderer.Render(reports["owner-priya"]);
        Assert.Contains("Persona depth: 4 things to fix", priya, StringComparison.Ordinal);
        Assert.Contains("What to do:", priya, StringComparison.Ordinal);
        Assert.Matches("met only one function", priya);
    }

    [Fact]
    public void Render_SalesDirector_ShowsSuggestionsIntervalsAndGroups()
    {
        var (data, evaluation) = Evaluate();
        var maya = OwnerReport.ForEachOwner(data.Organisation, data.Personas, evaluation, [], data.Taxonomy).Single(r => r.Owner.Id == "owner-maya");
        var tom = OwnerReport.ForEachOwner(data.Organisation, data.Personas, evaluation, [], data.Taxonomy).Single(r => r.Owner.Id == "owner-tom");

        var html = HtmlReportRenderer.Render(maya);

        Assert.Contains("Growth-Minded Sales Director", html, StringComparison.Ordinal);
        Assert.Contains("Retire trait", html, StringComparison.Ordinal);
        Assert.Contains("Being replaced by AI", html, StringComparison.Ordinal);
        Assert.Contains("95% interval", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Developer Community Champion", html, StringComparison.Ordinal);
        Assert.Contains("Groups hiding in this persona", HtmlReportRenderer.Render(tom), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EscapesPersonaNames()
    {
        var (data, evaluation) = Evaluate(0.2, d => d with { Personas = [.. d.Personas.Select(p => p with { Name = "<b>R&D</b> " + p.Name })] });
        var report = OwnerReport.ForEachOwner(data.Organisation, data.Personas, evaluation, [], data.Taxonomy)[0];

        var html = HtmlReportRenderer.Render(report);

        Assert.Contains("&lt;b&gt;R&amp;D&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>R&D</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void History_SameAsOfReplaces_LaterAsOfAppendsAndShowsATrend()
    {
        var (data, evaluation) = Evaluate(0.2);
        var history = RunHistory.Append(RunHistory.Append([], evaluation), evaluation);
        Assert.Equal(data.Personas.Length, history.Length);

        var later = evaluation with { AsOf = evaluation.AsOf.AddDays(7) };
        history = RunHistory.Append(history, later);
        Assert.Equal(2 * data.Personas.Length, history.Length);

        var report = OwnerReport.ForEachOwner(data.Organisation, data.Personas, later, history, data.Taxonomy)[0];
        var html = HtmlReportRenderer.Render(report);
        Assert.Contains("<polyline", html, StringComparison.Ordinal);
        Assert.Contains("Mean fit over the last 2 runs", html, StringComparison.Ordinal);
    }

    [Fact]
    public void History_Corrupt_NamesTheFile()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("history.json"), "{ not json");

        var ex = Assert.Throws<InvalidDataException>(() => RunHistoryFile.Load(temp.File("history.json")));

        Assert.Contains("history.json", ex.Message, StringComparison.Ordinal);
    }
}
