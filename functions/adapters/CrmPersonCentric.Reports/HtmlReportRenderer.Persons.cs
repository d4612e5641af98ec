using System.Globalization;
using System.Text;
using CrmPersonCentric.Drift.Results;

namespace CrmPersonCentric.Reports;

/// <summary>Persons over averages: the depth check, opportunities, advocates and connectors, trust, the journey across functions and the themes that land.</summary>
public static partial class HtmlReportRenderer
{
    /// <summary>People of note listed in the report per persona (advocates.json and the Dataverse view hold the most active 200).</summary>
    public const int ListedPeopleOfNote = 15;

    private static void Depth(StringBuilder html, PersonaSummary p)
    {
        if (p.Depth.IsEmpty)
        {
            return;
        }

        html.Append("<div style=\"border-left:4px solid #d97706;background:#fffbeb;padding:8px 12px;margin:8px 0;\">")
            .Append("<strong>Persona depth: ").Append(N(p.Depth.Length)).Append(p.Depth.Length == 1 ? " thing" : " things")
            .Append(" to fix before this persona can guide sales and marketing</strong>\n<ul style=\"margin:4px 0 0 0;padding-left:20px;\">\n");
        foreach (var issue in p.Depth)
        {
            html.Append("<li style=\"margin-bottom:4px;\">").Append(E(issue.Message))
                .Append("<br><span style=\"font-size:13px;color:#374151;\">What to do: ").Append(E(issue.Action)).Append("</span></li>\n");
        }

        html.Append("</ul></div>\n");
    }

    private static void Opportunities(StringBuilder html, OwnerReport report, PersonaSummary p)
    {
        var opportunities = report.Findings.Where(f => f.PersonaId == p.PersonaId && f.Status == FindingStatus.Opportunity).ToList();
        if (opportunities.Count == 0)
        {
            return;
        }

        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">Opportunities (not drift)</h3>\n");
        Table(html, ["What", "n", "Observed", "Compared with", "95% interval", "q", "Why"]);
        foreach (var f in opportunities)
        {
            var e = f.Evidence;
            Row(html,
                E(Words(f.Metric.ToString()) + (f.SubjectLabel is { } label ? ": " + label : string.Empty)),
                N(e.N),
                Pct(e.Observed),
                e.Expected is { } x ? Pct(x) : "—",
                e.IntervalLow is { } lo && e.IntervalHigh is { } hi ? $"{Pct(lo)}–{Pct(hi)}" : "—",
                e.QValue is { } q ? Q(q) : "—",
                $"<span style=\"font-size:13px;\">{E(f.Rationale)}</span>");
        }

        html.Append("</table>\n");
    }

    private static void Advocates(StringBuilder html, PersonaSummary p)
    {
        var a = p.Advocates;
        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">Advocates and connectors (last ").Append(N(a.WindowDays)).Append(" days)</h3>\n");
        if (a.TotalPeople == 0)
        {
            html.Append("<p style=\"margin:0;font-size:14px;\">Nobody stands out: no one's contribution, referral, advocacy or co-creation is far above this persona's norm, nobody referred ")
                .Append(N(Drift.Analyzers.AdvocacyAnalyzer.ConnectorReferrals)).Append(" or more people, and no one bridges groups that otherwise do not meet.</p>\n");
        }
        else
        {
            html.Append("<p style=\"margin:0 0 4px 0;font-size:14px;\">").Append(N(a.TotalPeople)).Append(" people of note: ")
                .Append(N(a.Advocates)).Append(" advocates far above the norm, ").Append(N(a.Referrers)).Append(" who referred ")
                .Append(N(Drift.Analyzers.AdvocacyAnalyzer.ConnectorReferrals)).Append(" or more people, ").Append(N(a.Bridges)).Append(" bridging groups of the persona that otherwise do not meet.")
                .Append(a.TopDecileShare is { } share ? $" Its most active tenth produced {Pct(share)} of its {N(a.AdvocacyEvents)} advocacy events." : string.Empty)
                .Append(" Contact ids only; the Dataverse view <em>Advocates and connectors</em> and advocates.json list the ")
                .Append(N(Drift.Analyzers.AdvocacyAnalyzer.MaxPeopleOfNote)).Append(" most active.</p>\n");
            Table(html, ["Contact", "Why", "Events"]);
            foreach (var person in a.People.Take(ListedPeopleOfNote))
            {
                Row(html, E(person.ContactId), E(person.Reason), N(person.Events));
            }

            html.Append("</table>\n");
        }

        html.Append("<p style=\"margin:0;font-size:12px;color:#6b7280;\">An advocate's count of a behaviour exceeds the median of the persona's people who show it by more than ")
            .Append(Drift.Analyzers.AdvocacyAnalyzer.OutlierZ.ToString("0.0", CultureInfo.InvariantCulture)).Append(" robust standard deviations (1.4826 × MAD, at least 1) and is at least ")
            .Append(N(Drift.Analyzers.AdvocacyAnalyzer.MinimumAdvocateEvents)).Append(". Norms: ")
            .Append(E(string.Join(" · ", a.Norms.Select(n => n.Threshold is { } t
                ? string.Create(CultureInfo.InvariantCulture, $"{n.Behaviour} median {n.Median:0.#} of {n.People} people, advocate from {t}")
                : string.Create(CultureInfo.InvariantCulture, $"{n.Behaviour}: {n.People} people, too few for a norm")))))
            .Append(".</p>\n");
    }

    private static void Trust(StringBuilder html, PersonaSummary p)
    {
        if (p.TrustRecorded == 0)
        {
            return;
        }

        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">How its people extend trust</h3>\n")
            .Append("<p style=\"margin:0 0 4px 0;font-size:13px;\">Among the ").Append(N(p.TrustRecorded)).Append(" people with trust recorded (a person may use several channels).</p>\n");
        Table(html, ["Channel", "Expected", "Observed", "95% interval", ""]);
        foreach (var t in p.Trust)
        {
            Row(html, E(t.Label), t.Expected is { } x ? Pct(x) : "not declared", Pct(t.Observed), $"{Pct(t.IntervalLow)}–{Pct(t.IntervalHigh)}", Bar(t.Observed, t.Expected));
        }

        html.Append("</table>\n");
    }

    private static void Journey(StringBuilder html, PersonaSummary p)
    {
        if (p.Journey is not { Touched: > 0 } j)
        {
            return;
        }

        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">One journey across functions (last ").Append(N(j.WindowDays)).Append(" days)</h3>\n")
            .Append("<p style=\"margin:0 0 4px 0;font-size:14px;\">").Append(N(j.Touched)).Append(" people were touched; <strong>")
            .Append(Pct(j.SingleFunctionShare)).Append("</strong> (").Append(N(j.SingleFunction)).Append(") met only one function.")
            .Append(j.SignalsWithoutSource > 0 ? $" {N(j.SignalsWithoutSource)} signals did not say which function recorded them." : string.Empty).Append("</p>\n");
        Table(html, ["Function", "Signals", "Share of signals", "People touched", ""]);
        foreach (var f in j.Functions)
        {
            Row(html, E(f.Label), N(f.Signals), Pct(f.SignalShare), N(f.People), Bar(f.SignalShare, null));
        }

        html.Append("</table>\n");
    }

    private static void Themes(StringBuilder html, PersonaSummary p)
    {
        if (p.Themes.IsEmpty)
        {
            return;
        }

        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">Messages that land</h3>\n")
            .Append("<p style=\"margin:0 0 4px 0;font-size:13px;\">Share of the ").Append(N(p.TaggedPeople))
            .Append(" tagged people who responded to each theme, against the mean of the persona's other themes of the same layer (themes of one layer reach comparable audiences). Responses are counted per person, not per send.</p>\n");
        Table(html, ["Layer", "Theme", "Speaks to", "Responded", "Share", "95% interval", "Other themes of the layer"]);
        foreach (var t in p.Themes)
        {
            Row(html, N(t.Layer), E(t.Label), E(t.Addresses ?? "—"), N(t.Responders), Pct(t.Share), $"{Pct(t.IntervalLow)}–{Pct(t.IntervalHigh)}",
                t.Baseline is { } b ? Pct(b) : "alone in its layer");
        }

        html.Append("</table>\n");
    }

    private static string Bar(double observed, double? expected)
    {
        var width = (int)Math.Round(Math.Clamp(observed, 0, 1) * 160);
        var marker = expected is { } x
            ? string.Create(CultureInfo.InvariantCulture, $"<div style=\"position:absolute;left:{(int)Math.Round(Math.Clamp(x, 0, 1) * 160)}px;top:-2px;width:2px;height:14px;background:#111827;\"></div>")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"<div style=\"position:relative;width:160px;height:10px;background:#e5e7eb;\"><div style=\"width:{width}px;height:10px;background:#6366f1;\"></div>{marker}</div>");
    }

    private static int OpportunityCount(OwnerReport report, PersonaSummary p) =>
        report.Findings.Count(f => f.PersonaId == p.PersonaId && f.Status == FindingStatus.Opportunity);
}
