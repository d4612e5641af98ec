using CrmPersonCentric.Application.Evaluation;
using CrmPersonCentric.Application.Reports;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace CrmPersonCentric.Application.Tests;

public sealed class ReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendReports_ArchivesOneReportPerOwnerAndTheDaysIndex_WithoutASenderSendsNothing()
    {
        await using var backend = new InMemoryBackend();
        var owners = backend.Data.Personas.Select(p => p.Owner.Id).Distinct().Count();

        var archived = await backend.Action<SendReports>().RunAsync(Ct);

        Assert.Equal(owners, archived.Count);
        var day = backend.Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(archived, name => Assert.StartsWith(day + "/report-", name, StringComparison.Ordinal));
        // Each owner's report and its e-mail digest, and the index.
        var digests = archived.Select(name => name.Replace("/report-", "/digest-", StringComparison.Ordinal));
        Assert.Equal(archived.Concat(digests).Append(day + "/index.html").Order(StringComparer.Ordinal), backend.Records.Archive.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(backend.Records.Mails);
        // The weekly report evaluates read-only: nothing written, no run, no trend point.
        Assert.Empty(backend.Records.Written);
        Assert.Empty(backend.Records.Runs);
    }

    [Fact]
    public async Task SendReports_WithASender_SendsEachOwnerTheirReport()
    {
        var data = Import.Sample.SampleOrganisation.Generate(new Import.Sample.SampleOptions { Scale = 0.1, UntaggedPeople = 0 });
        // Owners as Dataverse users (the sample's owners have readable ids, which no mailbox has).
        var ids = data.Personas.Select(p => p.Owner.Id).Distinct().ToDictionary(id => id, _ => Guid.NewGuid(), StringComparer.Ordinal);
        data = data with { Personas = [.. data.Personas.Select(p => p with { Owner = p.Owner with { Id = ids[p.Owner.Id].ToString("D") } })] };
        await using var backend = new InMemoryBackend(data);
        var sender = Guid.NewGuid();
        backend.Reports.SenderUserId = sender;
        backend.Reports.ReportUrl = "https://intranet.contoso.example/persona-reports";

        var archived = await backend.Action<SendReports>().RunAsync(Ct);

        Assert.Equal(ids.Values.Order(), backend.Records.Mails.Select(m => m.OwnerUserId).Order());
        Assert.All(backend.Records.Mails, m => Assert.Equal(sender, m.SenderUserId));
        // The mail is the short digest (the full report is archived beside it).
        Assert.All(backend.Records.Mails, m => Assert.Contains(backend.Records.Archive, a => a.Key.Contains("/digest-", StringComparison.Ordinal) && a.Value == m.Html));
        Assert.All(backend.Records.Mails, m => Assert.Contains("Persona drift this week", m.Html, StringComparison.Ordinal));
        Assert.All(backend.Records.Mails, m => Assert.Contains("href=\"https://intranet.contoso.example/persona-reports/", m.Html, StringComparison.Ordinal));
        Assert.Equal(ids.Count, archived.Count);
    }

    [Fact]
    public async Task SendReports_WithNowhereServingTheArchive_SendsTheFullReport()
    {
        var data = Import.Sample.SampleOrganisation.Generate(new Import.Sample.SampleOptions { Scale = 0.1, UntaggedPeople = 0 });
        data = data with { Personas = [.. data.Personas.Select(p => p with { Owner = p.Owner with { Id = Guid.NewGuid().ToString("D") } })] };
        await using var backend = new InMemoryBackend(data);
        backend.Reports.SenderUserId = Guid.NewGuid();

        await backend.Action<SendReports>().RunAsync(Ct);

        Assert.NotEmpty(backend.Records.Mails);
        Assert.All(backend.Records.Mails, m => Assert.Contains(backend.Records.Archive, a => a.Key.Contains("/report-", StringComparison.Ordinal) && a.Value == m.Html));
    }

    [Fact]
    public async Task PublishReports_LaysTheRunOverTheHistoryKept()
    {
        Ports.ReportRequest? rendered = null;
        var renderer = Substitute.For<Ports.IReportRenderer>();
        renderer.RenderAsync(Arg.Do<Ports.ReportRequest>(r => rendered = r), Arg.Any<CancellationToken>()).Returns(new Ports.RenderedReports([], "index.html", "<html></html>"));
        await using var backend = new InMemoryBackend(configure: s => s.AddSingleton(renderer));
        var evaluate = backend.Action<EvaluateDrift>();
        await evaluate.RunAsync("timer", cancellationToken: Ct);
        backend.Time.Advance(TimeSpan.FromDays(7));
        var second = await evaluate.PreviewAsync("report", cancellationToken: Ct);

        await backend.Action<PublishReports>().PublishAsync("Org", second, Model.Taxonomy.TraitTaxonomy.Default, new Ports.RunFacts(second.Contacts, TimeSpan.FromSeconds(1)), cancellationToken: Ct);

        // The history kept (the first run) and this run, a week later, which was not recorded (a preview).
        Assert.Equal([second.Evaluation!.AsOf.AddDays(-7), second.Evaluation.AsOf], rendered!.History.Select(p => p.AsOf).Distinct().Order());
        Assert.Single(backend.Records.Trends.Select(t => t.AsOf).Distinct());
        Assert.Equal("<html></html>", backend.Records.Archive["index.html"]);
    }

    [Fact]
    public async Task PublishReports_OfASkippedRun_IsRefused()
    {
        await using var backend = new InMemoryBackend();
        var skipped = new EvaluationResult("skipped: another evaluation holds the lease", [], null, null, 0);

        await Assert.ThrowsAsync<ArgumentException>(() => backend.Action<PublishReports>().PublishAsync("Org", skipped, Model.Taxonomy.TraitTaxonomy.Default, new Ports.RunFacts(0, TimeSpan.Zero), cancellationToken: Ct));
    }
}
