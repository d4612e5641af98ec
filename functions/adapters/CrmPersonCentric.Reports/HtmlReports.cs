using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Reports;

/// <summary>The reports as self-contained HTML pages: one per persona owner (<see cref="HtmlReportRenderer"/>) and an index linking them.</summary>
/// <param name="dataFiles">The run's data files beside the reports (cpc's findings.json, ...), linked from the index; none for an archive of reports only.</param>
public sealed class HtmlReports(ImmutableArray<string> dataFiles = default) : IReportRenderer
{
    /// <summary>The index page's file name.</summary>
    public const string IndexFileName = "index.html";

    /// <inheritdoc />
    public RenderedReports Render(ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reports = OwnerReport.ForEachOwner(request.Organisation, request.Personas, request.Evaluation, request.History, request.Taxonomy, request.Run);
        var rendered = reports.Select(r => new RenderedReport(r.FileName, r.Owner, HtmlReportRenderer.Render(r))).ToImmutableArray();
        return new RenderedReports(rendered, IndexFileName, Index(request, reports));
    }

    private string Index(ReportRequest request, ImmutableArray<OwnerReport> reports)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Persona drift reports</title></head>\n<body style=\"font-family:Segoe UI,Helvetica,Arial,sans-serif;padding:16px;\">\n");
        html.Append("<h1 style=\"font-size:22px;\">Persona drift reports</h1>\n<p>")
            .Append(WebUtility.HtmlEncode(request.Organisation)).Append(" · data as of ")
            .Append(request.Evaluation.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</p>\n<ul>\n");
        foreach (var report in reports)
        {
            html.Append("<li><a href=\"").Append(report.FileName).Append("\">").Append(WebUtility.HtmlEncode(report.Owner.DisplayName))
                .Append("</a> — ").Append(string.Join(", ", report.Personas.Select(p => WebUtility.HtmlEncode(p.Name)))).Append("</li>\n");
        }

        html.Append("</ul>\n");
        if (!dataFiles.IsDefaultOrEmpty)
        {
            html.Append("<p>").AppendJoin(" · ", dataFiles.Select(f => $"<a href=\"{WebUtility.HtmlEncode(f)}\">{WebUtility.HtmlEncode(f)}</a>")).Append("</p>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }
}
