using System.Globalization;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>Plain-language explanations of findings, with the numbers a marketing lead needs to act.</summary>
internal static class Rationales
{
    public static string For(Candidate c, TraitTaxonomy taxonomy)
    {
        var e = c.Evidence;
        var persona = c.Persona.Name;
        var subject = c.SubjectLabel ?? (c.Subject is null ? string.Empty
            : c.Dimension is { } subjectDimension ? taxonomy.LabelOf(subjectDimension, c.Subject) : TraitText.ToLabel(c.Subject.Replace('-', ' ')));
        var dimension = c.Dimension?.ToDisplayName().ToLowerInvariant() ?? string.Empty;
        var ci = e.IntervalLow is { } lo && e.IntervalHigh is { } hi ? $" (95% CI {Pct(lo)}–{Pct(hi)})" : string.Empty;
        var q = e.QValue is { } qv ? $" The difference is beyond chance (q = {Q(qv)})." : string.Empty;
        var basis = $" (estimated from the {e.N} people with {dimension} recorded{(e.Coverage is { } cov ? $", {Pct(cov)} of those tagged" : string.Empty)})";
        var caveat = e.Caveat is { } note ? " " + note : string.Empty;
        return c.Rule.Metric switch
        {
            DriftMetric.StaleTrait =>
                $"Only {Pct(e.Observed)} of the people tagged '{persona}' show the {Singular(c.Dimension)} '{subject}'{ci}{basis}, though the persona expects {Pct(e.Expected)}.{q} Consider retiring it or re-checking how it is captured.{caveat}",
            DriftMetric.TraitPrevalence =>
                $"'{subject}' ({dimension}) is shown by {Pct(e.Observed)} of the people tagged '{persona}'{ci}{basis}, against a declared {Pct(e.Expected)}.{q} Reweight it to what people show.{caveat}",
            DriftMetric.EmergingTrait =>
                $"{Pct(e.Observed)} of the people tagged '{persona}' show the undeclared {Singular(c.Dimension)} '{subject}'{ci}{basis}, significantly more than the {Pct(e.Expected)} that counts as emerging (q = {Q(e.QValue)}). Consider adding it to the persona.{caveat}",
            DriftMetric.DistributionDistance =>
                $"The {dimension} of the {e.N} people tagged '{persona}' with {dimension} recorded no longer look like the declared ones: the Jensen–Shannon distance is {F(e.Statistic)}, {F(e.Observed)} beyond what chance gives at this n (threshold {F(e.Expected)}; q = {Q(e.QValue)}). Rare phrasings are pooled and do not count. The trait findings of this dimension say where.{caveat}",
            DriftMetric.ProfileCoverage =>
                $"Only {Pct(e.Observed)} of the {e.N} people tagged '{persona}' have {dimension} recorded{ci}, below the {Pct(e.Expected)} this rule expects. The persona is not wrong: its evidence on {dimension} is thin, and every figure on {dimension} rests on {(long)Math.Round(e.Observed * e.N)} people. The enrichment worklist names whom to ask.",
            DriftMetric.PopulationStability =>
                $"The {dimension} of people profiled in the last {c.Rule.WindowDays} days differ from the {c.Rule.WindowDays} days before (PSI {F(e.Observed)}, threshold {F(e.Expected)}; q = {Q(e.QValue)}): who gets tagged '{persona}' is changing.",
            DriftMetric.BehaviourShare =>
                $"{Pct(e.Observed)} of the {e.N} people tagged '{persona}' showed '{subject}' in the last {c.Rule.WindowDays} days{ci}, against an expected {Pct(e.Expected)}.{q} Revise the expectation or the programmes behind it.",
            DriftMetric.BehaviourRate =>
                $"'{subject}' happens {F(e.Observed)} times per person-year among people tagged '{persona}'{RateCi(e)}, against an expected {F(e.Expected)}.{q}",
            DriftMetric.IcpLeakage =>
                $"{Pct(e.Observed)} of the {e.N} people tagged '{persona}' come from accounts outside its ICP filter{ci}, more than the {Pct(e.Expected)} tolerated (q = {Q(e.QValue)}). Either tagging is too loose or the ICP is too narrow.",
            DriftMetric.PoorFitShare =>
                $"{Pct(e.Observed)} of the {e.N} profiled people tagged '{persona}' fit it poorly (fit below {F(c.Rule.EffectiveParameter)}){ci}, more than the {Pct(e.Expected)} tolerated (q = {Q(e.QValue)}).",
            DriftMetric.PersonaSplit =>
                $"The people tagged '{persona}' fall into well-separated groups (mean silhouette {F(e.Observed)} on {e.N} people, threshold {F(e.Expected)}). One persona is hiding several.",
            DriftMetric.MessagingDepth =>
                $"Among the {e.N} people tagged '{persona}' with a recorded deep personal desire, {Pct(e.Observed)} responded to layer-4 themes in the last {c.Rule.WindowDays} days{ci}, against {Pct(e.Expected)} for the layer-{(int)c.Persona.Messaging.ReachedLayer} themes the persona's messaging stops at (q = {Q(e.QValue)}). Take its messaging to layer 4.",
            DriftMetric.TrustChannel when e.Expected is null =>
                $"{Pct(e.Observed)} of the {e.N} people tagged '{persona}' with trust recorded extend trust through '{subject}'{ci}, a channel the persona does not declare; that is significantly more than {Pct(c.Rule.Threshold)} (q = {Q(e.QValue)}).",
            DriftMetric.TrustChannel =>
                $"{Pct(e.Observed)} of the {e.N} people tagged '{persona}' with trust recorded extend trust through '{subject}'{ci}, against the {Pct(e.Expected)} the persona expects.{q}",
            DriftMetric.MessageTheme =>
                $"The theme '{subject}' lands with '{persona}': {Pct(e.Observed)} of its {e.N} people responded to it in the last {c.Rule.WindowDays} days{ci}, against {Pct(e.Expected)} on average for its other themes of the same messaging layer ({F(e.Observed / Math.Max(e.Expected ?? 0, 1e-9))}×; q = {Q(e.QValue)}). Responses are counted per person, not per send: a theme sent to fewer people reads low.",
            DriftMetric.AdvocacyConcentration =>
                $"The advocacy of '{persona}' rests on a few people: its most active tenth ({(long)e.Statistic} people) produced {Pct(e.Observed)} of its {e.N} contribution, referral, advocacy and co-creation events in the last 90 days (threshold {Pct(e.Expected)}). Build the programme around them; the list of advocates and connectors names them.",
            _ => $"{c.Rule.Name}: {F(e.Observed)}.",
        };
    }

    public static string Insufficient(Candidate c) =>
        c.Dimension is { } d && c.Rule.Metric is not DriftMetric.ProfileCoverage
            ? $"Only {c.Evidence.N} people tagged '{c.Persona.Name}' have {d.ToDisplayName().ToLowerInvariant()} recorded for '{c.Rule.Name}'; the rule needs {c.Rule.MinimumSample} before it can call drift. This is not drift: record {d.ToDisplayName().ToLowerInvariant()} for more of its people (see the enrichment worklist)."
            : $"Only {c.Evidence.N} people are available for '{c.Rule.Name}' on '{c.Persona.Name}'; the rule needs {c.Rule.MinimumSample} before it can call drift. This is not drift.";

    private static string Singular(TraitDimension? dimension) => dimension switch
    {
        TraitDimension.Aspiration => "aspiration",
        TraitDimension.CoreFear => "core fear",
        TraitDimension.PeerGroup => "peer group",
        TraitDimension.Community => "community",
        _ => "trait",
    };

    private static string RateCi(Results.Evidence e) =>
        e.IntervalLow is { } lo && e.IntervalHigh is { } hi ? $" (95% CI {F(lo)}–{F(hi)})" : string.Empty;

    internal static string Pct(double? value) =>
        value is { } v ? (v * 100).ToString(v < 0.1 && v > 0 ? "0.#" : "0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string F(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";

    private static string Q(double? value) => value switch
    {
        null => "n/a",
        < 0.001 => "< 0.001",
        { } v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
