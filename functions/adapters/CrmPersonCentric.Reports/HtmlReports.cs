using System.Collections.Immutable;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Reports.Components;
using CrmPersonCentric.Reports.View;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmPersonCentric.Reports;

/// <summary>
/// The reports as self-contained HTML: per persona owner a full report (<see cref="OwnerPage"/>) and a short e-mail digest
/// (<see cref="DigestMail"/>, inline styles), and an index of them (<see cref="IndexPage"/>). Razor components rendered to
/// static HTML by <see cref="HtmlRenderer"/>, which encodes every value; no script and no external resource.
/// </summary>
/// <param name="dataFiles">The run's data files beside the reports (cpc's findings.json, ...), linked from the index; none for an archive of reports only.</param>
public sealed class HtmlReports(ImmutableArray<string> dataFiles = default) : IReportRenderer
{
    /// <summary>The index page's file name.</summary>
    public const string IndexFileName = "index.html";

    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    /// <inheritdoc />
    public async Task<RenderedReports> RenderAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // cpc writes every file into one folder: the digest links to the report beside it.
        var sideBySide = !dataFiles.IsDefaultOrEmpty;
        var owners = OwnerReport.ForEachOwner(request).Select(r => OwnerViews.Build(r, sideBySide)).ToList();
        await using var renderer = new HtmlRenderer(NoServices, NullLoggerFactory.Instance);
        var rendered = new List<RenderedReport>(owners.Count);
        foreach (var owner in owners)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (html, digest) = await RenderOwnerAsync(renderer, owner).ConfigureAwait(false);
            rendered.Add(new RenderedReport(owner.Report.FileName, owner.Owner, html) { Digest = digest });
        }

        var index = await RenderAsync<IndexPage>(renderer, new()
        {
            [nameof(IndexPage.Organisation)] = request.Organisation,
            [nameof(IndexPage.AsOf)] = request.Evaluation.AsOf,
            [nameof(IndexPage.Owners)] = (IReadOnlyList<OwnerView>)owners,
            [nameof(IndexPage.DataFiles)] = (IReadOnlyList<string>)(dataFiles.IsDefault ? [] : [.. dataFiles]),
        }).ConfigureAwait(false);
        return new RenderedReports([.. rendered], IndexFileName, index);
    }

    /// <summary>One owner's full report and e-mail digest.</summary>
    public static async Task<(string Html, string Digest)> RenderOwnerAsync(OwnerReport report, bool filesSideBySide = false)
    {
        await using var renderer = new HtmlRenderer(NoServices, NullLoggerFactory.Instance);
        return await RenderOwnerAsync(renderer, OwnerViews.Build(report, filesSideBySide)).ConfigureAwait(false);
    }

    private static async Task<(string Html, string Digest)> RenderOwnerAsync(HtmlRenderer renderer, OwnerView view) =>
        (await RenderAsync<OwnerPage>(renderer, new() { [nameof(OwnerPage.View)] = view }).ConfigureAwait(false),
         await RenderAsync<DigestMail>(renderer, new() { [nameof(DigestMail.View)] = view }).ConfigureAwait(false));

    private static Task<string> RenderAsync<TComponent>(HtmlRenderer renderer, Dictionary<string, object?> parameters)
        where TComponent : IComponent =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters)).ConfigureAwait(false);
            return output.ToHtmlString() + "\n";
        });
}
