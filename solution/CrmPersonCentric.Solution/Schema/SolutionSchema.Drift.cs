using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Drift.Rules;
using static CrmPersonCentric.Solution.Schema.Columns;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>The drift tables: rules (configuration for ops admins), findings and revisions (written by the backend).</summary>
internal static partial class SolutionSchema
{
    public static TableDefinition DriftRule => new(Tables.DriftRule.Name, "Drift rule", "Drift rules", "When a persona counts as drifting from its people: one metric, its threshold and how much evidence it needs.", true, false,
    [
        Name(Tables.DriftRule.DisplayName, "Name", "What the rule checks, in words."),
        Text(Tables.DriftRule.Key, "Key", "The rule's stable id; findings refer to it. Unique.", 100) with { IsRequired = true },
        Choice(Tables.DriftRule.Metric, "Metric", "What the rule measures.", SolutionChoices.DriftMetric) with { IsRequired = true },
        Choice(Tables.DriftRule.Dimension, "Dimension", "For trait metrics: the one trait dimension to check (empty: all four).", SolutionChoices.TraitDimension),
        Decimal(Tables.DriftRule.Threshold, "Threshold", "The threshold depends on the metric. " + Describe(d => d.ThresholdMeaning), 0m, 100m, 4) with { IsRequired = true },
        Decimal(Tables.DriftRule.CriticalThreshold, "Critical threshold", "Optional second threshold, same meaning as the threshold, beyond which a finding is critical.", 0m, 100m, 4),
        Whole(Tables.DriftRule.MinimumSample, "Minimum sample", "Fewest people (or events) needed; below it the result is 'insufficient evidence', never drift.", 1, 1_000_000),
        Whole(Tables.DriftRule.WindowDays, "Window (days)", "How many days back the rule looks at behaviour and profile changes.", 1, 3650),
        Choice(Tables.DriftRule.Severity, "Severity", "How serious a finding of this rule is: info, warning or critical.", SolutionChoices.Severity),
        // Restrict: emptied, the lookup would mean "every persona", turning a persona's rule into a global one.
        Lookup(Tables.DriftRule.Persona, "Persona", "The one persona the rule applies to (empty: every persona).", Tables.Persona.Name) with { OnDelete = CascadeDelete.Restrict, RelatedMenuLabel = "Drift rules for this persona" },
        Boolean(Tables.DriftRule.Enabled, "Enabled", "Disabled rules are not evaluated.", defaultValue: true),
        Decimal(Tables.DriftRule.FalseDiscoveryRate, "False discovery rate", "The share of false alarms tolerated across all tests of a run (Benjamini–Hochberg), e.g. 0.05.", 0m, 1m, 4),
        Decimal(Tables.DriftRule.Parameter, "Parameter", "Only some metrics use it. " + Describe(d => d.ParameterMeaning), 0m, 100m, 4),
    ], [Tables.DriftRule.Key]);

    // Not audited: the backend rewrites findings every run, evidence of up to 100,000 characters each time.
    public static TableDefinition DriftFinding => new(Tables.DriftFinding.Name, "Drift finding", "Drift findings", "A drift between a persona's definition and its people, with the evidence; written by CrmPersonCentric.", true, true,
    [
        Name("cpc_name", "Name", "A readable title of the finding.", 400),
        Text(Tables.DriftFinding.Key, "Key", "The finding's stable id (persona, rule and subject). Unique.", 400) with { IsRequired = true },
        Lookup(Tables.DriftFinding.Persona, "Persona", "The persona that drifts.", Tables.Persona.Name) with { OnDelete = CascadeDelete.Cascade },
        Text(Tables.DriftFinding.Rule, "Rule key", "The key of the drift rule that found it.", 100),
        Choice(Tables.DriftFinding.Metric, "Metric", "What was measured.", SolutionChoices.DriftMetric),
        Text(Tables.DriftFinding.Subject, "Subject", "The trait, behaviour or dimension concerned.", 400),
        Choice(Tables.DriftFinding.Severity, "Severity", "How serious the finding is.", SolutionChoices.Severity),
        Choice(Tables.DriftFinding.Status, "Finding status", "Open while the latest run still sees the drift.", SolutionChoices.FindingStatus),
        Memo(Tables.DriftFinding.Evidence, "Evidence", "JSON: the statistics behind the finding.", LongText),
        Memo(Tables.DriftFinding.Rationale, "Rationale", "Why this counts as drift: the statistics behind it, in words."),
        Text(Tables.DriftFinding.Headline, "Headline", "The finding in one plain sentence: what people show against what the persona says.", 400),
        Choice(Tables.DriftFinding.Kind, "Finding kind", "Drift to act on, data quality to strengthen, or an opportunity to use.", SolutionChoices.FindingKind),
    ], [Tables.DriftFinding.Key]) { IsAudited = false };

    public static TableDefinition PersonaRevision => new(Tables.PersonaRevision.Name, "Persona revision", "Persona revisions", "A suggested change to a persona, with its evidence and the marketing lead's decision.", true, true,
    [
        Name("cpc_name", "Name", "A readable title of the suggestion.", 400),
        Text(Tables.PersonaRevision.Key, "Key", "The suggestion's stable id. Unique.", 400) with { IsRequired = true },
        Lookup(Tables.PersonaRevision.Persona, "Persona", "The persona to revise.", Tables.Persona.Name) with { OnDelete = CascadeDelete.Cascade },
        Whole(Tables.PersonaRevision.PersonaVersion, "Persona version", "The persona version the suggestion was made against.", 1, 1_000_000),
        Choice(Tables.PersonaRevision.Type, "Type", "The kind of revision.", SolutionChoices.SuggestionType),
        Choice(Tables.PersonaRevision.Dimension, "Dimension", "The trait dimension concerned, if any.", SolutionChoices.TraitDimension),
        Text(Tables.PersonaRevision.Subject, "Subject", "The trait, behaviour or ICP attribute concerned.", 400),
        // Audited: the decision, who and when; not the machine-written suggestion, refreshed while it is proposed.
        Memo(Tables.PersonaRevision.ProposedValue, "Proposed value", "The value the revision would set.", 4000) with { IsAudited = false },
        Memo(Tables.PersonaRevision.Details, "Details", "One line per detail of the suggestion.") with { IsAudited = false },
        Memo(Tables.PersonaRevision.Evidence, "Evidence", "JSON: the findings and groups supporting the suggestion.", LongText) with { IsAudited = false },
        Memo(Tables.PersonaRevision.Rationale, "Rationale", "Why the revision is suggested, in words.") with { IsAudited = false },
        Choice(Tables.PersonaRevision.Decision, "Decision", "Proposed until a marketing lead accepts or rejects it; accepted revisions become Applied.", SolutionChoices.Decision),
        Lookup(Tables.PersonaRevision.DecidedBy, "Decided by", "Who accepted or rejected the revision.", "systemuser"),
        DateTime(Tables.PersonaRevision.DecidedOn, "Decided on", "When the revision was accepted or rejected."),
    ], [Tables.PersonaRevision.Key]);

    private static string Describe(Func<MetricDefinition, string?> meaning) =>
        string.Join(" ", Enum.GetValues<DriftMetric>()
            .Select(m => (Label: SolutionChoices.DriftMetric.Options.Single(o => o.Value == Choices.From(m)).Label, Text: meaning(MetricDefinition.For(m))))
            .Where(x => x.Text is not null)
            .Select(x => $"{x.Label}: {x.Text}."));
}
