using System.Text;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Reports;

/// <summary>Coverage, data quality and the long tail: what the evidence rests on and how to strengthen it.</summary>
public static partial class HtmlReportRenderer
{
    /// <summary>A candidate seen this often is listed even without a near key (rarer ones could identify the person who typed them).</summary>
    private const int CandidateMinimumCount = 2;

    private static string DataQualitySummary(OwnerReport report, PersonaSummary p)
    {
        var low = report.Findings.Where(f => f.PersonaId == p.PersonaId && f.Status == FindingStatus.DataQuality).ToList();
        return low.Count == 0
            ? "<span style=\"color:#065f46;\">ok</span>"
            : "<span style=\"color:#92400e;\">thin: " + E(string.Join(", ", low.Select(f => f.Dimension?.ToDisplayName().ToLowerInvariant()))) + "</span>";
    }

    /// <summary>Data-quality findings, apart from drift: the persona is not wrong, its evidence is thin.</summary>
    private static void DataQuality(StringBuilder html, OwnerReport report, PersonaSummary p)
    {
        var low = report.Findings.Where(f => f.PersonaId == p.PersonaId && f.Status == FindingStatus.DataQuality).ToList();
        var worklist = report.Worklists.IsDefault ? null : report.Worklists.FirstOrDefault(w => w.PersonaId == p.PersonaId);
        if (low.Count == 0 && (worklist is null || worklist.Candidates == 0))
        {
            return;
        }

        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;color:#92400e;\">Data quality (not drift)</h3>\n");
        if (low.Count > 0)
        {
            Table(html, ["Dimension", "Recorded", "Coverage", "95% interval", "Wanted", "Why"]);
            foreach (var f in low)
            {
                var e = f.Evidence;
                Row(html,
                    E(f.Dimension?.ToDisplayName()),
                    $"{N((long)Math.Round(e.Observed * e.N))} of {N(e.N)}",
                    Pct(e.Observed),
                    e.IntervalLow is { } lo && e.IntervalHigh is { } hi ? $"{Pct(lo)}–{Pct(hi)}" : "—",
                    e.Expected is { } x ? "≥ " + Pct(x) : "—",
                    $"<span style=\"font-size:13px;\">{E(f.Rationale)}</span>");
            }

            html.Append("</table>\n");
        }

        if (worklist is { Candidates: > 0 })
        {
            html.Append("<p style=\"font-size:13px;margin:6px 0;\">")
                .Append(N(worklist.Candidates)).Append(" tagged people miss at least one dimension this persona declares. The ")
                .Append(N(worklist.Contacts.Length)).Append(" most useful to ask (recently active first, least covered dimension first) are on the persona's enrichment worklist: the Dataverse view <em>Contacts to enrich</em> and <code>enrichment.json</code>.</p>\n");
        }
    }

    /// <summary>The long tail: the most frequent phrasings the taxonomy does not know, with proposed mappings.</summary>
    private static void CandidateTraits(StringBuilder html, OwnerReport report, PersonaSummary p)
    {
        var candidates = p.Dimensions.SelectMany(d => d.CandidateTraits.IsDefault ? [] : d.CandidateTraits)
            .Where(c => c.NearKey is not null || c.Count >= CandidateMinimumCount)
            .ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        html.Append("<h3 style=\"font-size:16px;margin:16px 0 6px 0;\">Candidate traits (phrasings the taxonomy does not know)</h3>\n")
            .Append("<p style=\"margin:0 0 6px 0;font-size:12px;color:#6b7280;\">Something to watch, not drift: an emerging trait starts this way. Add a near spelling as a synonym of its key, or a new key, in the Trait taxonomy table (see README, Trait taxonomy). Phrasings typed once are left out unless they are a spelling of a known key.</p>\n");
        Table(html, ["Dimension", "Typed as", "People", "Probably", "Distance"]);
        foreach (var c in candidates)
        {
            Row(html,
                E(c.Dimension.ToDisplayName()),
                E(c.Key),
                N(c.Count),
                c.NearKey is null ? "—" : $"{E(c.NearLabel)} <span style=\"color:#6b7280;font-size:12px;\">({E(c.NearKey)})</span>",
                c.Distance is { } d ? F2(d) : "—");
        }

        html.Append("</table>\n");
    }

    /// <summary>The line above a dimension's trait table: on how many people its figures rest.</summary>
    private static string DimensionBasis(DimensionObservation? d)
    {
        if (d is null)
        {
            return string.Empty;
        }

        var basis = new StringBuilder(" <span style=\"font-weight:400;font-size:12px;color:#6b7280;\">")
            .Append("n = ").Append(N(d.Recorded)).Append(" recorded (").Append(Pct(d.Coverage)).Append(" coverage, ")
            .Append(Pct(d.CoverageLow)).Append('–').Append(Pct(d.CoverageHigh)).Append(") · JS distance ").Append(F2(d.JensenShannonDistance))
            .Append(", ").Append(F2(d.CalibratedDistance)).Append(" beyond chance at this n")
            .Append(d.PopulationStabilityIndex is { } psi ? " · PSI " + F2(psi) : string.Empty).Append("</span>");
        if (d.Caveat is { } caveat)
        {
            basis.Append("<br><span style=\"font-weight:400;font-size:12px;color:#92400e;\">").Append(E(caveat)).Append("</span>");
        }

        return basis.ToString();
    }

    private static string InsufficientText(Finding f) =>
        $"{f.RuleId}{(f.Dimension is { } d ? " (" + d.ToDisplayName().ToLowerInvariant() + ")" : string.Empty)} needs {f.Evidence.MinimumSample}, has {f.Evidence.N}";

    private static bool IsShare(DriftMetric metric) =>
        metric is not (DriftMetric.DistributionDistance or DriftMetric.PopulationStability or DriftMetric.PersonaSplit or DriftMetric.BehaviourRate);
}
