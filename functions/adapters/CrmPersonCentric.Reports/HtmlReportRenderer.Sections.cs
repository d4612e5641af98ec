using System.Globalization;
using System.Net;
using System.Text;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Reports;

public static partial class HtmlReportRenderer
{
    private static void Traits(StringBuilder html, OwnerReport report, PersonaSummary p)
    {
        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">Declared vs observed trait prevalence</h3>\n")
            .Append("<p style=\"margin:0 0 6px 0;font-size:12px;color:#6b7280;\">Bar: observed share (blue) with its 95% interval (grey); black tick: declared share. Shares are estimated from the people with the dimension recorded, on the scale of all the persona's people.</p>\n");
        foreach (var dimension in TraitDimensions.All)
        {
            var rows = p.Traits.Where(t => t.Dimension == dimension).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var distance = p.Dimensions.FirstOrDefault(d => d.Dimension == dimension);
            html.Append("<p style=\"margin:10px 0 2px 0;font-weight:600;\">").Append(E(dimension.ToDisplayName()))
                .Append(DimensionBasis(distance)).Append("</p>\n");
            Table(html, ["Trait", "Declared", "Observed", "", "Status"]);
            foreach (var t in rows)
            {
                var finding = report.Findings.FirstOrDefault(f => f.PersonaId == p.PersonaId && f.Status == FindingStatus.Drift && f.Dimension == dimension && f.Subject == t.Key);
                var status = finding is null
                    ? (t.Declared is null ? "<span style=\"color:#6b7280;\">not declared</span>" : "<span style=\"color:#065f46;\">as declared</span>")
                    : Badge(finding.Severity) + " " + E(Words(finding.Metric.ToString()));
                Row(html,
                    E(report.Taxonomy.LabelOf(dimension, t.Key)),
                    t.Declared is { } d ? Pct(d) : "—",
                    $"{Pct(t.Observed)} <span style=\"color:#6b7280;font-size:12px;\">({Pct(t.IntervalLow)}–{Pct(t.IntervalHigh)})</span>",
                    PrevalenceBar(t),
                    status);
            }

            html.Append("</table>\n");
        }
    }

    /// <summary>A 200 px bar built from nested block elements (no images, works in e-mail).</summary>
    private static string PrevalenceBar(TraitObservation t)
    {
        static int Px(double share) => (int)Math.Round(Math.Clamp(share, 0, 1) * 200);
        var bar = new StringBuilder("<div style=\"position:relative;width:200px;height:12px;background:#f3f4f6;\">");
        bar.Append(CultureInfo.InvariantCulture, $"<div style=\"position:absolute;left:{Px(t.IntervalLow)}px;width:{Math.Max(1, Px(t.IntervalHigh) - Px(t.IntervalLow))}px;top:0;height:12px;background:#d1d5db;\"></div>");
        bar.Append(CultureInfo.InvariantCulture, $"<div style=\"position:absolute;left:0;width:{Px(t.Observed)}px;top:3px;height:6px;background:#2563eb;\"></div>");
        if (t.Declared is { } declared)
        {
            bar.Append(CultureInfo.InvariantCulture, $"<div style=\"position:absolute;left:{Math.Min(198, Px(declared))}px;width:2px;top:0;height:12px;background:#111827;\"></div>");
        }

        return bar.Append("</div>").ToString();
    }

    private static void FitDistribution(StringBuilder html, PersonaSummary p)
    {
        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">Fit distribution</h3>\n");
        var max = Math.Max(1, p.FitHistogram.Max());
        Table(html, ["Fit", "People", ""]);
        for (var bin = 0; bin < p.FitHistogram.Length; bin++)
        {
            var width = (int)Math.Round(240.0 * p.FitHistogram[bin] / max);
            Row(html,
                $"{bin / 10.0:0.0}–{(bin + 1) / 10.0:0.0}",
                N(p.FitHistogram[bin]),
                $"<div style=\"width:{width.ToString(CultureInfo.InvariantCulture)}px;height:10px;background:{(bin < 3 ? "#f59e0b" : "#10b981")};\"></div>");
        }

        html.Append("</table>\n");
    }

    private static void Behaviours(StringBuilder html, PersonaSummary p)
    {
        if (p.Behaviours.IsEmpty)
        {
            return;
        }

        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">Behaviour in the last ").Append(N(p.Behaviours[0].WindowDays)).Append(" days</h3>\n");
        Table(html, ["Behaviour", "Expected share", "Observed share", "95% interval", "Events", "Rate / person-year (expected)"]);
        foreach (var b in p.Behaviours)
        {
            Row(html,
                E(b.Label),
                b.ExpectedShare is { } s ? Pct(s) : "—",
                Pct(b.ObservedShare),
                $"{Pct(b.IntervalLow)}–{Pct(b.IntervalHigh)}",
                N(b.Events),
                F2(b.ObservedRatePerPersonYear) + (b.ExpectedRatePerPersonYear is { } r ? $" ({F2(r)})" : string.Empty));
        }

        html.Append("</table>\n");
    }

    private static void Groups(StringBuilder html, OwnerReport report, PersonaSummary p)
    {
        if (p.Groups.IsEmpty)
        {
            return;
        }

        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">Groups hiding in this persona</h3>\n")
            .Append("<p style=\"margin:0 0 6px 0;font-size:12px;color:#6b7280;\">Mean silhouette ").Append(F2(p.Silhouette ?? 0)).Append(" (k-medoids on Jaccard distances of trait sets).</p>\n");
        Table(html, ["Group", "Share", "Mean fit", "Defining traits (share in group)"]);
        for (var g = 0; g < p.Groups.Length; g++)
        {
            var group = p.Groups[g];
            Row(html,
                N(g + 1),
                Pct(group.Share),
                F2(group.MeanFit),
                E(string.Join(", ", group.DefiningTraits.Select(t => $"{report.Taxonomy.LabelOf(t.Dimension, t.Key)} ({Pct(t.Share)})"))));
        }

        html.Append("</table>\n");
    }

    private static void Trends(StringBuilder html, OwnerReport report, PersonaSummary p)
    {
        var points = report.History.Where(h => h.PersonaId == p.PersonaId).OrderBy(h => h.AsOf).ToList();
        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">Trend</h3>\n");
        if (points.Count < 2)
        {
            html.Append("<p style=\"margin:0;font-size:13px;color:#6b7280;\">Trends appear once earlier runs exist (this is the first run for this persona).</p>\n");
            return;
        }

        html.Append("<p style=\"margin:0 0 4px 0;font-size:12px;color:#6b7280;\">Mean fit over the last ").Append(N(points.Count)).Append(" runs</p>\n")
            .Append(Sparkline(points.Select(x => x.MeanFit).ToList()));
        Table(html, ["As of", "Version", "People", "Mean fit", "Poor fits", "Outside ICP", "Drift findings"]);
        foreach (var point in points.TakeLast(8))
        {
            Row(html, point.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), N(point.PersonaVersion), N(point.TaggedPeople), F2(point.MeanFit),
                Pct(point.PoorFitShare), Pct(point.OutsideIcpShare), N(point.DriftFindings));
        }

        html.Append("</table>\n");
    }

    private static string Sparkline(IReadOnlyList<double> values)
    {
        const int width = 240, height = 40;
        var step = values.Count > 1 ? (double)width / (values.Count - 1) : 0;
        var points = string.Join(' ', values.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{i * step:0.#},{height - (Math.Clamp(v, 0, 1) * height):0.#}")));
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"mean fit trend\"><polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"2\" points=\"{points}\"/></svg>\n";
    }

    private static void Table(StringBuilder html, string[] headers)
    {
        html.Append("<table style=\"border-collapse:collapse;width:100%;font-size:14px;margin:4px 0 8px 0;\"><tr>");
        foreach (var header in headers)
        {
            html.Append("<th style=\"").Append(Head).Append("\">").Append(E(header)).Append("</th>");
        }

        html.Append("</tr>\n");
    }

    private static void Row(StringBuilder html, params string[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells)
        {
            html.Append("<td style=\"").Append(Cell).Append("\">").Append(cell).Append("</td>");
        }

        html.Append("</tr>\n");
    }

    private static string Badge(Severity? severity) => severity switch
    {
        Severity.Critical => "<span style=\"background:#b91c1c;color:#fff;padding:1px 6px;border-radius:3px;font-size:12px;\">critical</span>",
        Severity.Warning => "<span style=\"background:#d97706;color:#fff;padding:1px 6px;border-radius:3px;font-size:12px;\">warning</span>",
        Severity.Info => "<span style=\"background:#2563eb;color:#fff;padding:1px 6px;border-radius:3px;font-size:12px;\">info</span>",
        _ => "<span style=\"background:#059669;color:#fff;padding:1px 6px;border-radius:3px;font-size:12px;\">healthy</span>",
    };

    private static string Anchor(string id) => "persona-" + WebUtility.HtmlEncode(id);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F2(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Pct(double value) => (value * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Q(double q) => q < 0.001 ? "&lt; 0.001" : q.ToString("0.000", CultureInfo.InvariantCulture);
}
