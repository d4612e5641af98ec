using System.Globalization;
using System.Text;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Reports;

/// <summary>
/// Renders a marketing lead's report as one self-contained HTML page: tables with inline styles and HTML/CSS
/// bars (read well in e-mail clients), an inline SVG sparkline for trends, no scripts and no external resources.
/// </summary>
public static partial class HtmlReportRenderer
{
    private const string Font = "font-family:Segoe UI,Helvetica,Arial,sans-serif;";
    private const string Cell = "padding:4px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top;";
    private const string Head = "padding:4px 8px;border-bottom:2px solid #9ca3af;text-align:left;font-weight:600;";

    /// <summary>Renders the report.</summary>
    public static string Render(OwnerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Persona drift report — ").Append(E(report.Owner.DisplayName)).Append("</title></head>\n")
            .Append("<body style=\"margin:0;padding:16px;background:#f9fafb;color:#111827;").Append(Font).Append("\">\n")
            .Append("<table role=\"presentation\" width=\"100%\" style=\"max-width:960px;margin:0 auto;background:#ffffff;border-collapse:collapse;\"><tr><td style=\"padding:16px;\">\n");
        Header(html, report);
        Overview(html, report);
        foreach (var persona in report.Personas)
        {
            PersonaSection(html, report, persona);
        }

        html.Append("<p style=\"color:#6b7280;font-size:12px;margin-top:24px;\">Intervals are 95% (Wilson for shares, exact Poisson for rates). ")
            .Append("q-values control the false discovery rate across every test of the run (Benjamini–Hochberg). ")
            .Append("Below a rule's minimum sample the result is reported as insufficient evidence, never as drift. ")
            .Append("This report holds persona-level aggregates and no person's name or traits; advocates and connectors appear by contact id only.</p>\n")
            .Append("</td></tr></table>\n</body></html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, OwnerReport report)
    {
        html.Append("<h1 style=\"font-size:22px;margin:0 0 4px 0;\">Persona drift report</h1>\n")
            .Append("<p style=\"margin:0 0 16px 0;color:#4b5563;\">")
            .Append(E(report.Organisation)).Append(" · for ").Append(E(report.Owner.DisplayName))
            .Append(" · data as of ").Append(report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append(report.Run is { } run ? string.Create(CultureInfo.InvariantCulture, $" · {run.Contacts:N0} tagged contacts evaluated in {run.Duration.TotalSeconds:0.0} s") : string.Empty)
            .Append(report.Run is { ContactsLeftOut: > 0 } leftOut ? string.Create(CultureInfo.InvariantCulture, $" · {leftOut.ContactsLeftOut:N0} {(leftOut.ContactsLeftOut == 1 ? "contact" : "contacts")} left out (tagged with a persona that does not exist)") : string.Empty)
            .Append("</p>\n");
    }

    private static void Overview(StringBuilder html, OwnerReport report)
    {
        html.Append("<h2 style=\"font-size:18px;margin:16px 0 8px 0;\">Your personas at a glance</h2>\n");
        Table(html, ["Persona", "Status", "People", "Mean fit", "Drift findings", "Opportunities", "Suggestions", "Depth", "Data quality"]);
        foreach (var p in report.Personas)
        {
            var drift = report.Findings.Where(f => f.PersonaId == p.PersonaId && f.Status == FindingStatus.Drift).ToList();
            Row(html,
                $"<a href=\"#{Anchor(p.PersonaId)}\" style=\"color:#1d4ed8;\">{E(p.Name)}</a>",
                Badge(drift.Count == 0 ? null : drift.Max(f => f.Severity)),
                N(p.TaggedPeople),
                F2(p.MeanFit),
                N(drift.Count),
                N(OpportunityCount(report, p)),
                N(report.Suggestions.Count(s => s.PersonaId == p.PersonaId)),
                p.Depth.IsEmpty ? "ok" : E($"{p.Depth.Length} to fix"),
                DataQualitySummary(report, p));
        }

        html.Append("</table>\n");
    }

    private static void PersonaSection(StringBuilder html, OwnerReport report, PersonaSummary p)
    {
        html.Append("<h2 id=\"").Append(Anchor(p.PersonaId)).Append("\" style=\"font-size:20px;margin:28px 0 4px 0;border-top:3px solid #1d4ed8;padding-top:12px;\">")
            .Append(E(p.Name)).Append(" <span style=\"font-size:13px;color:#6b7280;font-weight:400;\">version ").Append(N(p.Version)).Append("</span></h2>\n")
            .Append("<p style=\"margin:0 0 8px 0;color:#374151;\">")
            .Append(N(p.TaggedPeople)).Append(" people tagged · mean fit ").Append(F2(p.MeanFit))
            .Append(" · ").Append(Pct(p.PoorFitShare)).Append(" poor fits · ").Append(Pct(p.OutsideIcpShare)).Append(" outside the ICP · ")
            .Append(Pct(p.DeepDesireShare)).Append(" with a recorded deep desire · messaging reaches layer ").Append(N(p.ReachedLayer)).Append("</p>\n")
            .Append("<p style=\"margin:0 0 8px 0;font-size:13px;color:#374151;\">Trait figures rest on the people with the dimension recorded: ")
            .Append(E(string.Join(" · ", p.Dimensions.Select(d => $"{d.Dimension.ToDisplayName()} {N(d.Recorded)} ({Pct(d.Coverage)})"))))
            .Append(". Fit and groups use the dimensions each person recorded (").Append(N(p.PeopleWithFit)).Append(" people with a fit).</p>\n");
        Depth(html, p);
        Suggestions(html, report, p);
        Findings(html, report, p);
        Opportunities(html, report, p);
        DataQuality(html, report, p);
        Traits(html, report, p);
        CandidateTraits(html, report, p);
        FitDistribution(html, p);
        Behaviours(html, p);
        Advocates(html, p);
        Trust(html, p);
        Themes(html, p);
        Journey(html, p);
        Groups(html, report, p);
        Trends(html, report, p);
    }

    private static void Suggestions(StringBuilder html, OwnerReport report, PersonaSummary p)
    {
        var suggestions = report.Suggestions.Where(s => s.PersonaId == p.PersonaId).ToList();
        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">Suggested revisions</h3>\n");
        if (suggestions.Count == 0)
        {
            html.Append("<p style=\"margin:0;color:#065f46;\">No revision needed: the people tagged with this persona still look like it.</p>\n");
            return;
        }

        html.Append("<ol style=\"margin:0;padding-left:20px;\">\n");
        foreach (var s in suggestions)
        {
            html.Append("<li style=\"margin-bottom:8px;\">").Append(Badge(s.Severity)).Append(" <strong>").Append(E(Words(s.Type.ToString()))).Append("</strong> — ")
                .Append(E(s.Rationale))
                .Append("<br><span style=\"font-size:12px;color:#6b7280;\">Evidence: ").Append(E(string.Join(", ", s.FindingIds))).Append("</span></li>\n");
        }

        html.Append("</ol>\n");
    }

    private static void Findings(StringBuilder html, OwnerReport report, PersonaSummary p)
    {
        var findings = report.Findings.Where(f => f.PersonaId == p.PersonaId).ToList();
        var drift = findings.Where(f => f.Status == FindingStatus.Drift).ToList();
        if (drift.Count > 0)
        {
            html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">Drift findings</h3>\n");
            Table(html, ["Severity", "What", "n", "Observed", "Expected", "95% interval", "q", "Why"]);
            foreach (var f in drift)
            {
                var e = f.Evidence;
                var isShare = IsShare(f.Metric);
                Row(html,
                    Badge(f.Severity),
                    E(Words(f.Metric.ToString()) + (f.Subject is null ? string.Empty : ": " + Label(report, f.Dimension, f.Subject, f.SubjectLabel))),
                    N(e.N),
                    isShare ? Pct(e.Observed) : F2(e.Observed),
                    e.Expected is { } x ? (isShare ? Pct(x) : F2(x)) : "—",
                    e.IntervalLow is { } lo && e.IntervalHigh is { } hi ? (isShare ? $"{Pct(lo)}–{Pct(hi)}" : $"{F2(lo)}–{F2(hi)}") : "—",
                    e.QValue is { } q ? Q(q) : "—",
                    $"<span style=\"font-size:13px;\">{E(f.Rationale)}</span>");
            }

            html.Append("</table>\n");
        }

        var insufficient = findings.Where(f => f.Status == FindingStatus.InsufficientEvidence).ToList();
        if (insufficient.Count > 0)
        {
            html.Append("<p style=\"font-size:13px;color:#92400e;\">Insufficient evidence (not drift): ")
                .Append(E(string.Join("; ", insufficient.Select(InsufficientText))))
                .Append("</p>\n");
        }
    }

    private static string Label(OwnerReport report, TraitDimension? dimension, string subject, string? label) =>
        label ?? (dimension is { } d ? report.Taxonomy.LabelOf(d, subject) : subject);

    private static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
