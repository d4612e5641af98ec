using System.Globalization;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>The pieces every finding's explanation is made of, and the number formats they use.</summary>
internal static class Wording
{
    /// <summary>The parts of a candidate's explanation: its persona, subject, dimension, interval, q-value, basis and caveat as words.</summary>
    public static RationaleParts Parts(Candidate c, TraitTaxonomy taxonomy)
    {
        var e = c.Evidence;
        var subject = c.SubjectLabel ?? (c.Subject is null ? string.Empty
            : c.Dimension is { } subjectDimension ? taxonomy.LabelOf(subjectDimension, c.Subject) : TraitText.ToLabel(c.Subject.Replace('-', ' ')));
        var dimension = c.Dimension?.ToDisplayName().ToLowerInvariant() ?? string.Empty;
        var ci = e.IntervalLow is { } lo && e.IntervalHigh is { } hi ? $" (95% CI {Pct(lo)}–{Pct(hi)})" : string.Empty;
        var q = e.QValue is { } qv ? $" The difference is beyond chance ({QIs(qv)})." : string.Empty;
        var basis = $" (estimated from the {People(e.N)} with {dimension} recorded{(e.Coverage is { } cov ? $", {Pct(cov)} of those tagged" : string.Empty)})";
        var caveat = e.Caveat is { } note ? " " + note : string.Empty;
        return new RationaleParts(c.Persona.Name, subject, dimension, ci, q, basis, caveat);
    }

    /// <summary>Why a rule could not decide: fewer people than its minimum. Never drift.</summary>
    public static string Insufficient(Candidate c) =>
        c.Dimension is { } d && c.Rule.Metric is not Rules.DriftMetric.ProfileCoverage
            ? $"Only {People(c.Evidence.N)} tagged '{c.Persona.Name}' have {d.ToDisplayName().ToLowerInvariant()} recorded for '{c.Rule.Name}'; the rule needs {c.Rule.MinimumSample} before it can call drift. This is not drift: record {d.ToDisplayName().ToLowerInvariant()} for more of its people (see the enrichment worklist)."
            : $"Only {People(c.Evidence.N)} are available for '{c.Rule.Name}' on '{c.Persona.Name}'; the rule needs {c.Rule.MinimumSample} before it can call drift. This is not drift.";

    /// <summary>The plain sentence of an insufficient-evidence finding: too few people yet, not drift.</summary>
    public static string InsufficientHeadline(Candidate c) =>
        $"Not enough people yet to check '{c.Rule.Name}'{(c.Dimension is { } d && c.Rule.Metric is not Rules.DriftMetric.ProfileCoverage ? " on " + d.ToDisplayName().ToLowerInvariant() : string.Empty)} ({c.Evidence.N} of the {c.Rule.MinimumSample} needed).";

    /// <summary>A dimension's name in the singular (a core fear, a peer group).</summary>
    public static string Singular(TraitDimension? dimension) => dimension switch
    {
        TraitDimension.Aspiration => "aspiration",
        TraitDimension.CoreFear => "core fear",
        TraitDimension.PeerGroup => "peer group",
        TraitDimension.Community => "community",
        _ => "trait",
    };

    /// <summary>A rate's interval, in rate units.</summary>
    public static string RateCi(Evidence e) =>
        e.IntervalLow is { } lo && e.IntervalHigh is { } hi ? $" (95% CI {F(lo)}–{F(hi)})" : string.Empty;

    /// <summary>A count of people with the noun that agrees ("1 person", "12 people").</summary>
    public static string People(long count) => count == 1 ? "1 person" : count.ToString(CultureInfo.InvariantCulture) + " people";

    /// <summary>A share as a percentage (one decimal below 10%).</summary>
    public static string Pct(double? value) =>
        value is { } v ? (v * 100).ToString(v < 0.1 && v > 0 ? "0.#" : "0", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>A statistic with up to three decimals.</summary>
    public static string F(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>"q &lt; 0.001" or "q = 0.012": a q-value as a phrase.</summary>
    public static string QIs(double? value) => value is < 0.001 ? "q < 0.001" : "q = " + Q(value);

    /// <summary>A q-value ("&lt; 0.001" below it).</summary>
    public static string Q(double? value) => value switch
    {
        null => "n/a",
        < 0.001 => "< 0.001",
        { } v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };
}

/// <summary>The parts of a finding's explanation, as words.</summary>
internal readonly record struct RationaleParts(string Persona, string Subject, string Dimension, string Ci, string Q, string Basis, string Caveat);
