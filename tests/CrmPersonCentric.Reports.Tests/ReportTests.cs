using System.Net;
using System.Text.RegularExpressions;
using CrmPersonCentric.Application.History;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Import;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Reports.View;

namespace CrmPersonCentric.Reports.Tests;

public sealed partial class ReportTests
{
    private static (OrgData Data, DriftEvaluation Evaluation) Evaluate(double scale = 0.5, Func<OrgData, OrgData>? change = null, SampleOptions? options = null)
    {
        var data = SampleOrganisation.Generate((options ?? new SampleOptions()) with { Scale = scale });
        data = change?.Invoke(data) ?? data;
        var population = PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, data.ExportedOn!.Value);
        return (data, new DriftEngine(new EvaluationOptions { Taxonomy = data.Taxonomy }).Evaluate(population, data.Rules));
    }

    private static ReportRequest Request(OrgData data, DriftEvaluation evaluation, ReportLinks? links = null) =>
        new(data.Organisation, data.Personas, evaluation, RunHistory.Append([], evaluation, data.Taxonomy), data.Taxonomy, new RunFacts(1234, TimeSpan.FromSeconds(2))) { Links = links ?? ReportLinks.None };

    private static Task<RenderedReports> Render(ReportRequest request, bool beside = false) =>
        new HtmlReports(beside ? ["findings.json"] : default).RenderAsync(request, TestContext.Current.CancellationToken);

    /// <summary>What a person reads: the text of the page, without tags, styles or charts' markup (chart labels stay).</summary>
    private static string Text(string html) =>
        WebUtility.HtmlDecode(Tags().Replace(Styles().Replace(html, " "), " "));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex Styles();

    [Fact]
    public async Task Every_page_is_self_contained_and_holds_no_personal_data()
    {
        var (data, evaluation) = Evaluate();
        var rendered = await Render(Request(data, evaluation));

        Assert.Equal(3, rendered.Owners.Length);
        var ofNote = evaluation.Personas.SelectMany(p => p.Advocates.People.Select(a => a.ContactId)).ToHashSet(StringComparer.Ordinal);
        foreach (var html in rendered.Owners.SelectMany(o => new[] { o.Html, o.Digest! }).Append(rendered.Index))
        {
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("url\\((?!#)", html);
            Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain(data.Profiles.Select(p => p.DeepPersonalDesire).OfType<string>().Distinct(), d => html.Contains(d, StringComparison.Ordinal));
            // Contact ids appear only as the persons of note (advocates and connectors), never beside traits.
            Assert.All(Regex.Matches(html, "c-[0-9]{6}").Select(m => m.Value), id => Assert.Contains(id, ofNote));
        }
    }

    public static TheoryData<double, double, double, double> Organisations => new()
    {
        { 1, 0.25, 0.1, 0.3 },   // the shipped shape with a long tail of phrasings
        { 0.15, 0.9, 0.5, 0 },   // few people, most never enriched: most figures "not enough people to tell"
    };

    [Theory]
    [MemberData(nameof(Organisations))]
    public async Task No_internal_key_or_malformed_figure_appears_in_any_text_a_person_reads(double scale, double unenriched, double emptyDimension, double longTail)
    {
        var (data, evaluation) = Evaluate(scale, options: new SampleOptions { UnenrichedShare = unenriched, EmptyDimensionShare = emptyDimension, LongTailShare = longTail });
        var rendered = await Render(Request(data, evaluation));
        var keys = evaluation.Findings.Select(f => f.Id).Concat(evaluation.Suggestions.Select(s => s.Key)).ToList();

        foreach (var html in rendered.Owners.SelectMany(o => new[] { o.Html, o.Digest! }).Append(rendered.Index))
        {
            var text = Text(html);
            Assert.DoesNotContain("q = <", text, StringComparison.Ordinal);
            Assert.DoesNotContain("= &lt;", html, StringComparison.Ordinal);
            Assert.DoesNotMatch("(?<![0-9,.])1 (people|signals|contacts|things|findings|items|personas|days)\\b", text);
            Assert.DoesNotMatch("\\b(communitycontribution|eventattendance|contentcocreation|messagingresponse|peerReferral|salesLed|outside-icp|industry:|theme:)", text);
            Assert.DoesNotContain("Persona split: split", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Widen icp", text, StringComparison.Ordinal);
            Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
            Assert.DoesNotContain(keys, k => text.Contains(k, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_persona_is_healthy_only_when_nothing_needs_doing_and_the_needs_work_persona_says_so()
    {
        var (data, evaluation) = Evaluate(1);
        var request = Request(data, evaluation);
        var views = OwnerReport.ForEachOwner(request).Select(r => OwnerViews.Build(r)).ToList();

        var personas = views.SelectMany(v => v.Personas).ToList();
        Assert.All(personas.Where(p => p.State == PersonaState.Healthy), p =>
        {
            Assert.Empty(p.Drift);
            Assert.Empty(p.NeedsWork);
            Assert.Empty(p.Opportunities);
            Assert.Empty(p.Summary.Depth);
        });
        Assert.All(personas.Where(p => !p.Summary.Depth.IsEmpty), p => Assert.NotEqual(PersonaState.Healthy, p.State));
        var innovation = personas.Single(p => p.Summary.PersonaId == "innovation-decision-maker");
        Assert.Equal(PersonaState.NeedsWork, innovation.State);
        Assert.Equal(4, innovation.NeedsWork.Count(w => w.Label == "definition"));
        // Most of the finance controller's people met only marketing: the engine's siloed-journey opportunity, told once.
        var finance = personas.Single(p => p.Summary.PersonaId == "finance-controller");
        Assert.Contains(finance.Opportunities, o => o.Headline.StartsWith("Most of its people meet one function only, mostly marketing", StringComparison.Ordinal));
        Assert.DoesNotContain(finance.NeedsWork, w => w.Label == "journey");
        Assert.NotEqual(PersonaState.Healthy, finance.State);
        var priya = (await Render(request)).Owners.Single(o => o.Owner.Id == "owner-priya").Html;
        Assert.DoesNotContain("No revision needed", priya, StringComparison.Ordinal);
        // Each persona's order follows urgency, and the actions follow tone, then effect.
        Assert.All(views, v => Assert.Equal(v.Personas.OrderBy(p => p.State).Select(p => p.Name), v.Personas.Select(p => p.Name)));
        Assert.All(views, v => Assert.Equal(v.Actions.OrderBy(a => a.Tone).Select(a => a.Tone), v.Actions.Select(a => a.Tone)));
    }

    [Fact]
    public async Task The_report_opens_with_the_actions_each_linking_to_evidence_on_the_page()
    {
        var (data, evaluation) = Evaluate();
        var rendered = await Render(Request(data, evaluation));

        foreach (var report in rendered.Owners)
        {
            var html = report.Html;
            var actions = html.IndexOf("<h2 id=\"this-week\">", StringComparison.Ordinal);
            Assert.True(actions > 0 && actions < html.IndexOf("<section class=\"persona\"", StringComparison.Ordinal));
            var ids = Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            var links = Regex.Matches(html, "<ol class=\"actions\">.*?</ol>", RegexOptions.Singleline).SelectMany(m => Regex.Matches(m.Value, "href=\"#([^\"]+)\"").Select(l => l.Groups[1].Value)).ToList();
            Assert.NotEmpty(links);
            Assert.All(links, anchor => Assert.Contains(anchor, ids));
            // The figures and the ops admins' tables are collapsed or last.
            Assert.True(html.IndexOf("id=\"for-ops-admins\"", StringComparison.Ordinal) > html.LastIndexOf("<section class=\"persona\"", StringComparison.Ordinal));
        }

        Assert.Contains("Phrasings the trait taxonomy does not know", string.Concat(rendered.Owners.Select(o => o.Html)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_to_act_lead_to_the_revision_row_the_persona_form_and_the_working_views()
    {
        var (data, evaluation) = Evaluate(0.5, d => d with { Personas = [.. d.Personas.Select((p, i) => p with { Id = Guid.Parse($"00000000-0000-0000-0000-00000000000{i + 1}").ToString("D") })], Profiles = [.. d.Profiles.Select(c => c with { PersonaId = c.PersonaId is null ? null : Guid.Parse($"00000000-0000-0000-0000-00000000000{d.Personas.ToList().FindIndex(p => p.Id == c.PersonaId) + 1}").ToString("D") })] });
        var app = Guid.NewGuid();
        var suggestion = evaluation.Suggestions[0];
        var row = Guid.NewGuid();
        var request = Request(data, evaluation, new ReportLinks(new Uri("https://contoso.crm.dynamics.com/"), app, new Uri("https://reports.contoso.example/persona")))
            with { RevisionRows = new Dictionary<string, Guid> { [suggestion.Key] = row }, Folder = "2026-11-01" };

        var rendered = await Render(request);

        var all = string.Concat(rendered.Owners.Select(o => o.Html));
        Assert.Contains($"https://contoso.crm.dynamics.com/main.aspx?appid={app:D}&amp;pagetype=entityrecord&amp;etn=cpc_personarevision&amp;id={row:D}", all, StringComparison.Ordinal);
        Assert.Contains($"https://contoso.crm.dynamics.com/main.aspx?appid={app:D}&amp;pagetype=entityrecord&amp;etn=cpc_persona&amp;id={suggestion.PersonaId}", all, StringComparison.Ordinal);
        Assert.Contains($"etn=contact&amp;viewid={ActLinks.ViewId("contact", ActLinks.EnrichmentView):D}&amp;viewtype=1039", all, StringComparison.Ordinal);
        var digest = rendered.Owners.Single(o => o.Html.Contains(row.ToString("D"), StringComparison.Ordinal)).Digest!;
        Assert.Matches("href=\"https://reports.contoso.example/persona/2026-11-01/report-owner-[a-z]+.html\"", digest);
        Assert.Contains("Accept or reject", digest, StringComparison.Ordinal);
    }

    [Fact]
    public void The_full_report_link_keeps_the_archive_addresss_query_at_the_end()
    {
        var links = new ReportLinks(null, null, new Uri("https://contoso.blob.core.windows.net/cpc-reports?sv=2025-01-01&sig=abc"));

        Assert.Equal("https://contoso.blob.core.windows.net/cpc-reports/2026-11-01/report-owner-maya.html?sv=2025-01-01&sig=abc",
            ActLinks.FullReport(links, "2026-11-01", "report-owner-maya.html", besideIt: false));
        Assert.Equal("report-owner-maya.html", ActLinks.FullReport(ReportLinks.None, null, "report-owner-maya.html", besideIt: true));
        Assert.Null(ActLinks.FullReport(ReportLinks.None, "2026-11-01", "report-owner-maya.html", besideIt: false));
    }

    [Fact]
    public void An_opportunity_a_suggestion_rests_on_is_one_action_not_two()
    {
        var (data, evaluation) = Evaluate(1);
        var maya = OwnerViews.Build(OwnerReport.ForEachOwner(Request(data, evaluation)).Single(r => r.Owner.Id == "owner-maya"));

        var opportunity = evaluation.Findings.Single(f => f.Status == FindingStatus.Opportunity && f.PersonaId == "sales-director" && f.Subject == "theme:quota-confidence");
        Assert.Single(maya.Actions, a => a.Text == "Lead with a message: Quota confidence");
        Assert.DoesNotContain(maya.Actions, a => a.Text == opportunity.Headline);
        Assert.DoesNotContain(maya.Personas.SelectMany(p => p.Opportunities), o => o.Headline == opportunity.Headline);
    }

    [Fact]
    public async Task Without_links_nothing_points_into_Dataverse_and_the_digest_names_where_the_report_is()
    {
        var (data, evaluation) = Evaluate(0.2);

        var rendered = await Render(Request(data, evaluation) with { Folder = "2026-11-01" });

        Assert.All(rendered.Owners, o => Assert.DoesNotContain("main.aspx", o.Html, StringComparison.Ordinal));
        Assert.All(rendered.Owners, o => Assert.Contains($"reports archive: 2026-11-01/{o.FileName}", o.Digest!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Persona_names_are_encoded()
    {
        var (data, evaluation) = Evaluate(0.2, d => d with { Personas = [.. d.Personas.Select(p => p with { Name = "<b>R&D</b> " + p.Name })] });

        var rendered = await Render(Request(data, evaluation));

        foreach (var html in rendered.Owners.SelectMany(o => new[] { o.Html, o.Digest! }).Append(rendered.Index))
        {
            Assert.DoesNotContain("<b>R&D</b>", html, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;b&gt;R&amp;D&lt;/b&gt;", rendered.Owners[0].Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_behind_the_report_is_in_its_header_with_plurals_that_agree()
    {
        var (data, evaluation) = Evaluate(0.2);
        var report = OwnerReport.ForEachOwner(Request(data, evaluation))[0];

        var (many, _) = await HtmlReports.RenderOwnerAsync(report with { Run = new RunFacts(12_345, TimeSpan.FromMilliseconds(3_240)) { ContactsLeftOut = 1 } });
        var (none, _) = await HtmlReports.RenderOwnerAsync(report with { Run = null });

        Assert.Contains("12,345 tagged contacts evaluated in 3.2 s · 1 contact left out", Text(many), StringComparison.Ordinal);
        Assert.DoesNotContain("evaluated in", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_run_says_changes_and_trends_come_later_and_a_later_one_draws_charts_with_axes()
    {
        var (data, evaluation) = Evaluate(0.3);
        var first = await Render(Request(data, evaluation));
        Assert.Contains("Trends appear from the second run", first.Owners[0].Html, StringComparison.Ordinal);
        Assert.Contains("This is the first run kept", first.Owners[0].Html, StringComparison.Ordinal);

        var later = evaluation with { AsOf = evaluation.AsOf.AddDays(7) };
        var history = RunHistory.Append(RunHistory.Append([], evaluation, data.Taxonomy), later, data.Taxonomy);
        var second = await Render(new ReportRequest(data.Organisation, data.Personas, later, history, data.Taxonomy, new RunFacts(1, TimeSpan.Zero)) { Changes = RunChanges.Of(history, later.AsOf) });

        var html = second.Owners.Single(o => o.Owner.Id == "owner-maya").Html;
        var charts = Regex.Matches(html, "<svg viewBox=.*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        Assert.NotEmpty(charts);
        Assert.All(charts, svg =>
        {
            Assert.Contains(">0%<", svg.Replace("0.00<", "0%<", StringComparison.Ordinal), StringComparison.Ordinal); // the value axis' labels
            Assert.Contains("Run (data as of)", svg, StringComparison.Ordinal); // the time axis' title
            Assert.Contains("aria-label=", svg, StringComparison.Ordinal);
        });
        // Clip paths are named per chart: ids stay unique in the page.
        var clips = Regex.Matches(html, "<clipPath id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(clips.Count, clips.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("Nothing changed", html, StringComparison.Ordinal);
    }

    [Fact]
    public void History_Corrupt_NamesTheFile()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("history.json"), "{ not json");

        var ex = Assert.Throws<InvalidDataException>(() => RunHistoryFile.Load(temp.File("history.json")));

        Assert.Contains("history.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void History_SameAsOfReplaces_LaterAsOfAppends()
    {
        var (data, evaluation) = Evaluate(0.2);
        var history = RunHistory.Append(RunHistory.Append([], evaluation), evaluation);
        Assert.Equal(data.Personas.Length, history.Length);

        history = RunHistory.Append(history, evaluation with { AsOf = evaluation.AsOf.AddDays(7) });

        Assert.Equal(2 * data.Personas.Length, history.Length);
    }

    [Fact]
    public void UnderRecordedDimensions_AreOneActionPerPersona_NamingEachDimension()
    {
        // Sales users wrote down 60% of what people hold: every persona's dimensions are under-recorded alike.
        var (data, evaluation) = Evaluate(options: new SampleOptions { NoDrift = true, RecordingChance = 0.6 });
        var request = Request(data, evaluation);
        var views = OwnerReport.ForEachOwner(request).Select(r => OwnerViews.Build(r)).ToList();

        var depth = evaluation.DataQuality.Where(f => f.Subject == Drift.Analyzers.TraitAnalyzer.RecordingDepthSubject).ToList();
        Assert.NotEmpty(depth);
        foreach (var persona in depth.GroupBy(f => f.PersonaId))
        {
            var name = data.Personas.Single(p => p.Id == persona.Key).Name;
            var actions = views.SelectMany(v => v.Actions).Where(a => a.PersonaName == name && a.Text.Contains("under-recorded", StringComparison.Ordinal)).ToList();
            var action = Assert.Single(actions);
            Assert.All(persona, f => Assert.Contains(CrmPersonCentric.Model.TraitDimensions.ToDisplayName(f.Dimension!.Value).ToLowerInvariant(), action.Text, StringComparison.Ordinal));
        }
    }
}
